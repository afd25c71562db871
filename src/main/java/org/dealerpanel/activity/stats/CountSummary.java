package org.dealerpanel.activity.stats;

/**
 * The sufficient statistics of a window of daily counts for {@link QuasiPoissonRateTest}: the number
 * of observed days, their total and their sum of squares. SQL aggregates ({@code count(*)},
 * {@code sum(y)}, {@code sum(y*y)}) give the same figures as the arrays, so the test can run on
 * aggregates computed in the database.
 */
public record CountSummary(int n, long total, long sumSquares) {
    public CountSummary {
        if (n < 0 || total < 0 || sumSquares < 0) {
            throw new IllegalArgumentException("negative count summary");
        }
    }

    public static CountSummary of(int[] y) {
        long s = 0, q = 0;
        for (int v : y) {
            s += v;
            q += (long) v * v;
        }
        return new CountSummary(y.length, s, q);
    }

    /** The same window with one day of count {@code value} left out (e.g. its largest day). */
    public CountSummary without(int value) {
        if (n == 0) {
            throw new IllegalStateException("no day to leave out");
        }
        return new CountSummary(n - 1, total - value, sumSquares - (long) value * value);
    }

    /**
     * Pearson statistic of the window around its own mean r = total / n: Σ (y − r)² / r
     * = (n·Σy² − (Σy)²) / (n · r), computed exactly in integers up to the last division.
     */
    double pearson() {
        if (total == 0 || n == 0) {
            return 0; // all y are 0 and fitted 0
        }
        double mean = (double) total / n;
        double centred = ((double) (n * sumSquares - total * total)) / n;
        return centred / mean;
    }
}
