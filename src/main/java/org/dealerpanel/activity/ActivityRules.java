package org.dealerpanel.activity;

/**
 * Thresholds of the status and flag rules (issue 4). All configurable; {@link #defaults()} gives
 * the values.
 *
 * @param dormantAfterDays   silentDays at or above which an account is no longer ACTIVE (30)
 * @param ceasedAfterDays    silentDays at or above which a silent account is CEASED (90)
 * @param minCoverage        share of the days lastActive+1..D that must be observed for a silence to
 *                           count (0.5); below it the status is UNKNOWN
 * @param recentWindowDays   length of the recent window ending D (28)
 * @param baselineWindowDays length of the baseline window just before it (84)
 * @param minObservedDays    observed days each window needs before a step flag is considered (14)
 * @param stepRatio          rate ratio needed for a step (1.5 up; 1/1.5 down)
 * @param alpha              one-sided significance level of the step test (0.01)
 */
public record ActivityRules(int dormantAfterDays, int ceasedAfterDays, double minCoverage,
                            int recentWindowDays, int baselineWindowDays, int minObservedDays,
                            double stepRatio, double alpha) {

    public ActivityRules {
        if (dormantAfterDays < 1 || ceasedAfterDays < dormantAfterDays) {
            throw new IllegalArgumentException("need 1 <= dormantAfterDays <= ceasedAfterDays");
        }
        if (!(minCoverage >= 0 && minCoverage <= 1)) {
            throw new IllegalArgumentException("minCoverage must be in [0,1]");
        }
        if (recentWindowDays < 2 || baselineWindowDays < 2 || minObservedDays < 2
                || minObservedDays > recentWindowDays) {
            throw new IllegalArgumentException("bad window sizes");
        }
        if (!(stepRatio > 1) || !(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("need stepRatio > 1 and 0 < alpha < 0.5");
        }
    }

    public static ActivityRules defaults() {
        return new ActivityRules(30, 90, 0.5, 28, 84, 14, 1.5, 0.01);
    }
}
