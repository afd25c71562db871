package org.dealerpanel.common;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.UUID;

/**
 * This service instance as {@code host/pid}: recorded with work that one instance of several does (the nightly
 * snapshot, an import run, a digest). Looked up once: resolving the machine's name can take seconds where the
 * resolver is slow or unreachable.
 */
public final class InstanceName {
    private static final String NAME = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid();

    private InstanceName() {
    }

    public static String get() {
        return NAME;
    }

    /** A name for one worker pool of this instance (lease holder), unique even across restarts with the same pid. */
    public static String node() {
        return NAME + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "host";
        }
    }
}
