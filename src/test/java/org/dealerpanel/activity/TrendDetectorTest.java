package org.dealerpanel.activity;

import static org.dealerpanel.activity.SeriesBuilder.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendDetectorTest {
    static final int[] PATTERN = {2, 3, 1, 4, 2, 3, 0, 3, 2, 5}; // mean 2.5, mildly over-dispersed

    final ActivityRules rules = ActivityRules.defaults();
    final TrendDetector detector = new TrendDetector(rules);

    ActivityAssessment assess(SeriesBuilder s, PlatformStatus p) {
        return ActivityAssessment.assess(rules, D, s.build(), p);
    }

    static int pattern(int o) {
        return PATTERN[Math.floorMod(o, PATTERN.length)];
    }

    @Test
    void windowsAreTheTwentyEightDaysEndingDAndTheEightyFourBefore() {
        StepAssessment a = detector.assessStep(D, new SeriesBuilder().range(-200, 0, TrendDetectorTest::pattern).build(),
                Metric.POSTS, true);
        assertEquals(D.minusDays(27), a.recentFrom());
        assertEquals(D, a.recentTo());
        assertEquals(D.minusDays(28), a.baselineTo());
        assertEquals(D.minusDays(111), a.baselineFrom());
        assertEquals(28, a.test().n2());
        assertEquals(84, a.test().n1());
    }

    @Test
    void stableAccountHasNoFlags() {
        ActivityAssessment a = assess(new SeriesBuilder().range(-200, 0, TrendDetectorTest::pattern), null);
        assertEquals(ActivityStatus.ACTIVE, a.status().status());
        assertTrue(a.flags().isEmpty(), a.flags().toString());
    }

    @Test
    void tripledRateIsASteppedUpForPostsAndImagesWithEvidence() {
        ActivityAssessment a = assess(new SeriesBuilder().range(-200, 0, o -> o >= -27 ? 3 * pattern(o) : pattern(o)), null);
        assertTrue(a.has(FlagType.STEPPED_UP, Metric.POSTS));
        assertTrue(a.has(FlagType.STEPPED_UP, Metric.IMAGES));
        assertFalse(a.has(FlagType.STEPPED_DOWN, Metric.POSTS));
        TrendFlag f = a.flags().get(0);
        assertEquals(D.minusDays(27), f.since());
        Map<String, Object> ev = f.evidence();
        assertEquals("posts", ev.get("metric"));
        assertEquals(3.0, (Double) ev.get("ratio"), 0.05);
        assertTrue((Double) ev.get("pValue") < 1e-6);
        @SuppressWarnings("unchecked")
        Map<String, Object> recent = (Map<String, Object>) ev.get("recent");
        assertEquals(28, recent.get("observedDays"));
        assertEquals(D.minusDays(27), recent.get("from"));
        assertEquals(7.5, (Double) recent.get("rate"), 0.2);
        List<?> ci = (List<?>) ev.get("ratioCi95");
        assertTrue((Double) ci.get(0) < 3 && (Double) ci.get(1) > 3);
        assertNotNull(ev.get("dispersion"));
        assertNotNull(ev.get("robustness"));
    }

    @Test
    void singleCatalogueDumpIsNotAStepUp() {
        // baseline: 2 a day; recent: 3,3,2 repeated and one dump of 40 -> full-window ratio 2.0 and
        // significant, but without the dump the ratio is 1.33 -> no flag
        SeriesBuilder s = new SeriesBuilder().range(-200, -28, o -> 2)
                .range(-27, 0, o -> Math.floorMod(o, 3) == 0 ? 2 : 3).put(-10, 40, 120);
        StepAssessment a = detector.assessStep(D, s.build(), Metric.POSTS, true);
        assertTrue(a.test().ratio() >= 1.5 && a.test().pUp() < 0.01, "full window alone would flag: " + a.test());
        assertEquals(D.minusDays(10), a.robustUpDay());
        assertFalse(a.steppedUp());
        assertTrue(assess(s, null).flags().isEmpty());
    }

    @Test
    void stepDownOnlyForActiveAccounts() {
        SeriesBuilder s = new SeriesBuilder().range(-200, 0, o -> o >= -27 ? (pattern(o) + 1) / 3 + 1 : 3 * pattern(o));
        ActivityAssessment a = assess(s, null);
        assertEquals(ActivityStatus.ACTIVE, a.status().status());
        assertTrue(a.has(FlagType.STEPPED_DOWN, Metric.POSTS));
        assertTrue(a.has(FlagType.STEPPED_DOWN, Metric.IMAGES));
        ActivityAssessment closed = assess(s, new PlatformStatus(PlatformCondition.REMOVED_BY_PLATFORM, D.minusDays(1)));
        assertEquals(ActivityStatus.CEASED, closed.status().status());
        assertTrue(closed.flags().isEmpty());
    }

    @Test
    void fewerThanFourteenObservedDaysMeansNoStepFlag() {
        SeriesBuilder s = new SeriesBuilder().range(-200, 0, o -> o >= -27 ? 3 * pattern(o) : pattern(o)).drop(-27, -13);
        StepAssessment a = detector.assessStep(D, s.build(), Metric.POSTS, true);
        assertFalse(a.eligible());   // 13 observed days in the recent window
        assertTrue(assess(s, null).flags().isEmpty());
    }

    @Test
    void reactivationAfterAnObservedSilence() {
        SeriesBuilder s = new SeriesBuilder().range(-200, 0, o -> o <= -70 || o >= -10 ? 3 : 0);
        ActivityAssessment a = assess(s, null);
        TrendFlag f = a.flags().stream().filter(x -> x.type() == FlagType.REACTIVATED).findFirst().orElseThrow();
        assertEquals(Metric.ACTIVITY, f.metric());
        assertEquals(D.minusDays(10), f.since());
        assertEquals(59, f.evidence().get("silentDays"));
        assertEquals(D.minusDays(70), f.evidence().get("lastActiveBefore"));
        assertNotNull(f.evidence().get("posts"));
    }

    @Test
    void reactivatedIsNotAlsoSteppedDown() {
        // posting at 3 a day, silent (observed zeros) from day -40 to day -9, back from day -8: the recent window
        // is mostly the silence, so its rate is far below the baseline's; that drop is the silence that ended
        SeriesBuilder s = new SeriesBuilder().range(-200, 0, o -> o <= -41 || o >= -8 ? 3 : 0);
        StepAssessment down = detector.assessStep(D, s.build(), Metric.POSTS, true);
        assertTrue(down.steppedDown(), "the step-down test alone holds: " + down);
        ActivityAssessment a = assess(s, null);
        assertEquals(ActivityStatus.ACTIVE, a.status().status());
        assertTrue(a.has(FlagType.REACTIVATED, Metric.ACTIVITY));
        assertFalse(a.has(FlagType.STEPPED_DOWN, Metric.POSTS), a.flags().toString());
        assertFalse(a.has(FlagType.STEPPED_DOWN, Metric.IMAGES), a.flags().toString());
        TrendFlag re = a.flags().stream().filter(x -> x.type() == FlagType.REACTIVATED).findFirst().orElseThrow();
        assertEquals(List.of("posts", "images"), re.evidence().get("steppedDownNotFlagged"));
        // without the silence the same low recent rate is a step down
        SeriesBuilder plain = new SeriesBuilder().range(-200, 0, o -> o >= -27 ? 1 : 4);
        assertTrue(assess(plain, null).has(FlagType.STEPPED_DOWN, Metric.POSTS));
    }

    @Test
    void noReactivationAfterGapShortPauseOrFirstActivity() {
        // the silence is mostly a collection gap
        SeriesBuilder gap = new SeriesBuilder().range(-200, 0, o -> o <= -70 || o >= -10 ? 3 : 0).drop(-69, -20);
        assertFalse(assess(gap, null).has(FlagType.REACTIVATED, Metric.ACTIVITY));
        // a 29-day pause ending in the recent window
        SeriesBuilder pause = new SeriesBuilder().range(-200, 0, o -> o <= -40 || o >= -10 ? 3 : 0);
        assertFalse(assess(pause, null).has(FlagType.REACTIVATED, Metric.ACTIVITY));
        SeriesBuilder pause30 = new SeriesBuilder().range(-200, 0, o -> o <= -41 || o >= -10 ? 3 : 0);
        assertTrue(assess(pause30, null).has(FlagType.REACTIVATED, Metric.ACTIVITY));
        // zeros all along, first posts in the recent window: new, not reactivated
        SeriesBuilder fresh = new SeriesBuilder().range(-200, 0, o -> o >= -10 ? 3 : 0);
        assertFalse(assess(fresh, null).has(FlagType.REACTIVATED, Metric.ACTIVITY));
        // a silence that ended before the recent window
        SeriesBuilder old = new SeriesBuilder().range(-200, 0, o -> o <= -100 || o >= -40 ? 3 : 0);
        assertFalse(assess(old, null).has(FlagType.REACTIVATED, Metric.ACTIVITY));
    }
}
