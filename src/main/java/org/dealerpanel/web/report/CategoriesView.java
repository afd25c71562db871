package org.dealerpanel.web.report;

import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.account.service.CohortService.CohortSummary;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.report.service.MatchReports.CategoryShares;
import org.dealerpanel.report.service.MatchReports.Share;

/** What the category-shares page shows: form, errors, and the shares (with before/after columns for an event). */
public record CategoriesView(MatchForm form, List<String> errors, List<CohortSummary> cohorts, CategoryShares report,
                             String chartJson) {

    /** A category's posts and share over the whole period and, with an event, before and from it. */
    public record Row(TermCategory category, long posts, String share, long beforePosts, String beforeShare,
                      long afterPosts, String afterShare) {
    }

    public boolean hasEvent() {
        return report != null && report.event() != null;
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Share s : report.shares()) {
            Share b = hasEvent() ? find(report.event().before(), s.category()) : null;
            Share a = hasEvent() ? find(report.event().after(), s.category()) : null;
            rows.add(new Row(s.category(), s.posts(), Fmt.share(s.share()), b == null ? 0 : b.posts(),
                    b == null ? (hasEvent() && report.event().before().posts() > 0 ? Fmt.share(0.0) : Fmt.NONE) : Fmt.share(b.share()),
                    a == null ? 0 : a.posts(),
                    a == null ? (hasEvent() && report.event().after().posts() > 0 ? Fmt.share(0.0) : Fmt.NONE) : Fmt.share(a.share())));
        }
        return rows;
    }

    static Share find(CategoryShares shares, TermCategory category) {
        return shares.shares().stream().filter(s -> s.category() == category).findFirst().orElse(null);
    }

    public String totalShare(long posts) {
        return posts == 0 ? Fmt.NONE : Fmt.share(1.0);
    }

    public String count(long value) {
        return Fmt.count(value);
    }

    public boolean isSelected(String cohort) {
        return cohort.equals(form.cohort());
    }

    public String csvLink() {
        return form.query("/reports/categories.csv");
    }

    public String cohortNav() {
        return new Links().add("cohort", form.cohort()).on("/reports/cohort");
    }

    public String matchNav(String path) {
        return form.query(path);
    }
}
