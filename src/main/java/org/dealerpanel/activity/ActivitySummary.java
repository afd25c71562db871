package org.dealerpanel.activity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the status and flag rules need to know about one account as of D, in aggregate form.
 * {@link StatusClassifier} and {@link TrendDetector} decide from this alone, so the same decisions
 * are made whether the aggregates come from an in-memory {@link ObservationSeries}
 * ({@link #of(ObservationSeries, LocalDate, ActivityRules)}) or from the set-based SQL over the
 * whole panel ({@code activity.service.ActivitySummarySql}). Only observations on or before D count.
 *
 * @param asOf                    D
 * @param lastActive              last observed day &le; D with posts &gt; 0 or images &gt; 0; null if none
 * @param observedAfterLastActive observed days among lastActive+1 .. D (0 if never active)
 * @param baseline                per metric (POSTS, IMAGES): the baseline window
 * @param recent                  per metric: the recent window ending D
 * @param silenceEnds             the active days A of the recent window whose previous active day P
 *                                is at least {@code dormantAfterDays + 1} days earlier (a silence of
 *                                A − P − 1 &ge; dormantAfterDays days), in day order, with the
 *                                number of observed days between P and A
 */
public record ActivitySummary(LocalDate asOf, LocalDate lastActive, int observedAfterLastActive,
                              Map<Metric, WindowStats> baseline, Map<Metric, WindowStats> recent,
                              List<SilenceEnd> silenceEnds) {

    /** A silence that ended: last active day P before it, first active day A after it. */
    public record SilenceEnd(LocalDate lastActiveBefore, LocalDate activeAgain, int observedSilentDays) {
        public int silentDays() {
            return (int) ChronoUnit.DAYS.between(lastActiveBefore, activeAgain) - 1;
        }
    }

    public ActivitySummary {
        Objects.requireNonNull(asOf, "asOf");
        baseline = Map.copyOf(baseline);
        recent = Map.copyOf(recent);
        silenceEnds = List.copyOf(silenceEnds);
    }

    public Integer silentDays() {
        return lastActive == null ? null : (int) ChronoUnit.DAYS.between(lastActive, asOf);
    }

    /** First day of the recent window: D − recentWindowDays + 1. */
    public static LocalDate recentFrom(LocalDate asOf, ActivityRules rules) {
        return asOf.minusDays(rules.recentWindowDays() - 1L);
    }

    /** First day of the baseline window. */
    public static LocalDate baselineFrom(LocalDate asOf, ActivityRules rules) {
        return recentFrom(asOf, rules).minusDays(rules.baselineWindowDays());
    }

    /** Computes the summary from an in-memory series (the reference for the SQL version). */
    public static ActivitySummary of(ObservationSeries series, LocalDate asOf, ActivityRules rules) {
        LocalDate recentFrom = recentFrom(asOf, rules);
        LocalDate baselineTo = recentFrom.minusDays(1);
        LocalDate baselineFrom = baselineFrom(asOf, rules);
        LocalDate lastActive = series.lastActiveOnOrBefore(asOf);
        int observedAfter = lastActive == null || lastActive.equals(asOf) ? 0
                : series.observedDays(lastActive.plusDays(1), asOf);
        Map<Metric, WindowStats> base = new EnumMap<>(Metric.class);
        Map<Metric, WindowStats> rec = new EnumMap<>(Metric.class);
        for (Metric m : List.of(Metric.POSTS, Metric.IMAGES)) {
            base.put(m, WindowStats.of(series, baselineFrom, baselineTo, m));
            rec.put(m, WindowStats.of(series, recentFrom, asOf, m));
        }
        List<SilenceEnd> ends = new ArrayList<>();
        for (LocalDate a = recentFrom; !a.isAfter(asOf); a = a.plusDays(1)) {
            if (!series.isActive(a)) {
                continue;
            }
            LocalDate p = series.lastActiveOnOrBefore(a.minusDays(1));
            if (p == null || ChronoUnit.DAYS.between(p, a) - 1 < rules.dormantAfterDays()) {
                continue;
            }
            ends.add(new SilenceEnd(p, a, series.observedDays(p.plusDays(1), a.minusDays(1))));
        }
        return new ActivitySummary(asOf, lastActive, observedAfter, base, rec, ends);
    }

    /**
     * The summary from a timeline and the windows' statistics computed elsewhere (by SQL aggregates, for the panel
     * recompute): index i of {@code observed}/{@code active} is the day {@code first + i}, for i &lt; {@code length}
     * and {@code first + i} &le; D; a day must be inside the timeline if it is the last active day on or before D, an
     * observed day after it, or an active day or observed silent day in a silence that ended in the recent window
     * (so the timeline starts at the baseline window or at the last active day before the recent window, whichever is
     * earlier). Gives exactly what {@link #of(ObservationSeries, LocalDate, ActivityRules)} gives for the same data.
     */
    public static ActivitySummary ofTimeline(LocalDate first, boolean[] observed, boolean[] active, int length,
                                             LocalDate asOf, ActivityRules rules,
                                             Map<Metric, WindowStats> baseline, Map<Metric, WindowStats> recent) {
        long firstDay = first.toEpochDay();
        int d = (int) (asOf.toEpochDay() - firstDay);
        int end = Math.min(d, length - 1); // last index that counts
        int recentFrom = (int) (recentFrom(asOf, rules).toEpochDay() - firstDay);
        int lastActive = -1;
        for (int i = end; i >= 0; i--) {
            if (active[i]) {
                lastActive = i;
                break;
            }
        }
        int observedAfter = 0;
        if (lastActive >= 0) {
            for (int i = lastActive + 1; i <= end; i++) {
                if (observed[i]) {
                    observedAfter++;
                }
            }
        }
        List<SilenceEnd> ends = new ArrayList<>();
        int previousActive = -1;
        int observedSince = 0; // observed days after previousActive, before i
        for (int i = 0; i <= end; i++) {
            if (!observed[i]) {
                continue;
            }
            if (active[i]) {
                if (i >= recentFrom && previousActive >= 0 && i - previousActive - 1 >= rules.dormantAfterDays()) {
                    ends.add(new SilenceEnd(first.plusDays(previousActive), first.plusDays(i), observedSince));
                }
                previousActive = i;
                observedSince = 0;
            } else {
                observedSince++;
            }
        }
        return new ActivitySummary(asOf, lastActive < 0 ? null : first.plusDays(lastActive),
                lastActive < 0 || lastActive == d ? 0 : observedAfter, baseline, recent, ends);
    }

    /** An account with no observation on or before D. */
    public static ActivitySummary empty(LocalDate asOf) {
        Map<Metric, WindowStats> none = Map.of(Metric.POSTS, WindowStats.EMPTY, Metric.IMAGES, WindowStats.EMPTY);
        return new ActivitySummary(asOf, null, 0, none, none, List.of());
    }
}
