package org.dealerpanel.archive.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.common.DatabaseGate;
import org.dealerpanel.common.InstanceName;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The re-match workers of this instance: {@code tracker.rescan.workers} plain threads (not a clustered Quartz job,
 * which would run on one instance only) that claim and do batches while there are any, finish the re-match when none
 * is left, and otherwise sleep {@code tracker.rescan.poll} (a lexicon change made here wakes them at once).
 */
@ApplicationScoped
public class RescanWorkers {
    private static final Logger LOG = Logger.getLogger(RescanWorkers.class);

    @Inject
    Rematcher rematcher;
    @Inject
    DatabaseGate database;
    @ConfigProperty(name = "tracker.rescan.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "tracker.rescan.workers")
    java.util.Optional<Integer> workerCount;
    @ConfigProperty(name = "tracker.rescan.poll", defaultValue = "2s")
    Duration poll;

    private final Object monitor = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private final String node = InstanceName.node();
    private volatile boolean running;
    private boolean wakeUp;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        int n = workerCount.orElse(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        for (int i = 1; i <= n; i++) {
            Thread t = new Thread(this::loop, "rescan-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        LOG.infof("re-match workers %s: %d threads, poll %s", node, n, poll);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    /** Makes the sleeping workers look for work now. */
    public void wake() {
        synchronized (monitor) {
            wakeUp = true;
            monitor.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                // while the database cannot be reached there is nothing to do but wait for it
                if (database.isOpen() && (rematcher.runBatch(node) || rematcher.finishIfDone(node))) {
                    continue;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                database.suspect(e);
                LOG.warn("re-match batch failed; it stays to do and is tried again", e);
            }
            synchronized (monitor) {
                if (!wakeUp && running) {
                    try {
                        monitor.wait(Math.max(100, poll.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                wakeUp = false;
            }
        }
    }

}
