package org.dealerpanel.web.account;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.activity.service.ActivityView.FlagView;

/**
 * The evidence maps of the status classifier and the trend detector (see StatusClassifier and TrendDetector),
 * read into typed, formatted values that the account page puts into sentences. The maps come either computed
 * (dates and doubles) or from the stored snapshot (ISO strings, integers and doubles): both are accepted.
 */
public final class Evidence {
    private Evidence() {
    }

    /** Why the account has its status. {@code rule}: NEVER_ACTIVE, RECENTLY_ACTIVE, SILENCE_NOT_COVERED, SILENT, SILENT_LONG or PLATFORM_STATE. */
    public record StatusEvidence(String rule, String asOf, String lastActive, String silentDays, String observedDays,
                                 String coverage, PlatformState platformState, String platformStateSince,
                                 ActivityStatus statusFromCounts, String countsRule, String dormantAfterDays,
                                 String ceasedAfterDays, String minCoverage, boolean fromSnapshot) {
        public boolean byPlatform() {
            return "PLATFORM_STATE".equals(rule);
        }

        /** The rule the counts alone followed (the rule itself unless the platform state decided). */
        public String countsRuleOrRule() {
            return byPlatform() ? countsRule : rule;
        }
    }

    /** The recent and baseline windows of one metric, and the test between them. */
    public record Windows(String metric, String recentFrom, String recentTo, String recentRate, String recentTotal,
                          String recentDays, String baselineFrom, String baselineTo, String baselineRate,
                          String baselineTotal, String baselineDays, String ratio, boolean ratioInfinite, String ciLow,
                          String ciHigh, String pUp, String pDown, boolean tested) {
    }

    /** The robustness check of a step: it still holds without the largest day of one window. */
    public record Robust(String day, String count, String ratio, String pValue) {
    }

    public record Reactivation(String on, String lastActiveBefore, String silentDays, String observedDays, String coverage) {
    }

    public record FlagEvidence(FlagType type, String metric, String since, List<Windows> windows, String pValue,
                               String alpha, String stepRatio, Robust robust, Reactivation reactivation) {
        public boolean up() {
            return type == FlagType.STEPPED_UP;
        }

        public boolean down() {
            return type == FlagType.STEPPED_DOWN;
        }

        public boolean reactivated() {
            return type == FlagType.REACTIVATED;
        }
    }

    public static StatusEvidence status(ActivityView view) {
        Map<String, Object> ev = view.evidence() == null ? Map.of() : view.evidence();
        Map<String, Object> thresholds = map(ev.get("thresholds"));
        return new StatusEvidence(text(ev.get("rule")), text(ev.get("asOf") != null ? ev.get("asOf") : view.asOf()),
                text(ev.get("lastActive")), integer(ev.get("silentDays")), integer(ev.get("observedDaysAfterLastActive")),
                percent(ev.get("coverage")), enumOf(PlatformState.class, ev.get("platformState")),
                text(ev.get("platformStateSince")), enumOf(ActivityStatus.class, ev.get("statusFromCounts")),
                text(ev.get("countsRule")), integer(thresholds.get("dormantAfterDays")),
                integer(thresholds.get("ceasedAfterDays")), percent(thresholds.get("minCoverage")),
                "snapshot".equals(view.source()));
    }

    public static List<FlagEvidence> flags(List<FlagView> flags) {
        List<FlagEvidence> out = new ArrayList<>();
        for (FlagView f : flags) {
            out.add(flag(f));
        }
        return out;
    }

    public static FlagEvidence flag(FlagView flag) {
        Map<String, Object> ev = flag.evidence() == null ? Map.of() : flag.evidence();
        if (flag.type() == FlagType.REACTIVATED) {
            List<Windows> windows = new ArrayList<>();
            for (String metric : List.of("posts", "images")) {
                if (ev.get(metric) instanceof Map<?, ?>) {
                    windows.add(windows(metric, map(ev.get(metric))));
                }
            }
            Reactivation re = new Reactivation(text(ev.get("reactivatedOn")), text(ev.get("lastActiveBefore")),
                    integer(ev.get("silentDays")), integer(ev.get("observedSilentDays")), percent(ev.get("coverage")));
            return new FlagEvidence(flag.type(), flag.metric(), text(flag.since()), windows, null, null, null, null, re);
        }
        Map<String, Object> rob = map(ev.get("robustness"));
        Robust robust = rob.isEmpty() ? null : new Robust(text(rob.get("leftOutDay")), integer(rob.get("leftOutCount")),
                ratio(rob.get("ratio")), pValue(rob.get("pValue")));
        return new FlagEvidence(flag.type(), flag.metric(), text(flag.since()), List.of(windows(flag.metric(), ev)),
                pValue(ev.get("pValue")), plain(ev.get("alpha")), ratio(ev.get("stepRatio")), robust, null);
    }

    private static Windows windows(String metric, Map<String, Object> ev) {
        Map<String, Object> recent = map(ev.get("recent"));
        Map<String, Object> base = map(ev.get("baseline"));
        return new Windows(metric, text(recent.get("from")), text(recent.get("to")), rate(recent.get("rate")),
                integer(recent.get("total")), integer(recent.get("observedDays")), text(base.get("from")),
                text(base.get("to")), rate(base.get("rate")), integer(base.get("total")), integer(base.get("observedDays")),
                ratio(ev.get("ratio")), Boolean.TRUE.equals(ev.get("ratioInfinite")),
                ratio(list(ev.get("ratioCi95"), 0)), ratio(list(ev.get("ratioCi95"), 1)),
                pValue(ev.get("pValueUp")), pValue(ev.get("pValueDown")), ev.containsKey("ratio") || ev.containsKey("ratioInfinite"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Object list(Object o, int index) {
        return o instanceof List<?> l && l.size() > index ? l.get(index) : null;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object o) {
        if (o == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, o.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Never null: an absent value is the empty string (false in a template's if). */
    static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    static String integer(Object o) {
        return o instanceof Number n ? String.valueOf(Math.round(n.doubleValue())) : text(o);
    }

    static String plain(Object o) {
        return o instanceof Number n ? format("0.####", n.doubleValue()) : text(o);
    }

    static String rate(Object o) {
        return o instanceof Number n ? format("0.##", n.doubleValue()) : text(o);
    }

    static String ratio(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? format("0.00", n.doubleValue()) : text(o);
    }

    static String percent(Object o) {
        return o instanceof Number n ? format("0", n.doubleValue() * 100) + "%" : text(o);
    }

    /** 0.0032, or 3.2 × 10⁻⁹ for small values. */
    static String pValue(Object o) {
        if (!(o instanceof Number n)) {
            return text(o);
        }
        double p = n.doubleValue();
        if (p >= 0.001) {
            return format("0.####", p);
        }
        if (p <= 0) {
            return "< 10" + superscript(-16);
        }
        int exponent = (int) Math.floor(Math.log10(p));
        double mantissa = p / Math.pow(10, exponent);
        if (mantissa >= 9.95) {
            mantissa = 1;
            exponent++;
        }
        return format("0.0", mantissa) + " × 10" + superscript(exponent);
    }

    private static String superscript(int value) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        if (value < 0) {
            sb.append('⁻');
        }
        for (char c : String.valueOf(Math.abs(value)).toCharArray()) {
            sb.append(digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    private static String format(String pattern, double value) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
