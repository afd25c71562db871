package org.dealerpanel.activity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dealerpanel.activity.stats.QuasiPoissonRateTest;
import org.dealerpanel.activity.stats.RateTestResult;

/**
 * Trend flags as of a date D (issue 4, "Trend flags as of D"), for posts and images separately.
 *
 * <p>Windows: recent = the {@code recentWindowDays} (28) days ending D; baseline = the
 * {@code baselineWindowDays} (84) days before it. Rates are per observed day; each window needs
 * {@code minObservedDays} (14) observed days, otherwise no step flag for that metric.
 *
 * <ul>
 *   <li>STEPPED_UP: ratio recent/baseline &ge; stepRatio (1.5) and the one-sided quasi-Poisson
 *       test ({@link QuasiPoissonRateTest}) gives p &lt; alpha (0.01); and both still hold after
 *       the recent window's single largest day is left out (one catalogue dump is not a step).</li>
 *   <li>STEPPED_DOWN: only when the status is ACTIVE; ratio &le; 1/stepRatio and one-sided
 *       p &lt; alpha; mirror of the robustness rule: both still hold after the baseline window's
 *       single largest day is left out (one old dump does not make a step down). Never beside
 *       REACTIVATED: when a silence ended in the recent window, the drop of the recent rate is that
 *       silence, so the account is flagged REACTIVATED only (its evidence names the metrics whose
 *       step-down test held, {@code steppedDownNotFlagged}).</li>
 *   <li>REACTIVATED (metric ACTIVITY): an active day A in the recent window whose previous active
 *       day P leaves a silence of A − P − 1 &ge; dormantAfterDays (30) days of which at least
 *       minCoverage (½) were observed, i.e. the account would have been DORMANT or CEASED by its
 *       counts on the day before A. A first-ever active day is not a reactivation. since = A.</li>
 * </ul>
 * Flags are computed from counts; a terminal platform state only affects STEPPED_DOWN (through
 * the status, which is then not ACTIVE).
 */
public final class TrendDetector {
    public static final String TEST_NAME =
            "quasi-Poisson rate ratio (Pearson dispersion, floored at 1), one-sided t test";

    private final ActivityRules rules;

    public TrendDetector(ActivityRules rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    public TrendDetector() {
        this(ActivityRules.defaults());
    }

    /** All flags as of {@code asOf}; {@code status} must be the classifier's result for the same D. */
    public List<TrendFlag> detect(LocalDate asOf, ObservationSeries series, StatusResult status) {
        return detect(ActivitySummary.of(series, asOf, rules), status);
    }

    /** All flags from the aggregates; {@code status} must be the classifier's result for the same D. */
    public List<TrendFlag> detect(ActivitySummary summary, StatusResult status) {
        List<TrendFlag> flags = new ArrayList<>();
        boolean active = status != null && status.status() == ActivityStatus.ACTIVE;
        Map<Metric, StepAssessment> assessed = new LinkedHashMap<>();
        for (Metric m : List.of(Metric.POSTS, Metric.IMAGES)) {
            assessed.put(m, assessStep(summary, m, active));
        }
        TrendFlag re = reactivation(summary, assessed);
        List<String> downNotFlagged = new ArrayList<>();
        for (StepAssessment a : assessed.values()) {
            if (a.steppedUp()) {
                flags.add(new TrendFlag(FlagType.STEPPED_UP, a.metric(), a.recentFrom(),
                        stepEvidence(a, FlagType.STEPPED_UP)));
            }
            if (a.steppedDown()) {
                if (re != null) {
                    // the lower recent rate is the silence that just ended, not an account posting less
                    downNotFlagged.add(a.metric().jsonName());
                } else {
                    flags.add(new TrendFlag(FlagType.STEPPED_DOWN, a.metric(), a.recentFrom(),
                            stepEvidence(a, FlagType.STEPPED_DOWN)));
                }
            }
        }
        if (re != null) {
            if (!downNotFlagged.isEmpty()) {
                Map<String, Object> ev = new LinkedHashMap<>(re.evidence());
                ev.put("steppedDownNotFlagged", List.copyOf(downNotFlagged));
                ev.put("steppedDownNotFlaggedReason",
                        "the lower rate of the recent window is the silence that ended in it, not a step down");
                re = new TrendFlag(re.type(), re.metric(), re.since(), Collections.unmodifiableMap(ev));
            }
            flags.add(re);
        }
        return List.copyOf(flags);
    }

    /** The step test of one metric; {@code active} gates STEPPED_DOWN. */
    public StepAssessment assessStep(LocalDate asOf, ObservationSeries series, Metric metric,
                                     boolean active) {
        return assessStep(ActivitySummary.of(series, asOf, rules), metric, active);
    }

    /** The step test of one metric from the window aggregates; {@code active} gates STEPPED_DOWN. */
    public StepAssessment assessStep(ActivitySummary summary, Metric metric, boolean active) {
        if (metric == Metric.ACTIVITY) {
            throw new IllegalArgumentException("steps are for POSTS or IMAGES");
        }
        LocalDate asOf = summary.asOf();
        LocalDate recentTo = asOf;
        LocalDate recentFrom = ActivitySummary.recentFrom(asOf, rules);
        LocalDate baselineTo = recentFrom.minusDays(1);
        LocalDate baselineFrom = ActivitySummary.baselineFrom(asOf, rules);
        WindowStats base = summary.baseline().getOrDefault(metric, WindowStats.EMPTY);
        WindowStats recent = summary.recent().getOrDefault(metric, WindowStats.EMPTY);
        boolean eligible = base.observedDays() >= rules.minObservedDays()
                && recent.observedDays() >= rules.minObservedDays();
        if (!eligible) {
            return new StepAssessment(metric, recentFrom, recentTo, baselineFrom, baselineTo, false,
                    null, null, null, null, null, false, false);
        }
        RateTestResult test = QuasiPoissonRateTest.test(base.counts(), recent.counts());
        RateTestResult robustUp = null, robustDown = null;
        LocalDate upDay = null, downDay = null;
        boolean up = false, down = false;
        if (isUp(test)) {
            upDay = recent.maxDay();
            robustUp = QuasiPoissonRateTest.test(base.counts(), recent.counts().without(recent.max()));
            up = isUp(robustUp);
        }
        if (active && isDown(test)) {
            downDay = base.maxDay();
            robustDown = QuasiPoissonRateTest.test(base.counts().without(base.max()), recent.counts());
            down = isDown(robustDown);
        }
        return new StepAssessment(metric, recentFrom, recentTo, baselineFrom, baselineTo, true,
                test, robustUp, upDay, robustDown, downDay, up, down);
    }

    private boolean isUp(RateTestResult t) {
        return !t.degenerate() && t.ratio() >= rules.stepRatio() && t.pUp() < rules.alpha();
    }

    private boolean isDown(RateTestResult t) {
        return !t.degenerate() && t.ratio() <= 1.0 / rules.stepRatio() && t.pDown() < rules.alpha();
    }

    /** The last silence of the recent window that was long enough and observed enough, or null. */
    private TrendFlag reactivation(ActivitySummary summary, Map<Metric, StepAssessment> assessed) {
        TrendFlag found = null;
        for (ActivitySummary.SilenceEnd end : summary.silenceEnds()) {
            int silence = end.silentDays();
            if (silence < rules.dormantAfterDays()) {
                continue;
            }
            int observed = end.observedSilentDays();
            if (observed < rules.minCoverage() * silence) {
                continue; // a collection gap, not a silence
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("metric", Metric.ACTIVITY.jsonName());
            ev.put("lastActiveBefore", end.lastActiveBefore());
            ev.put("reactivatedOn", end.activeAgain());
            ev.put("silentDays", silence);
            ev.put("observedSilentDays", observed);
            ev.put("coverage", (double) observed / silence);
            ev.put("minSilentDays", rules.dormantAfterDays());
            ev.put("minCoverage", rules.minCoverage());
            for (StepAssessment s : assessed.values()) {
                ev.put(s.metric().jsonName(), windowsEvidence(s, s.test()));
            }
            found = new TrendFlag(FlagType.REACTIVATED, Metric.ACTIVITY, end.activeAgain(),
                    Collections.unmodifiableMap(ev));
        }
        return found;
    }

    private Map<String, Object> stepEvidence(StepAssessment a, FlagType type) {
        Map<String, Object> ev = windowsEvidence(a, a.test());
        ev.put("metric", a.metric().jsonName());
        ev.put("alpha", rules.alpha());
        ev.put("stepRatio", type == FlagType.STEPPED_UP ? rules.stepRatio() : 1.0 / rules.stepRatio());
        Map<String, Object> rob = new LinkedHashMap<>();
        RateTestResult r = type == FlagType.STEPPED_UP ? a.robustUp() : a.robustDown();
        LocalDate day = type == FlagType.STEPPED_UP ? a.robustUpDay() : a.robustDownDay();
        rob.put("rule", type == FlagType.STEPPED_UP
                ? "holds without the recent window's largest day"
                : "holds without the baseline window's largest day");
        rob.put("leftOutDay", day);
        rob.put("leftOutCount", type == FlagType.STEPPED_UP
                ? a.test().x2() - r.x2() : a.test().x1() - r.x1());
        rob.put("ratio", num(r.ratio()));
        rob.put("pValue", type == FlagType.STEPPED_UP ? r.pUp() : r.pDown());
        rob.put("holds", true);
        ev.put("robustness", rob);
        ev.put("pValue", type == FlagType.STEPPED_UP ? a.test().pUp() : a.test().pDown());
        return Collections.unmodifiableMap(ev);
    }

    private Map<String, Object> windowsEvidence(StepAssessment a, RateTestResult t) {
        Map<String, Object> ev = new LinkedHashMap<>();
        Map<String, Object> recent = new LinkedHashMap<>();
        recent.put("from", a.recentFrom());
        recent.put("to", a.recentTo());
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("from", a.baselineFrom());
        base.put("to", a.baselineTo());
        if (t != null) {
            recent.put("observedDays", t.n2());
            recent.put("total", t.x2());
            recent.put("rate", num(t.rate2()));
            base.put("observedDays", t.n1());
            base.put("total", t.x1());
            base.put("rate", num(t.rate1()));
        }
        ev.put("recent", recent);
        ev.put("baseline", base);
        if (t != null) {
            ev.put("ratio", num(t.ratio()));
            if (Double.isInfinite(t.ratio())) {
                ev.put("ratioInfinite", true);
            }
            ev.put("ratioCi95", java.util.Arrays.asList(num(t.ciLow()), num(t.ciHigh())));
            ev.put("continuityCorrected", t.corrected());
            ev.put("pValueUp", t.pUp());
            ev.put("pValueDown", t.pDown());
            ev.put("dispersion", num(t.dispersion()));
            ev.put("dispersionRaw", num(t.dispersionRaw()));
            ev.put("df", t.df());
            ev.put("test", TEST_NAME);
        }
        return ev;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
