package org.dealerpanel.image.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dealerpanel.common.IdleHeap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dealerpanel.common.DatabaseGate;
import org.dealerpanel.common.InstanceName;
import org.dealerpanel.image.service.ImageStore;
import org.dealerpanel.ocr.OcrResult;
import org.dealerpanel.ocr.OcrService;
import org.dealerpanel.term.service.ActiveLexicon;
import org.jboss.logging.Logger;

/**
 * Drains the OCR queue: every instance polls the queue (every {@code tracker.ocr.poll}, on a thread of its own) and
 * claims as many due jobs as it has idle workers and hands them to a fixed pool of {@code tracker.ocr.workers} threads; a
 * worker that finishes claims again at once, so a backlog drains without waiting for the trigger. Each worker
 * runs {@link OcrService#recognise(Path)} (which lends it one Tesseract handle for the call, never shared),
 * then the lexicon matcher and the contact extractor, and writes the outcome under its lease.
 * While a job runs, its lease is renewed every lease/3 by this instance, so a long OCR is not taken over; only a
 * dead (or hung-and-partitioned) instance's leases run out.
 * On shutdown running jobs get a few seconds; unfinished ones keep their lease, which runs out, and are
 * claimed again by the next instance to start: nothing is lost, nothing finished is redone.
 */
@ApplicationScoped
public class OcrDrainer {
    private static final Logger LOG = Logger.getLogger(OcrDrainer.class);

    @Inject
    OcrSettings settings;
    @Inject
    OcrQueue queue;
    @Inject
    OcrEngine engine;
    @Inject
    ImageStore store;
    @Inject
    ActiveLexicon lexicon;
    @Inject
    ObjectMapper json;
    @Inject
    DatabaseGate database;

    private final AtomicInteger busy = new AtomicInteger();
    private volatile long idleSince = System.nanoTime();
    private volatile boolean engineMemoryReleased;
    private final String node = InstanceName.node();
    private final Set<OcrQueue.Claim> running = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService pool;
    private volatile ScheduledExecutorService heartbeat;
    private volatile ScheduledExecutorService poller;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.workerCount(), r -> {
            Thread t = new Thread(r, "ocr-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Leases of running jobs are extended on a plain thread of this instance, not by Quartz: with a clustered
        // job store a trigger fires on one instance only, but every instance must keep its own leases alive.
        long every = Math.max(1000, settings.lease().toMillis() / 3);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocr-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        // Each instance watches the queue for its own idle workers. (A clustered Quartz trigger fires on one
        // instance only, which left the others idle beside a backlog; cluster-wide triggers are for once-per-cluster
        // jobs such as the nightly snapshot.)
        long pollEvery = Math.max(100, pollMillis(settings.poll()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocr-queue-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollEvery, pollEvery, TimeUnit.MILLISECONDS);
        LOG.infof("OCR queue drainer %s: %d workers, lease %s, %d attempts", node, settings.workerCount(), settings.lease(),
                settings.maxAttempts());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        ScheduledExecutorService q = poller;
        poller = null;
        if (q != null) {
            q.shutdownNow();
        }
        ScheduledExecutorService h = heartbeat;
        heartbeat = null;
        if (h != null) {
            h.shutdownNow();
        }
        ExecutorService p = pool;
        pool = null;
        if (p != null) {
            p.shutdown();
            if (!p.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("OCR workers still busy at shutdown; their leases will expire and the jobs be taken again");
            }
        }
    }

    /** This instance's name in leased_by. */
    public String node() {
        return node;
    }

    /**
     * One poll of this instance's queue watcher; a failure is logged and the next poll tries again. While the database
     * cannot be reached ({@link DatabaseGate}) polls are skipped: the queue lives there.
     */
    void poll() {
        releaseMemoryWhenIdle();
        if (!database.isOpen()) {
            return;
        }
        try {
            drain();
        } catch (RuntimeException e) {
            database.suspect(e);
            LOG.warn("OCR queue poll failed", e);
        }
    }

    /** Once no job has run for {@code tracker.ocr.release-idle}, the engine's buffers go back to the system. */
    void releaseMemoryWhenIdle() {
        long after = settings.releaseIdle().toNanos();
        OcrService ocr = engine.service();
        if (after <= 0 || ocr == null || engineMemoryReleased || busy.get() > 0 || System.nanoTime() - idleSince < after) {
            return;
        }
        engineMemoryReleased = true;
        ocr.releaseIdleMemory();
        IdleHeap.Shrink heap = IdleHeap.shrink();
        LOG.debugf("OCR idle for %s: engine memory released, heap %s", settings.releaseIdle(),
                heap == null ? "as it was" : heap.committedBefore() / 1_048_576 + " -> " + heap.committedAfter() / 1_048_576 + " MB");
    }

    /** "2s", "500ms", "1m" or an ISO-8601 duration, as tracker.ocr.poll is written. */
    static long pollMillis(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.endsWith("ms")) {
            return Long.parseLong(v.substring(0, v.length() - 2));
        }
        if (v.matches("\\d+[smh]")) {
            return java.time.Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT)).toMillis();
        }
        return java.time.Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT)).toMillis();
    }

    /** Claims due jobs for the idle workers. */
    public synchronized void drain() {
        ExecutorService p = pool;
        OcrService ocr = engine.service();
        if (p == null || ocr == null) {
            return;
        }
        int idle = settings.workerCount() - busy.get();
        if (idle <= 0) {
            return;
        }
        List<OcrQueue.Claim> claims;
        try {
            claims = queue.claim(idle, node, settings.lease(), settings.maxAttempts());
        } catch (RuntimeException e) {
            database.suspect(e);
            if (database.isOpen()) {
                LOG.warn("could not claim OCR jobs", e);
            } else {
                LOG.debug("could not claim OCR jobs: the database cannot be reached", e);
            }
            return;
        }
        for (OcrQueue.Claim claim : claims) {
            busy.incrementAndGet();
            engineMemoryReleased = false;
            try {
                running.add(claim);
                p.execute(() -> {
                    try {
                        process(claim, ocr);
                    } finally {
                        running.remove(claim);
                        if (busy.decrementAndGet() == 0) {
                            idleSince = System.nanoTime();
                        }
                    }
                    drain();
                });
            } catch (RuntimeException rejected) { // shutting down: the lease will expire
                running.remove(claim);
                busy.decrementAndGet();
            }
        }
    }

    /** Extends the leases of the jobs this instance is working on, so only a dead instance's leases run out. */
    void renewLeases() {
        if (running.isEmpty()) {
            return;
        }
        try {
            queue.renew(List.copyOf(running), node, settings.lease());
        } catch (RuntimeException e) {
            database.suspect(e);
            LOG.warn("could not renew OCR leases", e);
        }
    }

    void process(OcrQueue.Claim claim, OcrService ocr) {
        long t0 = System.nanoTime();
        OcrOutcome outcome;
        try {
            Path file = store.path(claim.sha256());
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the stored file is missing: " + file);
            }
            OcrResult result = ocr.recognise(file);
            ActiveLexicon.Snapshot lex = lexicon.fresh();
            OcrAnalysis.Result found = OcrAnalysis.analyse(result, lex.matcher());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("width", result.width());
            detail.put("height", result.height());
            detail.put("millis", result.millis());
            detail.put("tesseractLang", settings.tesseractLang());
            detail.put("ppocr", ocr.config().ppOcr());
            detail.put("meanConfidence", result.meanConfidence());
            detail.put("lines", result.lines());
            outcome = new OcrOutcome(result.text(), json.writeValueAsString(detail), found.matches(), found.contacts(),
                    result.millis(), lex.version());
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            LOG.warnf("OCR of %s failed (attempt %d): %s", claim.sha256(), claim.attempt(), error);
            if (!queue.fail(claim, node, error, settings.maxAttempts(), settings.backoff(), settings.backoffMax())) {
                LOG.warnf("lost the lease of %s; the failure is not recorded", claim.sha256());
            }
            return;
        }
        if (queue.complete(claim, node, outcome)) {
            LOG.debugf("OCR of %s done in %d ms: %d matches, %d contacts", claim.sha256(),
                    (System.nanoTime() - t0) / 1_000_000, outcome.matches().size(), outcome.contacts().size());
        } else {
            LOG.warnf("lost the lease of %s before finishing; the result is dropped (another worker has it)", claim.sha256());
        }
    }

}
