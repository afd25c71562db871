package org.dealerpanel.web.report;

import java.util.List;
import org.dealerpanel.account.service.CohortService.CohortSummary;
import org.dealerpanel.report.service.MatchReports.Concentration;
import org.dealerpanel.report.service.MatchReports.MonthlyTrend;

/** What the monthly-trend page shows: form, errors, the months (chart and table) and the concentration tables. */
public record TrendView(MatchForm form, List<String> errors, List<CohortSummary> cohorts, MonthlyTrend trend,
                        Concentration concentration, String chartJson) {

    /** The concentration before or from the event date. */
    public record Side(boolean before, Concentration concentration) {
    }

    public List<Side> eventSides() {
        return List.of(new Side(true, concentration.event().before()), new Side(false, concentration.event().after()));
    }

    public boolean hasReport() {
        return trend != null && concentration != null;
    }

    public boolean hasEvent() {
        return hasReport() && trend.event() != null;
    }

    public String count(long value) {
        return Fmt.count(value);
    }

    public String share(Double share) {
        return Fmt.share(share);
    }

    public String perMonth(double value) {
        return Fmt.rate(value);
    }

    public boolean isSelected(String cohort) {
        return cohort.equals(form.cohort());
    }

    public String trendCsvLink() {
        return form.query("/reports/trend.csv");
    }

    public String concentrationCsvLink() {
        return new Links().add("from", form.from()).add("to", form.to()).add("cohort", form.cohort())
                .add("event", form.event()).add("top", form.top()).on("/reports/concentration.csv");
    }

    public String cohortNav() {
        return new Links().add("cohort", form.cohort()).on("/reports/cohort");
    }

    public String matchNav(String path) {
        return form.query(path);
    }
}
