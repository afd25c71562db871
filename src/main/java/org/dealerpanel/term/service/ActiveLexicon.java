package org.dealerpanel.term.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.lexicon.matching.LexiconTerm;
import org.dealerpanel.lexicon.matching.TermMatcher;
import org.jboss.logging.Logger;

/**
 * Holds the {@link TermMatcher} over the active lexicon. The matcher is immutable: a change to the lexicon
 * builds a new one after the change commits and swaps the reference, so readers never lock. Another
 * service instance sharing the database picks a change up within a minute (a fingerprint of the term
 * table is compared every minute).
 */
@ApplicationScoped
public class ActiveLexicon {
    private static final Logger LOG = Logger.getLogger(ActiveLexicon.class);

    @Inject
    EntityManager em;

    private final AtomicReference<TermMatcher> matcher = new AtomicReference<>(TermMatcher.empty());
    private volatile String fingerprint = "";

    void onStart(@Observes StartupEvent event) {
        rebuild();
    }

    /** The matcher over the currently active terms. */
    public TermMatcher matcher() {
        return matcher.get();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) LexiconChanged change) {
        rebuild();
    }

    @Scheduled(every = "${tracker.lexicon.refresh:60s}", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "lexicon-refresh")
    void refreshIfChanged() {
        String now = QuarkusTransaction.requiringNew().call(this::currentFingerprint);
        if (!now.equals(fingerprint)) {
            rebuild();
        }
    }

    /** Reads the active terms and swaps in a new matcher. */
    public synchronized void rebuild() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, term, category from term where active order by id").getResultList();
            List<LexiconTerm> terms = rows.stream()
                    .map(r -> new LexiconTerm(((Number) r[0]).longValue(), (String) r[1], TermCategory.valueOf((String) r[2])))
                    .toList();
            TermMatcher built = TermMatcher.build(terms);
            fingerprint = currentFingerprint();
            matcher.set(built);
            LOG.debugf("lexicon matcher rebuilt over %d active terms", built.terms().size());
        });
    }

    private String currentFingerprint() {
        Object[] row = (Object[]) em.createNativeQuery(
                "select count(*), coalesce(max(id), 0), count(*) filter (where active) from term").getSingleResult();
        return row[0] + "/" + row[1] + "/" + row[2];
    }
}
