package org.dealerpanel.web.collection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.collection.service.CoverageService;
import org.dealerpanel.collection.service.DueService;
import org.dealerpanel.collection.service.PlanService.CohortSchedule;

/** What the /today page shows, with the links it needs (filters kept across paging). */
public record TodayView(LocalDate date, LocalDate today, String who, String cohort, int page, int size,
                        DueService.DueList due, CoverageService.AtRiskList risk, List<CohortSchedule> cohorts,
                        List<String> users, List<String> errors, String notice, int dormantDays, String minCoverage,
                        RowView rowView) {

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

    /** The coverage fragment of this day (as of the day before). */
    public String coverageLink() {
        return "/today/coverage?date=" + date;
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
