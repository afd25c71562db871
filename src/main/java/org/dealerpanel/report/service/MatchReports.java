package org.dealerpanel.report.service;

import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.lexicon.TermCategory;

/**
 * Shapes of the category-shares, monthly-trend and concentration reports. Each says which lexicon version its matches
 * come from ({@code lexiconVersion}) and whether stored texts are still being matched again after a change to it
 * ({@code lexiconRematchRunning}: then older texts may still carry the matches of the version before).
 */
public final class MatchReports {
    private MatchReports() {
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    /** {@code posts}: matched posts; each counted once, under its dominant category. */
    public record CategoryShares(Period period, long posts, List<Share> shares, String cohort, String rule,
                                 Comparison<CategoryShares> event, int lexiconVersion, boolean lexiconRematchRunning) {
    }

    public record Share(TermCategory category, long posts, double share) {
    }

    public record MonthlyTrend(Period period, List<Month> months, String cohort, Comparison<TrendSummary> event,
                               int lexiconVersion, boolean lexiconRematchRunning) {
    }

    /** month = yyyy-mm; matchedShare = matchedPosts / newPosts (null without posts). */
    public record Month(String month, long newPosts, long matchedPosts, Double matchedShare) {
    }

    public record TrendSummary(Period period, int months, long newPosts, long matchedPosts,
                               double newPostsPerMonth, double matchedPostsPerMonth) {
    }

    public record Concentration(Period period, long matchedPosts, List<Holder> accounts, List<Holder> platforms,
                                String cohort, Comparison<Concentration> event, int lexiconVersion,
                                boolean lexiconRematchRunning) {
    }

    /** An account (id, platform, handle) or a platform (platform only) and its share of the matched posts. */
    public record Holder(Long accountId, String platform, String handle, long matchedPosts, double share) {
    }

    /** Before (from .. event − 1) and after (event .. to) an event date, same measures. */
    public record Comparison<T>(LocalDate date, T before, T after) {
    }
}
