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
 * Holds the {@link TermMatcher} over the active lexicon with the lexicon version it was built from. The matcher is
 * immutable: a change to the lexicon builds a new one after the change commits and swaps the reference, so readers
 * never lock. Another service instance sharing the database picks a change up within a minute (a fingerprint of the
 * term table is compared every minute), and at once where texts are stored: {@link #fresh()} compares the version
 * with the database first.
 */
@ApplicationScoped
public class ActiveLexicon {
    private static final Logger LOG = Logger.getLogger(ActiveLexicon.class);

    @Inject
    EntityManager em;

    /** A matcher and the lexicon version of the terms it was built from. */
    public record Snapshot(TermMatcher matcher, int version) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(TermMatcher.empty(), 0));
    private volatile String fingerprint = "";

    void onStart(@Observes StartupEvent event) {
        rebuild();
    }

    /** The matcher over the currently active terms. */
    public TermMatcher matcher() {
        return current.get().matcher();
    }

    /** The matcher and its lexicon version, as last built here. */
    public Snapshot snapshot() {
        return current.get();
    }

    /**
     * The matcher of the lexicon version now in the database: rebuilt first if another instance changed the lexicon
     * since (one indexed read of one row). Used where texts are matched and stored.
     */
    public Snapshot fresh() {
        int version = QuarkusTransaction.requiringNew().call(this::databaseVersion);
        Snapshot s = current.get();
        if (s.version() != version) {
            rebuild();
            s = current.get();
        }
        return s;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) LexiconChanged change) {
        rebuild();
    }

    /**
     * Every instance refreshes its own matcher, so this runs on the in-memory scheduler of each instance
     * ({@code executeWith = SIMPLE}, with {@code quarkus.scheduler.use-composite-scheduler=true}); a job of the clustered
     * Quartz store fires on one instance of the cluster only.
     */
    @Scheduled(every = "${tracker.lexicon.refresh:60s}", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "lexicon-refresh", executeWith = Scheduled.SIMPLE)
    void refreshIfChanged() {
        String now = QuarkusTransaction.requiringNew().call(this::currentFingerprint);
        if (!now.equals(fingerprint)) {
            rebuild();
        }
    }

    /** Reads the active terms and the lexicon version (one statement, one snapshot) and swaps in a new matcher. */
    public synchronized void rebuild() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select s.version, t.id, t.term, t.category from lexicon_state s"
                    + " left join term t on t.active order by t.id").getResultList();
            int version = rows.isEmpty() ? 0 : ((Number) rows.get(0)[0]).intValue();
            List<LexiconTerm> terms = rows.stream().filter(r -> r[1] != null)
                    .map(r -> new LexiconTerm(((Number) r[1]).longValue(), (String) r[2], TermCategory.valueOf((String) r[3])))
                    .toList();
            TermMatcher built = TermMatcher.build(terms);
            fingerprint = currentFingerprint();
            current.set(new Snapshot(built, version));
            LOG.debugf("lexicon matcher rebuilt over %d active terms (lexicon version %d)", built.terms().size(), version);
        });
    }

    private int databaseVersion() {
        return ((Number) em.createNativeQuery("select version from lexicon_state").getSingleResult()).intValue();
    }

    private String currentFingerprint() {
        Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(max(id), 0), count(*) filter (where active),"
                + " (select version from lexicon_state) from term").getSingleResult();
        return row[0] + "/" + row[1] + "/" + row[2] + "/" + row[3];
    }
}
