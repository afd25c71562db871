package org.dealerpanel.activity.service;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Vacuums {@code activity_snapshot} once a transaction that wrote a whole snapshot day has committed. A freshly
 * written day is not yet all-visible, so every list request's index-only scans would visit the heap for each of
 * its rows until autovacuum came by; after this, they read the index alone. Runs on a thread of its own (VACUUM
 * cannot run inside a transaction), one at a time; requests while one runs fold into one more run.
 */
@ApplicationScoped
public class SnapshotVacuum {
    private static final Logger LOG = Logger.getLogger(SnapshotVacuum.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "activity-snapshot-vacuum");
        t.setDaemon(true);
        return t;
    });

    /** Within a transaction: vacuum after it commits (nothing if it rolls back). */
    public void afterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    request();
                }
            }
        });
    }

    void request() {
        if (pending.compareAndSet(false, true)) {
            worker.submit(this::vacuum);
        }
    }

    private void vacuum() {
        pending.set(false);
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("vacuum (analyze) activity_snapshot");
            LOG.debugf("activity_snapshot vacuumed in %d ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            LOG.warnf("vacuum of activity_snapshot after a snapshot build failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
