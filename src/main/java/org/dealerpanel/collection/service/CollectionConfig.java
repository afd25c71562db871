package org.dealerpanel.collection.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The revisit schedule's settings ({@code tracker.collection.*}). */
@ConfigMapping(prefix = "tracker.collection")
public interface CollectionConfig {
    /** Accounts whose status turns UNKNOWN (or whose trend flags stop) within this many days are marked. */
    @WithDefault("7")
    int warnDays();
}
