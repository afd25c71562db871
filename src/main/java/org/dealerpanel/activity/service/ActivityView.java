package org.dealerpanel.activity.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dealerpanel.activity.ActivityAssessment;
import org.dealerpanel.activity.ActivityStatus;
import org.dealerpanel.activity.StatusResult;
import org.dealerpanel.activity.TrendFlag;

/**
 * Status and flags of one account as of a day, as {@code GET /api/v1/accounts/{id}/activity} shows it.
 *
 * @param statusSince first day of the current run of this status in the snapshot history; null when
 *                    no snapshot says so
 * @param source      {@code snapshot} (the stored nightly result) or {@code computed} (on request)
 */
public record ActivityView(long accountId, LocalDate asOf, ActivityStatus status, Integer silentDays,
                           LocalDate lastActive, LocalDate statusSince, List<FlagView> flags,
                           Map<String, Object> evidence, String source) {

    /** A trend flag: type, metric (posts, images, or activity for REACTIVATED), since, evidence. */
    public record FlagView(org.dealerpanel.activity.FlagType type, String metric, LocalDate since,
                           Map<String, Object> evidence) {
        static FlagView of(TrendFlag flag) {
            return new FlagView(flag.type(), flag.metric().jsonName(), flag.since(), flag.evidence());
        }
    }

    static ActivityView computed(long accountId, ActivityAssessment assessment) {
        StatusResult s = assessment.status();
        return new ActivityView(accountId, s.asOf(), s.status(), s.silentDays(), s.lastActive(), null,
                assessment.flags().stream().map(FlagView::of).toList(), s.evidence(), "computed");
    }

    public boolean hasFlag(org.dealerpanel.activity.FlagType type) {
        return flags.stream().anyMatch(f -> f.type() == type);
    }
}
