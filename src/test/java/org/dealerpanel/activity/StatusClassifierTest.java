package org.dealerpanel.activity;

import static org.dealerpanel.activity.SeriesBuilder.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusClassifierTest {
    final StatusClassifier c = new StatusClassifier();

    StatusResult classify(SeriesBuilder s) {
        return c.classify(D, s.build(), null);
    }

    @Test
    void neverActiveIsUnknown() {
        StatusResult r = classify(new SeriesBuilder().range(-200, 0, o -> 0));
        assertEquals(ActivityStatus.UNKNOWN, r.status());
        assertNull(r.lastActive());
        assertNull(r.silentDays());
        assertEquals("NEVER_ACTIVE", r.evidence().get("rule"));
        assertEquals(ActivityStatus.UNKNOWN, c.classify(D, ObservationSeries.of(List.of()), null).status());
    }

    @Test
    void activeBelowThirtySilentDays() {
        // active on D-29 then zeros: silentDays 29 -> ACTIVE
        StatusResult r = classify(new SeriesBuilder().range(-100, 0, o -> o <= -29 ? 1 : 0));
        assertEquals(ActivityStatus.ACTIVE, r.status());
        assertEquals(D.minusDays(29), r.lastActive());
        assertEquals(29, r.silentDays());
        // active on D itself: silentDays 0, no coverage
        StatusResult today = classify(new SeriesBuilder().put(0, 0, 2));
        assertEquals(0, today.silentDays());
        assertNull(today.coverage());
        assertEquals(ActivityStatus.ACTIVE, today.status());
    }

    @Test
    void thirtySilentObservedDaysIsDormantAndNinetyIsCeased() {
        StatusResult r = classify(new SeriesBuilder().range(-100, 0, o -> o <= -30 ? 1 : 0));
        assertEquals(ActivityStatus.DORMANT, r.status());
        assertEquals(30, r.silentDays());
        assertEquals(30, r.observedAfterLastActive());
        assertEquals(1.0, r.coverage());
        StatusResult r89 = classify(new SeriesBuilder().range(-200, 0, o -> o <= -89 ? 1 : 0));
        assertEquals(ActivityStatus.DORMANT, r89.status());
        StatusResult r90 = classify(new SeriesBuilder().range(-200, 0, o -> o <= -90 ? 1 : 0));
        assertEquals(ActivityStatus.CEASED, r90.status());
        assertEquals("SILENT_LONG", r90.evidence().get("rule"));
    }

    @Test
    void coverageCountsTheDaysAfterLastActiveUpToDInclusive() {
        // lastActive D-40: the days D-39..D (40 of them). Exactly 20 observed -> half -> DORMANT
        SeriesBuilder half = new SeriesBuilder().put(-40, 2, 0).range(-19, 0, o -> 0);
        StatusResult r = classify(half);
        assertEquals(40, r.silentDays());
        assertEquals(20, r.observedAfterLastActive());
        assertEquals(0.5, r.coverage());
        assertEquals(ActivityStatus.DORMANT, r.status());
        // 19 observed -> fewer than half -> UNKNOWN
        StatusResult less = classify(new SeriesBuilder().put(-40, 2, 0).range(-18, 0, o -> 0));
        assertEquals(ActivityStatus.UNKNOWN, less.status());
        assertEquals("SILENCE_NOT_COVERED", less.evidence().get("rule"));
        // D itself counts: observing D-39..D-21 (19 days) plus D (1) = 20 -> DORMANT
        StatusResult withD = classify(new SeriesBuilder().put(-40, 2, 0).range(-39, -21, o -> 0).put(0, 0, 0));
        assertEquals(20, withD.observedAfterLastActive());
        assertEquals(ActivityStatus.DORMANT, withD.status());
    }

    @Test
    void imagesAloneCountAsActivity() {
        StatusResult r = classify(new SeriesBuilder().range(-60, 0, o -> 0).put(-5, 0, 4));
        assertEquals(D.minusDays(5), r.lastActive());
        assertEquals(ActivityStatus.ACTIVE, r.status());
    }

    @Test
    void observationsAfterDAreIgnored() {
        StatusResult r = classify(new SeriesBuilder().range(-100, 0, o -> o <= -50 ? 1 : 0).put(3, 5, 5));
        assertEquals(ActivityStatus.DORMANT, r.status());
        assertEquals(D.minusDays(50), r.lastActive());
    }

    @Test
    void terminalPlatformStateCeasesWhateverTheCounts() {
        ObservationSeries s = new SeriesBuilder().range(-100, 0, o -> 3).build();
        StatusResult closed = c.classify(D, s,
                new PlatformStatus(PlatformCondition.CLOSED_BY_OWNER, D.minusDays(2)));
        assertEquals(ActivityStatus.CEASED, closed.status());
        assertEquals("PLATFORM_STATE", closed.evidence().get("rule"));
        assertEquals("ACTIVE", closed.evidence().get("statusFromCounts"));
        assertEquals("CLOSED_BY_OWNER", closed.evidence().get("platformState"));
        assertEquals(ActivityStatus.CEASED, c.classify(D, s,
                new PlatformStatus(PlatformCondition.REMOVED_BY_PLATFORM, D)).status());
        // since after D: not yet in force
        assertEquals(ActivityStatus.ACTIVE, c.classify(D, s,
                new PlatformStatus(PlatformCondition.REMOVED_BY_PLATFORM, D.plusDays(1))).status());
        // UNREACHABLE and LIVE do not change the status
        assertEquals(ActivityStatus.ACTIVE, c.classify(D, s,
                new PlatformStatus(PlatformCondition.UNREACHABLE, D.minusDays(40))).status());
        // closed account with no activity ever is CEASED too
        assertEquals(ActivityStatus.CEASED, c.classify(D, ObservationSeries.of(List.of()),
                new PlatformStatus(PlatformCondition.CLOSED_BY_OWNER, null)).status());
    }

    @Test
    void rulesAreConfigurable() {
        StatusClassifier strict = new StatusClassifier(new ActivityRules(10, 20, 0.9, 28, 84, 14, 1.5, 0.01));
        StatusResult r = strict.classify(D, new SeriesBuilder().range(-50, 0, o -> o <= -15 ? 1 : 0).build(), null);
        assertEquals(ActivityStatus.DORMANT, r.status());
        assertThrows(IllegalArgumentException.class, () -> new ActivityRules(30, 20, 0.5, 28, 84, 14, 1.5, 0.01));
        assertThrows(IllegalArgumentException.class,
                () -> ObservationSeries.of(List.of(new DailyCount(D, 1, 1), new DailyCount(D, 2, 2))));
    }
}
