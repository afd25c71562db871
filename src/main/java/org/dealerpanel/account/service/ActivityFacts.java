package org.dealerpanel.account.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.dealerpanel.account.PlatformState;

/**
 * What the observations say about one account as of a day: its last active day, how many of the
 * days since were observed, and the status that follows from the rules.
 */
public record ActivityFacts(long accountId, LocalDate asOf, LocalDate firstObserved, LocalDate lastActive,
                            long observedDaysSinceLastActive, ActivityStatus status, Long silentDays, String reason) {

    public static ActivityFacts classify(long accountId, LocalDate asOf, LocalDate firstObserved, LocalDate lastActive,
                                         long observedSince, PlatformState state, LocalDate stateSince,
                                         ActivityRules rules) {
        Long silent = lastActive == null ? null : ChronoUnit.DAYS.between(lastActive, asOf);
        if (state != null && state.isGone() && stateSince != null && !stateSince.isAfter(asOf)) {
            return new ActivityFacts(accountId, asOf, firstObserved, lastActive, observedSince, ActivityStatus.CEASED,
                    silent, "platform state " + state + " since " + stateSince);
        }
        if (lastActive == null) {
            return new ActivityFacts(accountId, asOf, firstObserved, null, observedSince, ActivityStatus.UNKNOWN,
                    null, "no observed day with posts or images on or before " + asOf);
        }
        if (silent < rules.dormantAfterDays()) {
            return new ActivityFacts(accountId, asOf, firstObserved, lastActive, observedSince, ActivityStatus.ACTIVE,
                    silent, "active " + silent + " days before " + asOf);
        }
        double coverage = (double) observedSince / silent;
        if (coverage < rules.minCoverage()) {
            return new ActivityFacts(accountId, asOf, firstObserved, lastActive, observedSince, ActivityStatus.UNKNOWN,
                    silent, String.format(java.util.Locale.ROOT,
                            "silent %d days but only %d of them observed (%.0f%% < %.0f%%): a collection gap is not silence",
                            silent, observedSince, coverage * 100, rules.minCoverage() * 100));
        }
        ActivityStatus status = silent < rules.ceasedAfterDays() ? ActivityStatus.DORMANT : ActivityStatus.CEASED;
        return new ActivityFacts(accountId, asOf, firstObserved, lastActive, observedSince, status, silent,
                "silent " + silent + " days, " + observedSince + " of them observed");
    }
}
