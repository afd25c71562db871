package org.dealerpanel.account;

/** What the platform shows for an account. CLOSED_BY_OWNER and REMOVED_BY_PLATFORM mean it has ceased. */
public enum PlatformState {
    LIVE, CLOSED_BY_OWNER, REMOVED_BY_PLATFORM, UNREACHABLE;

    public boolean isGone() {
        return this == CLOSED_BY_OWNER || this == REMOVED_BY_PLATFORM;
    }
}
