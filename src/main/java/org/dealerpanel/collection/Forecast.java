package org.dealerpanel.collection;

import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.activity.ActivityRules;

/**
 * What the activity rules will say about an account if nothing more is observed after day D (pure arithmetic on the
 * rules of {@link org.dealerpanel.activity.StatusClassifier} and {@link org.dealerpanel.activity.TrendDetector}).
 */
public final class Forecast {
    private Forecast() {
    }

    /**
     * The first day on which the status becomes UNKNOWN by the coverage rule if no further day is observed: with
     * lastActive L and {@code observedAfter} observed days after it (up to D), the status on day X is UNKNOWN once
     * X − L &ge; dormantAfterDays and observedAfter &lt; minCoverage × (X − L). Null when the account was never active
     * (UNKNOWN already, for another reason) or minCoverage is 0 (never). The day may be on or before D: the status is
     * UNKNOWN already.
     */
    public static LocalDate unknownOn(ActivityRules rules, LocalDate lastActive, int observedAfter) {
        if (lastActive == null || !(rules.minCoverage() > 0)) {
            return null;
        }
        // smallest s with observedAfter < minCoverage * s, found with the classifier's own comparison
        long s = (long) Math.floor(observedAfter / rules.minCoverage()) + 1;
        while (s > 1 && observedAfter < rules.minCoverage() * (s - 1)) {
            s--;
        }
        while (!(observedAfter < rules.minCoverage() * s)) {
            s++;
        }
        return lastActive.plusDays(Math.max(rules.dormantAfterDays(), s));
    }

    /**
     * The first day on which the recent window (recentWindowDays ending that day) holds fewer than minObservedDays
     * observed days, so that no step flag can be given, if nothing more is observed after D. {@code observedDays}: the
     * observed days of the window ending D, ascending. Null when that window is below the threshold already.
     */
    public static LocalDate trendStopsOn(ActivityRules rules, LocalDate asOf, List<LocalDate> observedDays) {
        int n = observedDays.size();
        int min = rules.minObservedDays();
        if (n < min) {
            return null;
        }
        // on day D + k the window starts at D + k − R + 1; it is below the threshold once n − min + 1 of the days
        // have left it, i.e. once the (n − min + 1)-th day w satisfies w <= D + k − R
        LocalDate w = observedDays.get(n - min);
        long k = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(asOf, w) + rules.recentWindowDays());
        return asOf.plusDays(k);
    }
}
