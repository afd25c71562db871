package org.dealerpanel.activity.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.DailyCount;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.Metric;
import org.dealerpanel.activity.ObservationSeries;
import org.dealerpanel.activity.PlatformCondition;
import org.dealerpanel.activity.PlatformStatus;

/**
 * Generates a panel of accounts with planted regimes (see {@link Regime}) over the 400 days ending
 * D, with a fixed seed.
 *
 * <p>Daily counts: posts ~ gamma-Poisson (negative binomial) with mean λ(t) and shape k ∈ [1, 3]
 * (variance λ + λ²/k); images | posts ~ Poisson(posts × ipp(t)), ipp = images per post ∈ [1.5, 4],
 * so images are more over-dispersed than posts. Unobserved days (random misses of 0-10% of days,
 * plus the regime's collection gaps) get no row at all.
 *
 * <p>Ground truth is defined from the planted parameters only, never by running the detector:
 * <ul>
 *   <li>status: the regime's ({@link Regime#expectedStatus}).</li>
 *   <li>REACTIVATED: EXPECTED for the REACTIVATED and REACTIVATED_RECENTLY regimes (a silence of 40-80
 *       observed days that ended 3-25 days before D), NOT_EXPECTED for every other.</li>
 *   <li>STEPPED_UP / STEPPED_DOWN per metric, from the planted ratio R = (mean expected count over
 *       the recent window's observed days) / (same over the baseline's), dumps excluded:
 *       NOT_EXPECTED if a window has fewer than 14 observed days (the rule's precondition), or
 *       R &le; 1.25 (up) / R &ge; 0.8 (down), or (down) the planted status is not ACTIVE, or (down) the regime
 *       plants a reactivation (a reactivated account is not also stepped down).
 *       EXPECTED if R &ge; 2 (up) / R &le; 0.5 (down) and the planted effect is clearly detectable:
 *       with the expected totals E1, E2 and the expected Pearson dispersion φ of the planted
 *       model, |log R| / s &ge; 4 and |log(R / 1.5)| / s &ge; 2.5, where s = sqrt(φ (1/E1 + 1/E2)).
 *       Anything in between is AMBIGUOUS (left out of precision/recall and reported).</li>
 * </ul>
 */
public final class PanelGenerator {
    static final int DAYS = 400;
    private final LocalDate asOf;
    private final RandomDataGenerator rnd;
    private final ActivityRules rules = ActivityRules.defaults();

    public PanelGenerator(long seed, LocalDate asOf) {
        this.asOf = asOf;
        this.rnd = new RandomDataGenerator(new Well19937c(seed));
    }

    /** About n accounts (exactly n), regimes in proportion to their weights. */
    public List<SimAccount> generate(int n) {
        int totalWeight = 0;
        for (Regime r : Regime.values()) {
            totalWeight += r.weight;
        }
        List<Regime> plan = new ArrayList<>();
        for (Regime r : Regime.values()) {
            long c = Math.max(1, Math.round((double) r.weight * n / totalWeight));
            for (int i = 0; i < c; i++) {
                plan.add(r);
            }
        }
        while (plan.size() < n) {
            plan.add(Regime.STABLE);
        }
        while (plan.size() > n) {
            plan.remove(plan.lastIndexOf(Regime.STABLE));
        }
        List<SimAccount> out = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            out.add(account(String.format(Locale.ROOT, "acc-%04d", i + 1), plan.get(i)));
        }
        return out;
    }

    /** Offset o (0 = D, −1 = the day before) to array index. */
    private static int ix(int offset) {
        return offset + DAYS - 1;
    }

    private double u(double lo, double hi) {
        return rnd.nextUniform(lo, hi);
    }

    private int ui(int lo, int hi) {
        return rnd.nextInt(lo, hi);
    }

    private SimAccount account(String id, Regime regime) {
        double[] lam = new double[DAYS];
        double[] ipp = new double[DAYS];
        boolean[] obs = new boolean[DAYS];
        double k = u(1.0, 3.0);
        double mu = u(1.5, 8.0);
        double ip = u(1.5, 4.0);
        double miss = u(0.0, 0.10);
        PlatformStatus platform = PlatformStatus.live();
        int dumpOffset = Integer.MIN_VALUE;
        int dumpPosts = 0;
        int backOffset = Integer.MIN_VALUE;
        StringBuilder desc = new StringBuilder(String.format(Locale.ROOT, "k=%.2f", k));

        for (int i = 0; i < DAYS; i++) {
            lam[i] = mu;
            ipp[i] = ip;
            obs[i] = rnd.nextUniform(0, 1) >= miss;
        }
        switch (regime) {
            case STABLE, PLATFORM_CLOSED, PLATFORM_CLOSED_LATER -> { }
            case STABLE_GAPPY -> {
                int len = ui(15, 40);
                int start = ui(-111, -28 - len);
                unobserve(obs, start, start + len - 1);
                desc.append(" gap ").append(start).append("+").append(len);
            }
            case LOW_VOLUME -> {
                mu = u(0.3, 0.4);
                fill(lam, -DAYS + 1, 0, mu);
            }
            case HOLIDAY_DIP -> {
                int len = ui(7, 14);
                int start = ui(-100, -30 - len);
                scale(lam, start, start + len - 1, 0.15);
                desc.append(" dip ").append(start).append("+").append(len);
            }
            case CATALOGUE_DUMP -> {
                mu = u(1.5, 4.0);
                fill(lam, -DAYS + 1, 0, mu);
                dumpOffset = ui(-27, 0);
                dumpPosts = ui(25, 60);
                obs[ix(dumpOffset)] = true;
                desc.append(" dump ").append(dumpOffset).append(" +").append(dumpPosts);
            }
            case STEP_UP, STEP_UP_THIN_RECENT -> {
                mu = u(2.5, 6.0);
                fill(lam, -DAYS + 1, 0, mu);
                double f = u(2.5, 3.5);
                int c = ui(-29, -25);
                scale(lam, c, 0, f);
                desc.append(String.format(Locale.ROOT, " x%.2f from %d", f, c));
                if (regime == Regime.STEP_UP_THIN_RECENT) {
                    int keep = ui(6, 12);
                    unobserve(obs, -27, 0);
                    for (int j = 0; j < keep; j++) {
                        obs[ix(ui(-27, 0))] = true;
                    }
                }
            }
            case STEP_UP_IMAGES -> {
                mu = u(2.5, 6.0);
                fill(lam, -DAYS + 1, 0, mu);
                double f = u(2.5, 3.5);
                int c = ui(-29, -25);
                scale(ipp, c, 0, f);
                desc.append(String.format(Locale.ROOT, " ipp x%.2f from %d", f, c));
            }
            case STEP_DOWN -> {
                mu = u(6.0, 12.0);
                k = u(2.0, 3.0);
                fill(lam, -DAYS + 1, 0, mu);
                double f = u(0.2, 0.35);
                int c = ui(-29, -25);
                scale(lam, c, 0, f);
                desc.append(String.format(Locale.ROOT, " k=%.2f x%.2f from %d", k, f, c));
            }
            case SHORT_PAUSE -> {
                mu = u(3.0, 8.0);
                fill(lam, -DAYS + 1, 0, mu);
                int len = ui(12, 18);
                int end = ui(-20, -5);
                fill(lam, end - len + 1, end, 0);
                desc.append(" pause ").append(end - len + 1).append("..").append(end);
            }
            case REACTIVATED, REACTIVATED_RECENTLY, REACTIVATED_THROUGH_GAP -> {
                mu = u(2.5, 8.0);
                fill(lam, -DAYS + 1, 0, mu);
                int back = regime == Regime.REACTIVATED_RECENTLY ? ui(-25, -3) : ui(-24, -8);
                int len = regime == Regime.REACTIVATED_RECENTLY ? ui(40, 80) : ui(40, 75);
                fill(lam, back - len, back - 1, 0);
                if (regime == Regime.REACTIVATED_RECENTLY) {
                    // "came back" means it posted that day: observed, at least one post
                    backOffset = back;
                    obs[ix(back)] = true;
                }
                if (regime == Regime.REACTIVATED_THROUGH_GAP) {
                    for (int o = back - len; o < back; o++) {
                        obs[ix(o)] = rnd.nextUniform(0, 1) < 0.2;
                    }
                }
                desc.append(" silent ").append(back - len).append("..").append(back - 1);
            }
            case DORMANT, DORMANT_PARTIAL_COVERAGE, SILENCE_POORLY_COVERED -> {
                mu = u(2.0, 8.0);
                fill(lam, -DAYS + 1, 0, mu);
                int stop = regime == Regime.DORMANT ? ui(-80, -40) : ui(-70, -45);
                fill(lam, stop, 0, 0);
                double cover = regime == Regime.DORMANT ? 1 - miss
                        : regime == Regime.DORMANT_PARTIAL_COVERAGE ? 0.75 : 0.25;
                for (int o = stop; o <= 0; o++) {
                    obs[ix(o)] = rnd.nextUniform(0, 1) < cover;
                }
                desc.append(" stop ").append(stop).append(String.format(Locale.ROOT, " cover %.2f", cover));
            }
            case CEASED -> {
                mu = u(2.0, 8.0);
                fill(lam, -DAYS + 1, 0, mu);
                int stop = ui(-250, -100);
                fill(lam, stop, 0, 0);
                desc.append(" stop ").append(stop);
            }
            case UNREACHABLE_GAP, GAP_SILENCE -> {
                int since = ui(-80, -35);
                for (int o = since; o <= 0; o++) {
                    obs[ix(o)] = false;
                }
                if (regime == Regime.UNREACHABLE_GAP) {
                    platform = new PlatformStatus(PlatformCondition.UNREACHABLE, asOf.plusDays(since));
                }
                desc.append(" gap from ").append(since);
            }
            case NEVER_ACTIVE -> fill(lam, -DAYS + 1, 0, 0);
            default -> throw new IllegalStateException(regime.name());
        }
        if (regime == Regime.PLATFORM_CLOSED) {
            platform = new PlatformStatus(rnd.nextInt(0, 1) == 0 ? PlatformCondition.CLOSED_BY_OWNER
                    : PlatformCondition.REMOVED_BY_PLATFORM, asOf.plusDays(ui(-20, 0)));
        } else if (regime == Regime.PLATFORM_CLOSED_LATER) {
            platform = new PlatformStatus(PlatformCondition.CLOSED_BY_OWNER, asOf.plusDays(ui(1, 10)));
        }
        desc.insert(0, String.format(Locale.ROOT, "mu=%.2f ipp=%.2f miss=%.2f ", mu, ip, miss));

        // sample
        List<DailyCount> days = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            int posts = 0;
            if (lam[i] > 0) {
                double g = rnd.nextGamma(k, lam[i] / k);
                posts = g > 0 ? (int) rnd.nextPoisson(g) : 0;
            }
            int images = posts > 0 ? (int) rnd.nextPoisson(posts * ipp[i]) : 0;
            if (i == ix(backOffset) && posts == 0) {
                posts = 1;
                images = (int) rnd.nextPoisson(ipp[i]);
            }
            if (i == ix(dumpOffset)) {
                posts += dumpPosts;
                images += (int) rnd.nextPoisson(dumpPosts * ipp[i]);
            }
            if (obs[i]) {
                days.add(new DailyCount(asOf.plusDays(i - DAYS + 1), posts, images));
            }
        }

        Map<FlagKey, Truth> truth = new LinkedHashMap<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Metric m : List.of(Metric.POSTS, Metric.IMAGES)) {
            StepTruth st = stepTruth(lam, ipp, obs, k, m);
            ratios.put(m.jsonName(), st.ratio);
            truth.put(new FlagKey(FlagType.STEPPED_UP, m), st.up);
            // a reactivated account is not also stepped down: its low recent rate is the silence that ended
            truth.put(new FlagKey(FlagType.STEPPED_DOWN, m),
                    regime.expectedStatus == ActivityStatus.ACTIVE && !regime.reactivated() ? st.down : Truth.NOT_EXPECTED);
        }
        truth.put(new FlagKey(FlagType.REACTIVATED, Metric.ACTIVITY),
                regime.reactivated() ? Truth.EXPECTED : Truth.NOT_EXPECTED);
        return new SimAccount(id, regime, ObservationSeries.of(days), platform, regime.expectedStatus,
                truth, ratios, desc.toString());
    }

    private record StepTruth(double ratio, Truth up, Truth down) {
    }

    /** Truth of the step flags of one metric from the planted intensities (no data, no detector). */
    private StepTruth stepTruth(double[] lam, double[] ipp, boolean[] obs, double k, Metric m) {
        int recentFrom = -(rules.recentWindowDays() - 1);
        int baseTo = recentFrom - 1;
        int baseFrom = baseTo - (rules.baselineWindowDays() - 1);
        double[] w1 = window(lam, ipp, obs, k, m, baseFrom, baseTo);
        double[] w2 = window(lam, ipp, obs, k, m, recentFrom, 0);
        int n1 = (int) w1[0], n2 = (int) w2[0];
        if (n1 < rules.minObservedDays() || n2 < rules.minObservedDays()) {
            return new StepTruth(Double.NaN, Truth.NOT_EXPECTED, Truth.NOT_EXPECTED);
        }
        double e1 = w1[1], e2 = w2[1];
        double r1 = e1 / n1, r2 = e2 / n2;
        double ratio = r2 / r1;
        if (e1 == 0 && e2 == 0) {
            return new StepTruth(Double.NaN, Truth.NOT_EXPECTED, Truth.NOT_EXPECTED);
        }
        // expected Pearson statistic: sum over days of (Var + (E - r_w)^2) / r_w
        double pearson = (r1 > 0 ? w1[2] / r1 : 0) + (r2 > 0 ? w2[2] / r2 : 0);
        double phi = Math.max(1, pearson / (n1 + n2 - 2));
        double c1 = e1 == 0 || e2 == 0 ? e1 + 0.5 : e1;
        double c2 = e1 == 0 || e2 == 0 ? e2 + 0.5 : e2;
        double s = Math.sqrt(phi * (1 / c1 + 1 / c2));
        double logR = Math.log((c2 / n2) / (c1 / n1));
        double step = Math.log(rules.stepRatio());
        Truth up = ratio <= 1.25 ? Truth.NOT_EXPECTED
                : ratio >= 2 && logR / s >= 4 && (logR - step) / s >= 2.5 ? Truth.EXPECTED
                : Truth.AMBIGUOUS;
        Truth down = ratio >= 0.8 ? Truth.NOT_EXPECTED
                : ratio <= 0.5 && -logR / s >= 4 && (-logR - step) / s >= 2.5 ? Truth.EXPECTED
                : Truth.AMBIGUOUS;
        return new StepTruth(ratio, up, down);
    }

    /** {observed days, Σ E, Σ (Var + (E − mean E)²)} over the observed days of from..to. */
    private static double[] window(double[] lam, double[] ipp, boolean[] obs, double k, Metric m,
                                   int from, int to) {
        int n = 0;
        double sum = 0;
        for (int o = from; o <= to; o++) {
            if (obs[ix(o)]) {
                n++;
                sum += mean(lam[ix(o)], ipp[ix(o)], m);
            }
        }
        double r = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (int o = from; o <= to; o++) {
            if (obs[ix(o)]) {
                double l = lam[ix(o)], ip = ipp[ix(o)];
                double var = m == Metric.POSTS ? l + l * l / k : ip * l + ip * ip * (l + l * l / k);
                double d = mean(l, ip, m) - r;
                ss += var + d * d;
            }
        }
        return new double[] {n, sum, ss};
    }

    private static double mean(double lam, double ipp, Metric m) {
        return m == Metric.POSTS ? lam : lam * ipp;
    }

    private static void fill(double[] a, int from, int to, double v) {
        for (int o = from; o <= to; o++) {
            a[ix(o)] = v;
        }
    }

    private static void scale(double[] a, int from, int to, double f) {
        for (int o = from; o <= to; o++) {
            a[ix(o)] *= f;
        }
    }

    private static void unobserve(boolean[] obs, int from, int to) {
        for (int o = from; o <= to; o++) {
            obs[ix(o)] = false;
        }
    }

    static Map<Regime, Integer> counts(List<SimAccount> panel) {
        Map<Regime, Integer> c = new EnumMap<>(Regime.class);
        for (SimAccount a : panel) {
            c.merge(a.regime(), 1, Integer::sum);
        }
        return c;
    }
}
