package org.dealerpanel.web.collection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.collection.service.CoverageService;
import org.dealerpanel.collection.service.CoverageService.CoverageRow;
import org.dealerpanel.collection.service.DueService;
import org.dealerpanel.collection.service.PlanService.CohortSchedule;

/** What the /today page shows, with the links it needs (filters kept across paging). */
public record TodayView(LocalDate date, LocalDate today, String who, String cohort, int page, int size,
                        DueService.DueList due, CoverageService.AtRiskList risk, CoverageService.Coverage coverage,
                        List<CohortSchedule> cohorts, List<String> users, List<String> errors, String notice,
                        int dormantDays, String minCoverage, String cohortChart, String assigneeChart, RowView rowView) {

    public boolean isToday() {
        return date.equals(today);
    }

    public boolean isWho(String value) {
        return value.equals(who);
    }

    /** True when row {@code index} starts a new group (own, unassigned, others) of the list. */
    public boolean startsGroup(int index) {
        List<DueService.DueRow> rows = due.items();
        if (rows.get(index).group() == null) {
            return false;
        }
        return index == 0 || rows.get(index - 1).group() != rows.get(index).group();
    }

    public String pct(CoverageService.Share share) {
        return share.coverage() == null ? "—" : Math.round(share.coverage() * 1000) / 10.0 + " %";
    }

    /** A CSS class for the coverage level: good (90 % or more), fair (from 50 %), poor. */
    public String level(CoverageService.Share share) {
        if (share.coverage() == null) {
            return "none";
        }
        return share.coverage() >= 0.9 ? "good" : share.coverage() >= 0.5 ? "fair" : "poor";
    }

    public List<CoverageRow> cohortRows() {
        return coverage.cohorts();
    }

    public List<CoverageRow> assigneeRows() {
        return coverage.assignees();
    }

    public long pages() {
        return Math.max(1, (due.total() + size - 1) / size);
    }

    public int pageNumber() {
        return page + 1;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < due.total();
    }

    public String pageLink(int delta) {
        return link(date, who, cohort, page + delta);
    }

    public String whoLink(String value) {
        return link(date, value, cohort, 0);
    }

    public String coverageCsv() {
        return "/today/coverage.csv?asOf=" + coverage.asOf();
    }

    private String link(LocalDate day, String whoValue, String cohortValue, int pageValue) {
        StringBuilder sb = new StringBuilder("/today?date=").append(day);
        if (whoValue != null && !whoValue.isEmpty()) {
            sb.append("&who=").append(URLEncoder.encode(whoValue, StandardCharsets.UTF_8));
        }
        if (cohortValue != null && !cohortValue.isEmpty()) {
            sb.append("&cohort=").append(URLEncoder.encode(cohortValue, StandardCharsets.UTF_8));
        }
        if (pageValue > 0) {
            sb.append("&page=").append(pageValue);
        }
        if (size != TodayPageResource.PAGE_SIZE) {
            sb.append("&size=").append(size);
        }
        return sb.toString();
    }
}
