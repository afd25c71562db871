package org.dealerpanel.common;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/** This service instance as {@code host/pid}: recorded with work that one instance of several does (e.g. the nightly snapshot). */
public final class InstanceName {
    private static final String NAME = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid();

    private InstanceName() {
    }

    public static String get() {
        return NAME;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "host";
        }
    }
}
