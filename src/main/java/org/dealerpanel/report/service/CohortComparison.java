package org.dealerpanel.report.service;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/reports/cohort-comparison}: how a cohort changed between a baseline and a
 * follow-up window. See {@link ReportService#cohortComparison} for the definitions.
 */
public record CohortComparison(String cohort, Window baselineWindow, Window followupWindow,
                               int monitored, int ceased, int active, int unknown,
                               Rates baseline, Rates baselineOfActive, Rates followup,
                               Change change, List<AccountRow> accounts, String definitions) {

    public enum Outcome { CEASED, ACTIVE, UNKNOWN }

    public record Window(LocalDate from, LocalDate to, long days) {
    }

    /**
     * @param accounts            accounts counted
     * @param observedDays        days on which at least one of them was observed
     * @param postsPerDay         their total posts per observed day, averaged over the window
     * @param postsPerAccountDay  postsPerDay / accounts
     */
    public record Rates(int accounts, long observedDays, long posts, long images, Double postsPerDay,
                        Double imagesPerDay, Double postsPerAccountDay, Double imagesPerAccountDay) {
    }

    /** The survivors' (ACTIVE) paired change, follow-up over baseline, per metric. */
    public record Change(PairedChange posts, PairedChange images) {
    }

    public record PairedChange(int accountsUsed, int accountsExcluded, Double ratio, Double ciLow, Double ciHigh,
                               Double pValue, Double pooledRatio, Double dispersion, String method) {
    }

    public record AccountRow(long accountId, String platform, String handle, Outcome outcome, String reason,
                             int baselineObservedDays, long baselinePosts, long baselineImages,
                             Double baselinePostsPerDay, Double baselineImagesPerDay,
                             int followupObservedDays, long followupPosts, long followupImages,
                             Double followupPostsPerDay, Double followupImagesPerDay) {
    }
}
