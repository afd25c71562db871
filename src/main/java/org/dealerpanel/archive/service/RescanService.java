package org.dealerpanel.archive.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.dealerpanel.term.service.LexiconChanged;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The re-match of every stored text after a lexicon change (tables rescan_state and rescan_batch, migration V10).
 *
 * <p>In the transaction of the change, the work is (re)planned: the target is the new lexicon version, and the ids of
 * archive_text are cut into batches of {@code tracker.rescan.batch-size}; a change while a re-match runs plans it
 * again from the start for the newer version. {@link RescanWorkers} of every instance then claim the batches
 * ({@link Rematcher}); the state is RUNNING until the last batch is done and the texts stored meanwhile by an older
 * matcher are matched again, then IDLE.
 */
@ApplicationScoped
public class RescanService {
    /**
     * Progress of the re-match: {@code lexiconVersion} is the version it applies (the current lexicon version once
     * planned); {@code done} of {@code total} stored texts; what changed so far.
     */
    public record RescanStatus(int lexiconVersion, String state, long done, long total, Instant startedAt, Instant finishedAt,
                               long textsChanged, long matchesAdded, long matchesSuperseded) {
        public boolean running() {
            return "RUNNING".equals(state);
        }

        /** 0..100, whole percent done. */
        public int percent() {
            return total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        }
    }

    @Inject
    EntityManager em;
    @Inject
    RescanWorkers workers;
    @ConfigProperty(name = "tracker.rescan.batch-size", defaultValue = "1000")
    int batchSize;

    /** Plans the re-match in the transaction that changed the lexicon. */
    void onLexiconChange(@Observes LexiconChanged change) {
        plan(change.version());
    }

    /** Once the change is committed, this instance's workers start at once (others within their poll interval). */
    void onLexiconCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) LexiconChanged change) {
        workers.wake();
    }

    /** (Re)plans the re-match of every stored text for lexicon {@code version}; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(int version) {
        // waits for a batch a worker is doing right now (its row is locked), which is then done again for this version
        em.createNativeQuery("delete from rescan_batch").executeUpdate();
        em.createNativeQuery("insert into rescan_batch (first_id, last_id)"
                        + " select g, least(g + ?1 - 1, m.hi) from (select min(id) as lo, max(id) as hi from archive_text) m,"
                        + " generate_series(m.lo, m.hi, ?1) g where m.lo is not null")
                .setParameter(1, (long) Math.max(1, batchSize)).executeUpdate();
        em.createNativeQuery("update rescan_state set target_version = greatest(target_version, ?1),"
                        + " state = case when exists (select 1 from rescan_batch) then 'RUNNING' else 'IDLE' end,"
                        + " total = (select count(*) from archive_text), swept = 0, started_at = now(),"
                        + " finished_at = case when exists (select 1 from rescan_batch) then null else now() end")
                .setParameter(1, version).executeUpdate();
    }

    /** Where the re-match stands. */
    @Transactional
    public RescanStatus status() {
        Object[] r = (Object[]) em.createNativeQuery("select s.target_version, s.state, s.total, s.swept, s.started_at, s.finished_at,"
                + " coalesce(b.texts, 0), coalesce(b.changed, 0), coalesce(b.added, 0), coalesce(b.removed, 0)"
                + " from rescan_state s cross join (select sum(texts) as texts, sum(changed) as changed, sum(added) as added,"
                + " sum(removed) as removed from rescan_batch where done) b").getSingleResult();
        String state = (String) r[1];
        long total = ((Number) r[2]).longValue();
        long done = "IDLE".equals(state) ? total : Math.min(total, ((Number) r[6]).longValue());
        return new RescanStatus(((Number) r[0]).intValue(), state, done, total, toInstant(r[4]), toInstant(r[5]),
                ((Number) r[7]).longValue(), ((Number) r[8]).longValue(), ((Number) r[9]).longValue());
    }

    static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
