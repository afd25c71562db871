package org.dealerpanel.image.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on uploaded images (tracker.images.*). */
@ConfigMapping(prefix = "tracker.images")
public interface ImageLimits {
    /** Largest accepted file, in bytes (default 20 MB); larger uploads get 413. */
    @WithDefault("20971520")
    long maxBytes();

    /** Largest accepted width × height, read from the header before decoding (default 40 MP); larger gets 413. */
    @WithDefault("40000000")
    long maxPixels();

    /** Uploads verified (decoded) at the same time; more wait. */
    @WithDefault("2")
    int concurrentChecks();
}
