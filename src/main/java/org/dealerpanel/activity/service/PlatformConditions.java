package org.dealerpanel.activity.service;

import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.PlatformCondition;

/** Maps the stored platform state (account package) onto the statistics core's own {@link PlatformCondition}. */
public final class PlatformConditions {
    private PlatformConditions() {
    }

    /** Exhaustive on purpose: a new platform state does not compile until it is mapped here. */
    public static PlatformCondition of(PlatformState state) {
        return switch (state) {
            case LIVE -> PlatformCondition.LIVE;
            case CLOSED_BY_OWNER -> PlatformCondition.CLOSED_BY_OWNER;
            case REMOVED_BY_PLATFORM -> PlatformCondition.REMOVED_BY_PLATFORM;
            case UNREACHABLE -> PlatformCondition.UNREACHABLE;
        };
    }
}
