package org.dealerpanel.activity.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dealerpanel.activity.ActivityAssessment;
import org.dealerpanel.activity.ActivityRules;
import org.dealerpanel.activity.FlagType;

/**
 * Runs StatusClassifier + TrendDetector over a generated panel and scores them against the planted
 * truth: status accuracy and, per flag (type × metric, and per type pooled over metrics),
 * precision and recall over the accounts whose truth is not AMBIGUOUS.
 *
 * <p>Main: {@code PanelEvaluation [accounts=300] [seed=20170331] [extraSeeds=20]} prints the
 * figures for the seed and a summary over further seeds.
 */
public final class PanelEvaluation {
    public static final LocalDate AS_OF = LocalDate.of(2017, 3, 31);

    /** Counts for one flag. */
    public record FlagScore(String flag, int tp, int fp, int fn, int tn, int ambiguous,
                            int ambiguousFlagged) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        FlagScore plus(FlagScore o, String name) {
            return new FlagScore(name, tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn,
                    ambiguous + o.ambiguous, ambiguousFlagged + o.ambiguousFlagged);
        }
    }

    /**
     * @param accounts      accounts evaluated
     * @param statusCorrect accounts whose status equals the planted one
     * @param statusErrors  "id regime expected->got (description)" for each miss
     * @param perFlag       scores per type × metric
     * @param perType       scores per flag type, pooled over metrics
     * @param flagErrors    "id regime flag FP|FN (description)" for each miss
     */
    public record Result(int accounts, int statusCorrect, List<String> statusErrors,
                         Map<String, FlagScore> perFlag, Map<String, FlagScore> perType,
                         List<String> flagErrors) {
        public double statusAccuracy() {
            return (double) statusCorrect / accounts;
        }

        public double minPrecision() {
            return perFlag.values().stream().mapToDouble(FlagScore::precision).min().orElse(1);
        }

        public double minRecall() {
            return perFlag.values().stream().mapToDouble(FlagScore::recall).min().orElse(1);
        }
    }

    public static Result evaluate(List<SimAccount> panel, ActivityRules rules) {
        int correct = 0;
        List<String> statusErrors = new ArrayList<>();
        List<String> flagErrors = new ArrayList<>();
        Map<FlagKey, int[]> c = new LinkedHashMap<>(); // tp fp fn tn amb ambFlagged
        for (FlagKey k : FlagKey.ALL) {
            c.put(k, new int[6]);
        }
        for (SimAccount a : panel) {
            ActivityAssessment got = ActivityAssessment.assess(rules, AS_OF, a.series(), a.platform());
            if (got.status().status() == a.expectedStatus()) {
                correct++;
            } else {
                statusErrors.add(a.id() + " " + a.regime() + " " + a.expectedStatus() + "->"
                        + got.status().status() + " (" + a.description() + ") " + got.status().evidence());
            }
            for (FlagKey k : FlagKey.ALL) {
                boolean flagged = got.has(k.type(), k.metric());
                Truth t = a.expectedFlags().get(k);
                int[] s = c.get(k);
                if (t == Truth.AMBIGUOUS) {
                    s[4]++;
                    if (flagged) {
                        s[5]++;
                    }
                    continue;
                }
                boolean expected = t == Truth.EXPECTED;
                s[expected ? (flagged ? 0 : 2) : (flagged ? 1 : 3)]++;
                if (expected != flagged) {
                    flagErrors.add(a.id() + " " + a.regime() + " " + k + " " + (flagged ? "FP" : "FN")
                            + " planted ratio " + a.plantedRatio() + " (" + a.description() + ")");
                }
            }
        }
        Map<String, FlagScore> perFlag = new LinkedHashMap<>();
        Map<String, FlagScore> perType = new LinkedHashMap<>();
        for (FlagKey k : FlagKey.ALL) {
            int[] s = c.get(k);
            FlagScore fs = new FlagScore(k.toString(), s[0], s[1], s[2], s[3], s[4], s[5]);
            perFlag.put(k.toString(), fs);
            perType.merge(k.type().name(), new FlagScore(k.type().name(), s[0], s[1], s[2], s[3], s[4], s[5]),
                    (x, y) -> x.plus(y, k.type().name()));
        }
        return new Result(panel.size(), correct, statusErrors, perFlag, perType, flagErrors);
    }

    public static String format(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "accounts %d, status accuracy %.4f (%d/%d)%n",
                r.accounts(), r.statusAccuracy(), r.statusCorrect(), r.accounts()));
        sb.append(String.format(Locale.ROOT, "%-22s %4s %4s %4s %5s %9s %7s %5s %8s%n",
                "flag", "TP", "FP", "FN", "TN", "precision", "recall", "ambig", "ambFlag"));
        for (Map<String, FlagScore> m : List.of(r.perFlag(), r.perType())) {
            for (FlagScore f : m.values()) {
                sb.append(String.format(Locale.ROOT, "%-22s %4d %4d %4d %5d %9.4f %7.4f %5d %8d%n",
                        f.flag(), f.tp(), f.fp(), f.fn(), f.tn(), f.precision(), f.recall(),
                        f.ambiguous(), f.ambiguousFlagged()));
            }
        }
        for (String e : r.statusErrors()) {
            sb.append("status miss: ").append(e).append('\n');
        }
        for (String e : r.flagErrors()) {
            sb.append("flag miss: ").append(e).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20170331L;
        int extra = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ActivityRules rules = ActivityRules.defaults();
        long t0 = System.nanoTime();
        List<SimAccount> panel = new PanelGenerator(seed, AS_OF).generate(n);
        Result r = evaluate(panel, rules);
        System.out.printf(Locale.ROOT, "seed %d, as of %s, regimes %s%n", seed, AS_OF,
                PanelGenerator.counts(panel));
        System.out.print(format(r));
        System.out.printf(Locale.ROOT, "(%.0f ms)%n", (System.nanoTime() - t0) / 1e6);
        if (extra > 0) {
            int statusMiss = 0, accounts = 0;
            FlagScore[] sum = new FlagScore[FlagType.values().length];
            double minP = 1, minR = 1;
            for (int i = 1; i <= extra; i++) {
                Result x = evaluate(new PanelGenerator(seed + i, AS_OF).generate(n), rules);
                statusMiss += x.accounts() - x.statusCorrect();
                accounts += x.accounts();
                minP = Math.min(minP, x.minPrecision());
                minR = Math.min(minR, x.minRecall());
                int j = 0;
                for (FlagScore f : x.perType().values()) {
                    sum[j] = sum[j] == null ? f : sum[j].plus(f, f.flag());
                    j++;
                }
            }
            System.out.printf(Locale.ROOT, "%nover %d further seeds (%d accounts): status misses %d; "
                    + "worst per-flag precision %.4f, worst recall %.4f%n", extra, accounts, statusMiss, minP, minR);
            for (FlagScore f : sum) {
                System.out.printf(Locale.ROOT, "  %-13s TP %5d FP %4d FN %4d  precision %.4f recall %.4f  ambiguous %d (flagged %d)%n",
                        f.flag(), f.tp(), f.fp(), f.fn(), f.precision(), f.recall(), f.ambiguous(), f.ambiguousFlagged());
            }
        }
    }
}
