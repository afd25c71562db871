package org.dealerpanel.activity;

import java.time.LocalDate;
import java.util.Map;

/**
 * Status of one account as of a date.
 *
 * @param asOf                   the date D
 * @param status                 ACTIVE / DORMANT / CEASED / UNKNOWN
 * @param lastActive             last observed day on or before D with posts &gt; 0 or images &gt; 0;
 *                               null if none
 * @param silentDays             D − lastActive, or null if never active
 * @param observedAfterLastActive observed days among lastActive+1 .. D (null if never active)
 * @param coverage               observedAfterLastActive / silentDays; null if never active or
 *                               silentDays == 0 (no days to cover)
 * @param evidence               why: rule applied, figures, thresholds (JSON-friendly values)
 */
public record StatusResult(LocalDate asOf, ActivityStatus status, LocalDate lastActive,
                           Integer silentDays, Integer observedAfterLastActive, Double coverage,
                           Map<String, Object> evidence) {
}
