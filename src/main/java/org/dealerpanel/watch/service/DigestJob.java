package org.dealerpanel.watch.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dealerpanel.common.PanelClock;

/**
 * Each local morning ({@code tracker.digest.cron}, default 07:00, in the panel's time zone {@code tracker.time-zone})
 * builds and sends the digests of the panel's day; in between ({@code tracker.digest.retry-cron}, default every 15
 * minutes) failed or pending deliveries of the last days are tried again. Clustered Quartz jobs: one node runs each
 * firing; the digest table makes a second run (a restart, another node) build and send nothing twice.
 */
@ApplicationScoped
public class DigestJob {
    @Inject
    DigestService digests;

    @Scheduled(identity = "watch-digest", cron = "${tracker.digest.cron}", timeZone = "${tracker.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void morning() {
        digests.run(PanelClock.today(), "job");
    }

    @Scheduled(identity = "watch-digest-retry", cron = "${tracker.digest.retry-cron}", timeZone = "${tracker.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        digests.deliverPending(PanelClock.today());
    }
}
