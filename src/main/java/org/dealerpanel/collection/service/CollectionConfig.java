package org.dealerpanel.collection.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The revisit schedule's settings ({@code tracker.collection.*}). */
@ConfigMapping(prefix = "tracker.collection")
public interface CollectionConfig {
    /** Accounts whose status turns UNKNOWN (or whose trend flags stop) within this many days are marked. */
    @WithDefault("7")
    int warnDays();

    /**
     * How long the pages reuse a computed coverage (per as-of day; 0: never). The API always computes it afresh. A
     * change of a cadence made on this instance drops the cached ones at once.
     */
    @WithDefault("10M")
    java.time.Duration coverageCache();
}
