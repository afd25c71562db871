package org.dealerpanel.activity.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Nightly, after local midnight in the panel's time zone: records status and flags as of yesterday (a local
 * day) for every account. Runs on one node of the
 * cluster (Quartz jdbc-cmt store, clustered); a run that was missed while every node was down is not
 * caught up (the next night's run, or {@code POST /api/v1/activity/recompute}, fills the gap).
 */
@ApplicationScoped
public class SnapshotJob {
    @Inject
    ActivityService activity;

    @Scheduled(identity = "activity-snapshot", cron = "{tracker.activity.snapshot-cron}", timeZone = "{tracker.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        activity.recompute(ActivityService.yesterday(), "nightly");
    }
}
