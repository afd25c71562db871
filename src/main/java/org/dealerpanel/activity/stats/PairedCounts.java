package org.dealerpanel.activity.stats;

/**
 * One surviving account's totals in the two windows of a cohort comparison: events (posts or
 * images) summed over its observed days, and the number of those observed days.
 */
public record PairedCounts(String accountId, long baselineEvents, int baselineDays,
                           long followupEvents, int followupDays) {
    public PairedCounts {
        if (baselineEvents < 0 || followupEvents < 0 || baselineDays < 0 || followupDays < 0) {
            throw new IllegalArgumentException("negative count for " + accountId);
        }
        if ((baselineEvents > 0 && baselineDays == 0) || (followupEvents > 0 && followupDays == 0)) {
            throw new IllegalArgumentException("events without observed days for " + accountId);
        }
    }
}
