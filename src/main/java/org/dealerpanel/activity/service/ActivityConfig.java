package org.dealerpanel.activity.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.dealerpanel.activity.ActivityRules;

/**
 * The activity rules as configuration ({@code tracker.activity.*}), with issue 4's defaults. This is
 * the only place they are configured; {@link Producer} turns them into the pure
 * {@link ActivityRules} that the classifier and the trend detector take.
 */
@ConfigMapping(prefix = "tracker.activity")
public interface ActivityConfig {
    /** Silent this many days or more (and observed enough) is DORMANT; also the REACTIVATED silence. */
    @WithDefault("30")
    int dormantAfterDays();

    /** Silent this many days or more (and observed enough) is CEASED. */
    @WithDefault("90")
    int ceasedAfterDays();

    /** Share of the silent days that must have been observed for silence to count; otherwise UNKNOWN. */
    @WithDefault("0.5")
    double minCoverage();

    /** Days of the recent window ending D. */
    @WithDefault("28")
    int recentWindowDays();

    /** Days of the baseline window just before the recent one. */
    @WithDefault("84")
    int baselineWindowDays();

    /** Observed days each window needs before a step flag is considered. */
    @WithDefault("14")
    int minObservedDays();

    /** Rate ratio of a step (1.5 up, 1/1.5 down). */
    @WithDefault("1.5")
    double stepRatio();

    /** One-sided significance level of the step test. */
    @WithDefault("0.01")
    double alpha();

    /** Quartz cron of the nightly snapshot, in the panel's time zone; "off" disables it. */
    @WithDefault("0 30 1 * * ?")
    String snapshotCron();

    /**
     * A panel of fewer accounts than this has a missing day's snapshot computed inside the request that needs it
     * (seconds); a larger one is served the latest earlier snapshot while the day's is built in the background.
     */
    @WithDefault("20000")
    long inlineBuildBelowAccounts();

    /**
     * On such a large panel, a day whose snapshot has this many stale rows or more (a morning import of yesterday's
     * counts marks every row it touches) is refreshed in the background too, and the request is served the latest
     * earlier snapshot with fewer; fewer stale rows are refreshed inside the request.
     */
    @WithDefault("2000")
    long inlineRefreshBelowAccounts();

    /**
     * Stale accounts refreshed per transaction in the background: a refresh holds the lock that every write of
     * observations takes shared (V21), so a PUT waits for one part (under a second), not for the whole day.
     */
    @WithDefault("4000")
    int refreshPart();

    /** Transaction timeout of a whole-panel recompute (nightly, admin, background build), in seconds. */
    @WithName("recompute-timeout")
    @WithDefault("3600")
    int recomputeTimeoutSeconds();

    default ActivityRules rules() {
        return new ActivityRules(dormantAfterDays(), ceasedAfterDays(), minCoverage(), recentWindowDays(),
                baselineWindowDays(), minObservedDays(), stepRatio(), alpha());
    }

    /** Makes the configured rules injectable (checked once, at start-up). */
    class Producer {
        @Produces
        @Singleton
        ActivityRules rules(ActivityConfig config) {
            return config.rules();
        }
    }
}
