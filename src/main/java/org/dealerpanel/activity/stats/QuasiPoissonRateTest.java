package org.dealerpanel.activity.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sample rate-ratio test for over-dispersed daily counts: the quasi-Poisson GLM
 * {@code glm(y ~ window, family = quasipoisson)} with one mean per window, in closed form.
 *
 * <p>With a log link and one mean per window the MLE means are the window rates r1 = x1/n1 and
 * r2 = x2/n2, the coefficient of the window is log(r2/r1) and its variance is
 * phi · (1/x1 + 1/x2). The dispersion phi is estimated as in R: the Pearson statistic
 * Σ (y − r)² / r over both windows divided by the residual df n1 + n2 − 2. Bursty posting
 * (variance &gt; mean) inflates phi and so the standard error; a plain Poisson test would take
 * phi = 1 and be anti-conservative. We floor phi at 1 (under-dispersion is not credited), and
 * like R's {@code summary.glm} refer the Wald statistic to Student t with the residual df.
 * The 95% interval is exp(logRatio ± t(0.975, df) · se).
 *
 * <p>Zeros: if both totals are 0 nothing can be said (NaN statistic, p = 1). If one total is 0
 * the raw ratio is 0 or +Infinity and the log-scale Wald statistic is undefined; we then add 0.5
 * to both totals (Haldane–Anscombe correction) for logRatio, se and CI, which keeps them finite
 * and is conservative. A window with total 0 contributes 0 to the Pearson statistic.
 */
public final class QuasiPoissonRateTest {
    private QuasiPoissonRateTest() {
    }

    /** Runs the test on the daily counts of the observed days of each window. */
    public static RateTestResult test(int[] window1, int[] window2) {
        return test(CountSummary.of(window1), CountSummary.of(window2));
    }

    /** Runs the test on the windows' aggregates (observed days, total, sum of squares). */
    public static RateTestResult test(CountSummary window1, CountSummary window2) {
        int n1 = window1.n();
        int n2 = window2.n();
        long x1 = window1.total();
        long x2 = window2.total();
        double r1 = n1 == 0 ? Double.NaN : (double) x1 / n1;
        double r2 = n2 == 0 ? Double.NaN : (double) x2 / n2;
        double ratio = r2 / r1; // NaN for 0/0, +Inf for x/0
        int df = n1 + n2 - 2;
        if (n1 == 0 || n2 == 0 || df < 1 || (x1 == 0 && x2 == 0)) {
            return new RateTestResult(n1, x1, n2, x2, r1, r2, ratio, Double.NaN, Double.NaN,
                    Double.NaN, df, Double.NaN, Double.NaN, 1.0, 1.0, Double.NaN, Double.NaN,
                    false);
        }
        double pearson = window1.pearson() + window2.pearson();
        double phiRaw = pearson / df;
        double phi = Math.max(1.0, phiRaw);
        boolean corrected = x1 == 0 || x2 == 0;
        double c1 = corrected ? x1 + 0.5 : x1;
        double c2 = corrected ? x2 + 0.5 : x2;
        double logRatio = Math.log((c2 / n2) / (c1 / n1));
        double se = Math.sqrt(phi * (1.0 / c1 + 1.0 / c2));
        double t = logRatio / se;
        StudentT student = StudentT.of(df);
        double pUp = student.dist.cumulativeProbability(-t);
        double pDown = student.dist.cumulativeProbability(t);
        double q = student.q975;
        return new RateTestResult(n1, x1, n2, x2, r1, r2, ratio, logRatio, se, t, df, phiRaw, phi,
                pUp, pDown, Math.exp(logRatio - q * se), Math.exp(logRatio + q * se), corrected);
    }

    /**
     * Student t with {@code df} degrees of freedom and its 97.5% quantile, made once per df: the quantile is found by
     * a root search over the distribution function, the costliest step of a test (a panel recompute runs four tests
     * per account, with df only up to the windows' length).
     */
    private record StudentT(TDistribution dist, double q975) {
        private static final java.util.concurrent.ConcurrentHashMap<Integer, StudentT> BY_DF = new java.util.concurrent.ConcurrentHashMap<>();

        static StudentT of(int df) {
            return BY_DF.computeIfAbsent(df, d -> {
                TDistribution dist = new TDistribution(null, d, 1e-12);
                return new StudentT(dist, dist.inverseCumulativeProbability(0.975));
            });
        }
    }

    static long sum(int[] y) {
        long s = 0;
        for (int v : y) {
            s += v;
        }
        return s;
    }
}
