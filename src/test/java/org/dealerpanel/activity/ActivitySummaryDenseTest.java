package org.dealerpanel.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ActivitySummary#ofDense} (what the panel recompute runs) gives exactly the summary of the reference
 * {@link ActivitySummary#of} on random series: gaps, long silences, bursts, zeros, D before, inside and after the
 * data, and rules whose recent window can hold several silence ends.
 */
class ActivitySummaryDenseTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void denseArraysGiveTheReferenceSummary(long seed) {
        Random random = new Random(seed);
        List<ActivityRules> rulesList = List.of(ActivityRules.defaults(),
                new ActivityRules(5, 12, 0.5, 28, 30, 7, 1.5, 0.01),
                new ActivityRules(2, 3, 0.3, 10, 5, 2, 2.0, 0.05));
        int compared = 0;
        for (int trial = 0; trial < 400; trial++) {
            int length = 1 + random.nextInt(420);
            double observedShare = new double[] {0.2, 0.6, 0.95, 1.0}[random.nextInt(4)];
            double activeShare = new double[] {0.0, 0.05, 0.5, 0.9}[random.nextInt(4)];
            List<DailyCount> days = new ArrayList<>();
            boolean silent = false;
            for (int i = 0; i < length; i++) {
                if (random.nextInt(60) == 0) {
                    silent = !silent; // long silences come and go
                }
                if (random.nextDouble() >= observedShare) {
                    continue;
                }
                boolean active = !silent && random.nextDouble() < activeShare;
                int posts = active ? random.nextInt(random.nextInt(10) == 0 ? 40 : 6) : 0;
                int images = active ? random.nextInt(8) : 0;
                days.add(new DailyCount(START.plusDays(i), posts, images));
            }
            if (days.isEmpty()) {
                continue;
            }
            ObservationSeries series = ObservationSeries.of(days);
            LocalDate first = days.get(0).day();
            int span = (int) (days.get(days.size() - 1).day().toEpochDay() - first.toEpochDay()) + 1;
            boolean[] observed = new boolean[span + 3];
            int[] posts = new int[span + 3];
            int[] images = new int[span + 3];
            for (DailyCount d : days) {
                int i = (int) (d.day().toEpochDay() - first.toEpochDay());
                observed[i] = true;
                posts[i] = d.posts();
                images[i] = d.images();
            }
            LocalDate asOf = START.plusDays(random.nextInt(length + 60));
            if (asOf.isBefore(first)) {
                continue; // the recompute reads no account without an observation on or before D this way
            }
            for (ActivityRules rules : rulesList) {
                assertEquals(ActivitySummary.of(series, asOf, rules),
                        ActivitySummary.ofDense(first, observed, posts, images, span, asOf, rules),
                        "seed " + seed + ", trial " + trial + ", asOf " + asOf + ", rules " + rules);
                compared++;
            }
        }
        assertEquals(true, compared > 600, "compared " + compared);
    }
}
