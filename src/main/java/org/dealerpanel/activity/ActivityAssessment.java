package org.dealerpanel.activity;

import java.util.List;

/** Status and flags of one account as of a date: what {@code GET .../activity?asOf=} returns. */
public record ActivityAssessment(StatusResult status, List<TrendFlag> flags) {

    /** Classifies and detects with the same rules. */
    public static ActivityAssessment assess(ActivityRules rules, java.time.LocalDate asOf,
                                            ObservationSeries series, PlatformStatus platform) {
        return assess(rules, ActivitySummary.of(series, asOf, rules), platform);
    }

    /** Classifies and detects from the aggregates (the set-based path over the whole panel). */
    public static ActivityAssessment assess(ActivityRules rules, ActivitySummary summary, PlatformStatus platform) {
        StatusResult s = new StatusClassifier(rules).classify(summary, platform);
        return new ActivityAssessment(s, new TrendDetector(rules).detect(summary, s));
    }

    public boolean has(FlagType type, Metric metric) {
        return flags.stream().anyMatch(f -> f.type() == type && f.metric() == metric);
    }
}
