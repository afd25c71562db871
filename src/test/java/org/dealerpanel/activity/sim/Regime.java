package org.dealerpanel.activity.sim;

import org.dealerpanel.activity.ActivityStatus;

/** Planted regimes and confounders. The expected status is the regime's, not a detector's. */
public enum Regime {
    // the regimes of a planted reactivation (a silence of 30+ observed days that ended in the recent window)
    STABLE(ActivityStatus.ACTIVE, 45, "steady rate 1.5-8 posts/day, NB over-dispersion, random missing days"),
    STABLE_GAPPY(ActivityStatus.ACTIVE, 15, "steady, with a 15-40 day collection gap in the baseline"),
    LOW_VOLUME(ActivityStatus.ACTIVE, 30, "steady, 0.3-0.4 posts/day"),
    HOLIDAY_DIP(ActivityStatus.ACTIVE, 15, "steady, 7-14 days at 15% of the rate inside the baseline"),
    CATALOGUE_DUMP(ActivityStatus.ACTIVE, 20, "steady, one day with 25-60 extra posts in the recent window"),
    STEP_UP(ActivityStatus.ACTIVE, 35, "posts (and images) x2.5-3.5 from about the start of the recent window"),
    STEP_UP_IMAGES(ActivityStatus.ACTIVE, 10, "posts steady, images per post x2.5-3.5"),
    STEP_UP_THIN_RECENT(ActivityStatus.ACTIVE, 5, "step up, but only 6-12 days of the recent window observed"),
    STEP_DOWN(ActivityStatus.ACTIVE, 35, "posts x0.2-0.35 from about the start of the recent window"),
    SHORT_PAUSE(ActivityStatus.ACTIVE, 10, "12-18 silent days ending inside the recent window"),
    REACTIVATED(ActivityStatus.ACTIVE, 20, "silent (observed) 40-75 days, active again inside the recent window"),
    REACTIVATED_RECENTLY(ActivityStatus.ACTIVE, 20, "silent (observed) 40-80 days, active again 3-25 days before D"),
    REACTIVATED_THROUGH_GAP(ActivityStatus.ACTIVE, 6, "like REACTIVATED but the 'silence' is 80% unobserved"),
    DORMANT(ActivityStatus.DORMANT, 20, "stopped 40-80 days before D"),
    DORMANT_PARTIAL_COVERAGE(ActivityStatus.DORMANT, 8, "stopped 45-70 days before D, ~75% of the silence observed"),
    SILENCE_POORLY_COVERED(ActivityStatus.UNKNOWN, 8, "stopped 45-70 days before D, only ~25% of the silence observed"),
    CEASED(ActivityStatus.CEASED, 20, "stopped 100-250 days before D"),
    PLATFORM_CLOSED(ActivityStatus.CEASED, 8, "still posting, but closed by owner / removed by platform since <= D"),
    PLATFORM_CLOSED_LATER(ActivityStatus.ACTIVE, 2, "still posting, closure dated after D"),
    UNREACHABLE_GAP(ActivityStatus.UNKNOWN, 5, "UNREACHABLE for the last 35-80 days: nothing collected"),
    GAP_SILENCE(ActivityStatus.UNKNOWN, 10, "still posting, but nothing collected in the last 35-80 days (no rows, not zeros)"),
    NEVER_ACTIVE(ActivityStatus.UNKNOWN, 5, "observed, never a post or image");

    public final ActivityStatus expectedStatus;
    public final int weight;
    public final String description;

    /** A silence planted to end inside the recent window: REACTIVATED expected, never STEPPED_DOWN. */
    public boolean reactivated() {
        return this == REACTIVATED || this == REACTIVATED_RECENTLY;
    }

    Regime(ActivityStatus expectedStatus, int weight, String description) {
        this.expectedStatus = expectedStatus;
        this.weight = weight;
        this.description = description;
    }
}
