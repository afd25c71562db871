package org.dealerpanel.account.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the activity status (configuration, with the contract's defaults). */
@ConfigMapping(prefix = "tracker.activity")
public interface ActivityRules {
    /** Silent this many days or more (and observed enough) is DORMANT. */
    @WithDefault("30")
    int dormantAfterDays();

    /** Silent this many days or more (and observed enough) is CEASED. */
    @WithDefault("90")
    int ceasedAfterDays();

    /** Share of the silent days that must have been observed for silence to count; otherwise UNKNOWN. */
    @WithDefault("0.5")
    double minCoverage();
}
