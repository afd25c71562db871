package org.dealerpanel.activity.stats;

/**
 * Result of a two-window quasi-Poisson rate-ratio test (window 1 = baseline, window 2 = recent).
 *
 * @param n1 observed days in window 1
 * @param x1 total count in window 1
 * @param n2 observed days in window 2
 * @param x2 total count in window 2
 * @param rate1 x1 / n1 (per observed day)
 * @param rate2 x2 / n2
 * @param ratio rate2 / rate1 (raw; +Infinity if x1 == 0 &lt; x2, NaN if both 0)
 * @param logRatio log of the ratio used by the test (continuity-corrected if {@code corrected})
 * @param se standard error of logRatio: sqrt(phi · (1/x1 + 1/x2))
 * @param t Wald statistic logRatio / se
 * @param df residual degrees of freedom n1 + n2 − 2
 * @param dispersionRaw Pearson X² / df of the two-mean fit (R's quasipoisson dispersion)
 * @param dispersion the dispersion used: max(1, dispersionRaw)
 * @param pUp one-sided p-value for H1: rate2 &gt; rate1, from Student t with df
 * @param pDown one-sided p-value for H1: rate2 &lt; rate1
 * @param ciLow lower end of the 95% interval of the ratio
 * @param ciHigh upper end of the 95% interval of the ratio
 * @param corrected true if a total was 0 and 0.5 was added to both totals for logRatio, se and CI
 */
public record RateTestResult(int n1, long x1, int n2, long x2, double rate1, double rate2,
                             double ratio, double logRatio, double se, double t, int df,
                             double dispersionRaw, double dispersion, double pUp, double pDown,
                             double ciLow, double ciHigh, boolean corrected) {

    /** True when the test could not be run (both totals zero, or too few days). */
    public boolean degenerate() {
        return Double.isNaN(t);
    }
}
