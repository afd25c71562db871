package org.dealerpanel.web.report;

import java.util.List;
import org.dealerpanel.account.service.CohortService.CohortSummary;
import org.dealerpanel.report.service.CohortComparison;
import org.dealerpanel.report.service.CohortComparison.Outcome;
import org.dealerpanel.report.service.CohortComparison.PairedChange;
import org.dealerpanel.report.service.CohortComparison.Rates;

/**
 * What the cohort-comparison page shows: the form (as filled in or proposed), the errors in words, and the report
 * when there is one, with its numbers formatted and the chart data as JSON.
 */
public record CohortReportView(CohortForm form, List<String> errors, List<CohortSummary> cohorts,
                               CohortComparison report, String chartJson) {

    /** One row of the rates table: which accounts in which window. */
    public record RatesRow(String kind, Rates rates) {
    }

    /** The survivors' paired change of one metric, formatted for a sentence. */
    public record ChangeView(String metric, String before, String after, boolean available, int accounts, int excluded,
                             String ratio, String percent, String low, String high, String p, boolean significant) {
    }

    public List<RatesRow> ratesRows() {
        return List.of(new RatesRow("all", report.baseline()), new RatesRow("survivorsBaseline", report.baselineOfActive()),
                new RatesRow("survivorsFollowup", report.followup()));
    }

    public List<ChangeView> changes() {
        return List.of(change("posts", report.baselineOfActive().postsPerDay(), report.followup().postsPerDay(),
                        report.change().posts()),
                change("images", report.baselineOfActive().imagesPerDay(), report.followup().imagesPerDay(),
                        report.change().images()));
    }

    private static ChangeView change(String metric, Double before, Double after, PairedChange c) {
        boolean available = c.ratio() != null && c.ciLow() != null && c.ciHigh() != null && c.pValue() != null;
        return new ChangeView(metric, Fmt.rate(before), Fmt.rate(after), available, c.accountsUsed(), c.accountsExcluded(),
                Fmt.ratio(c.ratio()), Fmt.change(c.ratio()), Fmt.ratio(c.ciLow()), Fmt.ratio(c.ciHigh()), Fmt.p(c.pValue()),
                c.pValue() != null && c.pValue() < 0.05);
    }

    public Outcome[] outcomes() {
        return Outcome.values();
    }

    public int outcomeCount(Outcome outcome) {
        return switch (outcome) {
            case CEASED -> report.ceased();
            case ACTIVE -> report.active();
            case UNKNOWN -> report.unknown();
        };
    }

    public String rate(Double value) {
        return Fmt.rate(value);
    }

    public String rate2(Double value) {
        return Fmt.rate2(value);
    }

    public String count(long value) {
        return Fmt.count(value);
    }

    public boolean isSelected(String cohort) {
        return cohort.equals(form.cohort());
    }

    public String csvLink() {
        return query("/reports/cohort.csv");
    }

    public String link() {
        return query("/reports/cohort");
    }

    private String query(String path) {
        return new Links().add("cohort", form.cohort()).add("baselineFrom", form.baselineFrom())
                .add("baselineTo", form.baselineTo()).add("followupFrom", form.followupFrom())
                .add("followupTo", form.followupTo()).on(path);
    }

    /** Links of the sub-navigation: the cohort page keeps the cohort; the others start afresh with it. */
    public String cohortNav() {
        return link();
    }

    public String matchNav(String path) {
        return new Links().add("cohort", form.cohort()).on(path);
    }
}
