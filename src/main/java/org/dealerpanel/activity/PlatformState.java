package org.dealerpanel.activity;

public enum PlatformState {
    LIVE, CLOSED_BY_OWNER, REMOVED_BY_PLATFORM, UNREACHABLE;

    /** States that end an account whatever the counts say. UNREACHABLE does not (it may be our collector). */
    public boolean terminal() {
        return this == CLOSED_BY_OWNER || this == REMOVED_BY_PLATFORM;
    }
}
