package org.dealerpanel.activity.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Paired change of a cohort's survivors between a baseline and a follow-up window.
 *
 * <p>Model (over-dispersion aware, paired): the quasi-Poisson GLM with one level per account and a
 * common period effect, exposure = observed days:
 * {@code glm(y ~ factor(account) + period + offset(log(days)), family = quasipoisson)}.
 * exp(β_period) is the common follow-up/baseline rate ratio; each account is its own control, so
 * differences in volume between accounts do not enter. β is the root of the conditional score
 * Σ_i [y_i2 − T_i · p_i(β)] with p_i = d_i2 e^β / (d_i1 + d_i2 e^β), T_i = y_i1 + y_i2 (the account
 * levels profiled out); its information is Σ T_i p_i (1 − p_i). The dispersion phi is Pearson X²
 * over the 2m fitted values divided by the residual df m − 1, as R does (not floored here: R's
 * value is reported; accounts only inflate it). The Wald statistic is referred to Student t with
 * m − 1 df; the p-value is two-sided (a change in either direction), the interval is 95%.
 *
 * <p>Accounts with no event in either window, or with a window of 0 observed days, carry no
 * information on the ratio and are left out (counted in {@code accountsExcluded}).
 * If every used account has the same observed days in each window, exp(β) equals the pooled
 * ratio (Σ follow-up / Σ follow-up days) / (Σ baseline / Σ baseline days).
 *
 * @param accountsUsed accounts entering the fit
 * @param accountsExcluded accounts left out (no events at all or a window never observed)
 * @param baselineEvents Σ baseline events of the used accounts
 * @param baselineDays Σ baseline observed days of the used accounts
 * @param followupEvents Σ follow-up events of the used accounts
 * @param followupDays Σ follow-up observed days of the used accounts
 * @param pooledRatio (followupEvents/followupDays) / (baselineEvents/baselineDays)
 * @param ratio exp(β): the paired (within-account) rate ratio
 * @param ciLow lower 95% limit of the ratio
 * @param ciHigh upper 95% limit
 * @param pValue two-sided p-value for ratio = 1
 * @param se standard error of β (including dispersion)
 * @param dispersion Pearson dispersion phi
 * @param df residual degrees of freedom (accountsUsed − 1)
 */
public record RateComparison(int accountsUsed, int accountsExcluded, long baselineEvents,
                             long baselineDays, long followupEvents, long followupDays,
                             double pooledRatio, double ratio, double ciLow, double ciHigh,
                             double pValue, double se, double dispersion, int df) {

    public static final String METHOD =
            "quasi-Poisson GLM, account fixed effects, offset log(observed days); t test, m-1 df";

    public static RateComparison compare(List<PairedCounts> accounts) {
        List<PairedCounts> used = new ArrayList<>();
        for (PairedCounts a : accounts) {
            if (a.baselineDays() > 0 && a.followupDays() > 0
                    && a.baselineEvents() + a.followupEvents() > 0) {
                used.add(a);
            }
        }
        int m = used.size();
        long b = 0, bd = 0, f = 0, fd = 0;
        for (PairedCounts a : used) {
            b += a.baselineEvents();
            bd += a.baselineDays();
            f += a.followupEvents();
            fd += a.followupDays();
        }
        double pooled = ((double) f / fd) / ((double) b / bd);
        int excluded = accounts.size() - m;
        if (m < 2 || b == 0 || f == 0) {
            // no df for the dispersion, or ratio on the boundary (0 or infinite): no test
            double r = m == 0 ? Double.NaN : pooled;
            return new RateComparison(m, excluded, b, bd, f, fd, m == 0 ? Double.NaN : pooled, r,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Math.max(0, m - 1));
        }
        double beta = Math.log(pooled);
        for (int it = 0; it < 100; it++) {
            double score = 0, info = 0;
            for (PairedCounts a : used) {
                double t = a.baselineEvents() + a.followupEvents();
                double p = p(a, beta);
                score += a.followupEvents() - t * p;
                info += t * p * (1 - p);
            }
            double step = score / info;
            beta += step;
            if (Math.abs(step) < 1e-13) {
                break;
            }
        }
        double info = 0, pearson = 0;
        for (PairedCounts a : used) {
            double t = a.baselineEvents() + a.followupEvents();
            double p = p(a, beta);
            info += t * p * (1 - p);
            double mu1 = t * (1 - p), mu2 = t * p;
            pearson += sq(a.baselineEvents() - mu1) / mu1 + sq(a.followupEvents() - mu2) / mu2;
        }
        int df = m - 1;
        double phi = pearson / df;
        double se = Math.sqrt(phi / info);
        double tStat = beta / se;
        TDistribution dist = new TDistribution(null, df, 1e-12);
        double pValue = 2 * dist.cumulativeProbability(-Math.abs(tStat));
        double q = dist.inverseCumulativeProbability(0.975);
        return new RateComparison(m, excluded, b, bd, f, fd, pooled, Math.exp(beta),
                Math.exp(beta - q * se), Math.exp(beta + q * se), pValue, se, phi, df);
    }

    private static double p(PairedCounts a, double beta) {
        double w = a.followupDays() * Math.exp(beta);
        return w / (a.baselineDays() + w);
    }

    private static double sq(double v) {
        return v * v;
    }
}
