package org.dealerpanel.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.ActivitySummary;
import org.dealerpanel.activity.StatusClassifier;
import org.junit.jupiter.api.Test;

/** The forecasts agree with the activity rules themselves, day by day, when nothing more is observed. */
class ForecastTest {
    private static final LocalDate D = LocalDate.of(2021, 6, 30);

    @Test
    void unknownOnIsTheFirstDayTheClassifierSaysUnknown() {
        Random random = new Random(12);
        for (double minCoverage : new double[] {0.5, 0.3, 0.7, 1.0, 0.25}) {
            ActivityRules rules = new ActivityRules(30, 90, minCoverage, 28, 84, 14, 1.5, 0.01);
            StatusClassifier classifier = new StatusClassifier(rules);
            for (int i = 0; i < 400; i++) {
                int silent = random.nextInt(200);
                int observed = silent == 0 ? 0 : random.nextInt(silent + 1);
                LocalDate lastActive = D.minusDays(silent);
                LocalDate expected = null;
                for (LocalDate day = D; day.isBefore(D.plusDays(600)); day = day.plusDays(1)) {
                    ActivitySummary empty = ActivitySummary.empty(day);
                    ActivityStatus status = classifier.classify(new ActivitySummary(day, lastActive, observed,
                            empty.baseline(), empty.recent(), List.of()), null).status();
                    if (status == ActivityStatus.UNKNOWN) {
                        expected = day;
                        break;
                    }
                }
                LocalDate forecast = Forecast.unknownOn(rules, lastActive, observed);
                if (expected == null || !expected.equals(D)) {
                    assertEquals(expected, forecast, "minCoverage " + minCoverage + ", silent " + silent + ", observed " + observed);
                } else {
                    // UNKNOWN on D already: the forecast is D or earlier
                    assertEquals(true, !forecast.isAfter(D), "already unknown: " + forecast);
                }
            }
        }
    }

    @Test
    void examples() {
        ActivityRules rules = ActivityRules.defaults();
        // active 25 days ago, 5 silent days observed since: 5 < 0.5 × s from s = 11, but not before 30 silent days
        assertEquals(D.plusDays(5), Forecast.unknownOn(rules, D.minusDays(25), 5));
        // silent 50 days, 49 of them observed (DORMANT): UNKNOWN once 49 < 0.5 × s, s = 99
        assertEquals(D.minusDays(50).plusDays(99), Forecast.unknownOn(rules, D.minusDays(50), 49));
        assertNull(Forecast.unknownOn(rules, null, 3), "never active: UNKNOWN already, nothing to forecast");
    }

    @Test
    void trendStopsOnIsTheFirstDayTheRecentWindowHasTooFewObservedDays() {
        ActivityRules rules = ActivityRules.defaults();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            double p = random.nextDouble();
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = ActivitySummary.recentFrom(D, rules); !d.isAfter(D); d = d.plusDays(1)) {
                if (random.nextDouble() < p) {
                    days.add(d);
                }
            }
            LocalDate expected = null;
            if (days.size() >= rules.minObservedDays()) {
                for (LocalDate day = D.plusDays(1); ; day = day.plusDays(1)) {
                    LocalDate from = ActivitySummary.recentFrom(day, rules);
                    long inWindow = days.stream().filter(d -> !d.isBefore(from)).count();
                    if (inWindow < rules.minObservedDays()) {
                        expected = day;
                        break;
                    }
                }
            }
            assertEquals(expected, Forecast.trendStopsOn(rules, D, days), days.toString());
        }
        // observed every day of the window: 28 days, the 14th-newest leaves after 15 days
        List<LocalDate> all = new ArrayList<>();
        for (int k = 27; k >= 0; k--) {
            all.add(D.minusDays(k));
        }
        assertEquals(D.plusDays(15), Forecast.trendStopsOn(rules, D, all));
    }
}
