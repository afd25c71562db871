package org.dealerpanel.activity.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Nightly, after local midnight in the panel's time zone: records status and flags as of yesterday (a local day)
 * for every account. Runs on one node of the
 * cluster (Quartz jdbc-cmt store, clustered; {@code executeWith = QUARTZ} because the in-memory scheduler runs beside it
 * for per-instance jobs); a run that was missed while every node was down is not caught up (the next night's run, or
 * {@code POST /api/v1/activity/recompute}, fills the gap). Each run leaves an {@code activity.recompute} audit entry
 * naming the instance that ran it.
 */
@ApplicationScoped
public class SnapshotJob {
    @Inject
    ActivityService activity;

    @Scheduled(identity = "activity-snapshot", cron = "{tracker.activity.snapshot-cron}", timeZone = "{tracker.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, executeWith = Scheduled.QUARTZ)
    void nightly() {
        activity.recompute(ActivityService.yesterday(), "nightly");
    }
}
