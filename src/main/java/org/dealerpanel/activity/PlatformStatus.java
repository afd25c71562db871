package org.dealerpanel.activity;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The account's state on its platform and the date it took that state.
 * {@code since == null} means "date not known"; a terminal state without a date is taken to hold
 * for any as-of date (documented choice: we know the account is gone, not since when).
 */
public record PlatformStatus(PlatformCondition state, LocalDate since) {
    public PlatformStatus {
        Objects.requireNonNull(state, "state");
    }

    public static PlatformStatus live() {
        return new PlatformStatus(PlatformCondition.LIVE, null);
    }

    /** True if this is a terminal state in force on {@code asOf}. */
    public boolean terminalOn(LocalDate asOf) {
        return state.isGone() && (since == null || !since.isAfter(asOf));
    }
}
