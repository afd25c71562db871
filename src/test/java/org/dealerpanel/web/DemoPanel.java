package org.dealerpanel.web;

import io.quarkus.arc.Arc;
import org.dealerpanel.demo.DemoDataLoader;

/** Loads the synthetic demo panel (bin/run's) into the test database once, beside whatever other tests created. */
public final class DemoPanel {
    private static boolean loaded;

    private DemoPanel() {
    }

    public static synchronized void ensureLoaded() {
        if (!loaded) {
            Arc.container().instance(DemoDataLoader.class).get().loadUnlessPresent();
            loaded = true;
        }
    }
}
