package org.dealerpanel.observation.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.InstanceName;
import org.dealerpanel.observation.ObservationImport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The record of each CSV import (observation_import): created when the import starts, updated by a heartbeat of
 * this instance every {@code tracker.import.progress-interval} with the phase, rows and bytes read so far, and closed
 * with the outcome. Every write is a short transaction of its own, outside the import's transaction, so that any
 * request on any instance sees the progress while the import runs. A run whose instance stopped beating for
 * {@code tracker.import.lost-after} is shown as LOST (its instance died; its transaction was rolled back with it).
 */
@ApplicationScoped
public class ImportRunService {
    private static final Logger LOG = Logger.getLogger(ImportRunService.class);

    public enum Phase { RECEIVING, CHECKING, MERGING, FINISHED }

    public enum Outcome { IMPORTED, REFUSED, ABORTED, FAILED }

    /** What the API and the uploads page show: the outcome once finished, RUNNING or LOST before. */
    public enum State { RUNNING, LOST, IMPORTED, REFUSED, ABORTED, FAILED }

    public record ImportRunView(long id, State state, Phase phase, String startedBy, String fileName, String source,
                                String instance, Long contentLength, long bytesRead, long rowsRead, long badLines,
                                Integer percent, Instant startedAt, Instant updatedAt, Instant finishedAt, Integer status,
                                String detail, Long rows, Long inserted, Long updated, Long unchanged, String sha256,
                                Integer batchId) {
        public boolean running() {
            return state == State.RUNNING;
        }
    }

    /** Progress of one running import, written by the import's thread and read by the heartbeat. */
    public static final class Progress {
        final long id;
        volatile Phase phase = Phase.RECEIVING;
        volatile long rowsRead;
        volatile long bytesRead;
        volatile long badLines;

        Progress(long id) {
            this.id = id;
        }

        public long id() {
            return id;
        }
    }

    @Inject
    EntityManager em;
    @Inject
    ImportRunService self;

    @ConfigProperty(name = "tracker.import.progress-interval", defaultValue = "1s")
    Duration interval;
    @ConfigProperty(name = "tracker.import.lost-after", defaultValue = "60s")
    Duration lostAfter;

    private final String instance = InstanceName.get();
    private final Map<Long, Progress> live = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService heartbeat;

    /** Records a new run (committed at once) and starts beating for it. */
    public Progress start(String user, String fileName, String source, Long contentLength) {
        long id = self.insert(user, fileName, source, contentLength);
        Progress progress = new Progress(id);
        live.put(id, progress);
        ensureHeartbeat();
        return progress;
    }

    /** Writes the phase at once (not waiting for the next beat): a reader sees the import move on. */
    public void phase(Progress progress, Phase phase) {
        progress.phase = phase;
        try {
            self.beat(progress.id, phase.name(), progress.rowsRead, progress.bytesRead, progress.badLines);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the phase of import %d: %s", progress.id, e.getMessage());
        }
    }

    /** Closes the run with its outcome; the heartbeat stops. */
    public void finish(Progress progress, Outcome outcome, int status, String detail, ImportTotals totals) {
        live.remove(progress.id);
        try {
            self.close(progress.id, outcome.name(), status, detail == null ? null : truncate(detail, 2000),
                    progress.rowsRead, progress.bytesRead, progress.badLines, totals);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the end of import %d (%s)", progress.id, outcome);
        }
    }

    /** The figures of an import that was written. */
    public record ImportTotals(long rows, long inserted, long updated, long unchanged, String sha256, Integer batchId) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long insert(String user, String fileName, String source, Long contentLength) {
        ObservationImport run = new ObservationImport();
        run.startedBy = user;
        run.fileName = fileName;
        run.source = source;
        run.contentLength = contentLength;
        run.instance = instance;
        run.phase = Phase.RECEIVING.name();
        Instant now = Instant.now();
        run.startedAt = now;
        run.updatedAt = now;
        run.persist();
        return run.id;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void beat(long id, String phase, long rowsRead, long bytesRead, long badLines) {
        em.createNativeQuery("""
                        update observation_import set phase = ?1, rows_read = ?2, bytes_read = ?3, bad_lines = ?4,
                               updated_at = now()
                         where id = ?5 and finished_at is null""")
                .setParameter(1, phase).setParameter(2, rowsRead).setParameter(3, bytesRead).setParameter(4, badLines)
                .setParameter(5, id).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void close(long id, String outcome, int status, String detail, long rowsRead, long bytesRead, long badLines,
               ImportTotals totals) {
        em.createNativeQuery("""
                        update observation_import set phase = 'FINISHED', outcome = ?1, status = ?2, detail = ?3,
                               rows_read = ?4, bytes_read = ?5, bad_lines = ?6, row_count = ?7, inserted = ?8,
                               updated = ?9, unchanged = ?10, sha256 = ?11, batch_id = ?12,
                               updated_at = now(), finished_at = now()
                         where id = ?13 and finished_at is null""")
                .setParameter(1, outcome).setParameter(2, status).setParameter(3, detail)
                .setParameter(4, rowsRead).setParameter(5, bytesRead).setParameter(6, badLines)
                .setParameter(7, totals == null ? null : totals.rows())
                .setParameter(8, totals == null ? null : totals.inserted())
                .setParameter(9, totals == null ? null : totals.updated())
                .setParameter(10, totals == null ? null : totals.unchanged())
                .setParameter(11, totals == null ? null : totals.sha256())
                .setParameter(12, totals == null ? null : totals.batchId())
                .setParameter(13, id).executeUpdate();
    }

    /** Imports still running (their instance beat recently), the oldest first. */
    @Transactional
    public List<ImportRunView> running() {
        Instant alive = Instant.now().minus(lostAfter);
        return ObservationImport.<ObservationImport>find("finishedAt is null and updatedAt > ?1 order by startedAt, id", alive)
                .list().stream().map(this::view).toList();
    }

    /** The latest imports, running or not, the newest first. */
    @Transactional
    public List<ImportRunView> recent(int limit) {
        return ObservationImport.<ObservationImport>find("order by startedAt desc, id desc").page(0, limit).list().stream()
                .map(this::view).toList();
    }

    @Transactional
    public ImportRunView get(long id) {
        ObservationImport run = ObservationImport.findById(id);
        if (run == null) {
            throw ApiException.notFound("import " + id);
        }
        return view(run);
    }

    private ImportRunView view(ObservationImport r) {
        State state;
        if (r.outcome != null) {
            state = State.valueOf(r.outcome);
        } else {
            state = r.updatedAt.isBefore(Instant.now().minus(lostAfter)) ? State.LOST : State.RUNNING;
        }
        Integer percent = null;
        if (r.outcome != null && "IMPORTED".equals(r.outcome)) {
            percent = 100;
        } else if (r.contentLength != null && r.contentLength > 0) {
            percent = (int) Math.min(100, r.bytesRead * 100 / r.contentLength);
        }
        return new ImportRunView(r.id, state, Phase.valueOf(r.phase), r.startedBy, r.fileName, r.source, r.instance,
                r.contentLength, r.bytesRead, r.rowsRead, r.badLines, percent, r.startedAt, r.updatedAt, r.finishedAt,
                r.status, r.detail, r.rowCount, r.inserted, r.updated, r.unchanged, r.sha256, r.batchId);
    }

    private void ensureHeartbeat() {
        if (heartbeat != null) {
            return;
        }
        synchronized (this) {
            if (heartbeat == null) {
                ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "import-progress");
                    t.setDaemon(true);
                    return t;
                });
                long every = Math.max(50, interval.toMillis());
                s.scheduleWithFixedDelay(this::beatAll, every, every, TimeUnit.MILLISECONDS);
                heartbeat = s;
            }
        }
    }

    private void beatAll() {
        for (Progress p : live.values()) {
            try {
                self.beat(p.id, p.phase.name(), p.rowsRead, p.bytesRead, p.badLines);
            } catch (RuntimeException e) {
                LOG.warnf("could not record the progress of import %d: %s", p.id, e.getMessage());
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ScheduledExecutorService s = heartbeat;
        heartbeat = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

}
