package org.dealerpanel.activity;

/**
 * The statistics core's own view of what the platform shows for an account (the account package has the stored
 * state; activity/service maps it). CLOSED_BY_OWNER and REMOVED_BY_PLATFORM mean the account is gone.
 */
public enum PlatformCondition {
    LIVE, CLOSED_BY_OWNER, REMOVED_BY_PLATFORM, UNREACHABLE;

    /** True for a state that means the account has ceased (closed or removed). */
    public boolean isGone() {
        return this == CLOSED_BY_OWNER || this == REMOVED_BY_PLATFORM;
    }
}
