package org.dealerpanel.activity;

import java.time.LocalDate;
import org.dealerpanel.activity.stats.CountSummary;

/**
 * One metric over one window (observed days only): what the step test needs.
 *
 * @param counts observed days, total and sum of squares
 * @param max    the largest day's count (0 if no observed day)
 * @param maxDay the earliest observed day carrying {@code max}; null if no observed day
 */
public record WindowStats(CountSummary counts, int max, LocalDate maxDay) {

    public static final WindowStats EMPTY = new WindowStats(new CountSummary(0, 0, 0), 0, null);

    static WindowStats of(ObservationSeries series, LocalDate from, LocalDate to, Metric metric) {
        int n = 0, max = -1;
        long total = 0, squares = 0;
        LocalDate maxDay = null;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (series.isObserved(d)) {
                int v = series.value(d, metric);
                n++;
                total += v;
                squares += (long) v * v;
                if (v > max) {
                    max = v;
                    maxDay = d;
                }
            }
        }
        return n == 0 ? EMPTY : new WindowStats(new CountSummary(n, total, squares), max, maxDay);
    }

    public int observedDays() {
        return counts.n();
    }
}
