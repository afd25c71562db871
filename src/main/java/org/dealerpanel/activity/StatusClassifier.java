package org.dealerpanel.activity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Status as of a date D (issue 4, "Status as of a date D"). Only observations on or before D are
 * used; later ones in the series are ignored.
 *
 * <ol>
 *   <li>lastActive = the last observed day &le; D with posts &gt; 0 or images &gt; 0;
 *       silentDays = D − lastActive.</li>
 *   <li>A platform state CLOSED_BY_OWNER / REMOVED_BY_PLATFORM with since &le; D (or unknown since)
 *       → CEASED whatever the counts say; the evidence carries the state and what the counts alone
 *       would have said.</li>
 *   <li>no active day ever → UNKNOWN.</li>
 *   <li>silentDays &lt; dormantAfterDays → ACTIVE.</li>
 *   <li>the days lastActive+1 .. D (silentDays of them, D included) are checked for coverage:
 *       observed &lt; minCoverage × silentDays → UNKNOWN (a collection gap is not silence).</li>
 *   <li>otherwise DORMANT if silentDays &lt; ceasedAfterDays, else CEASED.</li>
 * </ol>
 */
public final class StatusClassifier {
    private final ActivityRules rules;

    public StatusClassifier(ActivityRules rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    public StatusClassifier() {
        this(ActivityRules.defaults());
    }

    public ActivityRules rules() {
        return rules;
    }

    /** Classifies; {@code platform} may be null (= LIVE / unknown). */
    public StatusResult classify(LocalDate asOf, ObservationSeries series, PlatformStatus platform) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(series, "series");
        return classify(ActivitySummary.of(series, asOf, rules), platform);
    }

    /** Classifies from the aggregates; {@code platform} may be null (= LIVE / unknown). */
    public StatusResult classify(ActivitySummary summary, PlatformStatus platform) {
        LocalDate asOf = summary.asOf();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("asOf", asOf);

        LocalDate lastActive = summary.lastActive();
        Integer silentDays = null;
        Integer observedAfter = null;
        Double coverage = null;
        ActivityStatus byCounts;
        String rule;
        if (lastActive == null) {
            byCounts = ActivityStatus.UNKNOWN;
            rule = "NEVER_ACTIVE";
        } else {
            int silent = (int) ChronoUnit.DAYS.between(lastActive, asOf);
            silentDays = silent;
            int obs = summary.observedAfterLastActive();
            observedAfter = obs;
            coverage = silent == 0 ? null : (double) obs / silent;
            if (silent < rules.dormantAfterDays()) {
                byCounts = ActivityStatus.ACTIVE;
                rule = "RECENTLY_ACTIVE";
            } else if (obs < rules.minCoverage() * silent) {
                byCounts = ActivityStatus.UNKNOWN;
                rule = "SILENCE_NOT_COVERED";
            } else if (silent < rules.ceasedAfterDays()) {
                byCounts = ActivityStatus.DORMANT;
                rule = "SILENT";
            } else {
                byCounts = ActivityStatus.CEASED;
                rule = "SILENT_LONG";
            }
            ev.put("lastActive", lastActive);
            ev.put("silentDays", silent);
            ev.put("daysAfterLastActive", silent);
            ev.put("observedDaysAfterLastActive", obs);
            ev.put("coverage", coverage);
        }

        ActivityStatus status = byCounts;
        if (platform != null) {
            ev.put("platformState", platform.state().name());
            if (platform.since() != null) {
                ev.put("platformStateSince", platform.since());
            }
            if (platform.terminalOn(asOf)) {
                status = ActivityStatus.CEASED;
                ev.put("statusFromCounts", byCounts.name());
                ev.put("countsRule", rule);
                rule = "PLATFORM_STATE";
                ev.put("reason", "account " + (platform.state() == PlatformCondition.CLOSED_BY_OWNER
                        ? "closed by its owner" : "removed by the platform")
                        + (platform.since() == null ? " (date unknown)" : " since " + platform.since()));
            }
        }
        ev.put("rule", rule);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("dormantAfterDays", rules.dormantAfterDays());
        thresholds.put("ceasedAfterDays", rules.ceasedAfterDays());
        thresholds.put("minCoverage", rules.minCoverage());
        ev.put("thresholds", thresholds);
        return new StatusResult(asOf, status, lastActive, silentDays, observedAfter, coverage,
                Collections.unmodifiableMap(ev));
    }
}
