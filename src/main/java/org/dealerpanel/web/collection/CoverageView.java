package org.dealerpanel.web.collection;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dealerpanel.collection.service.CoverageService;
import org.dealerpanel.collection.service.CoverageService.CoverageRow;
import org.dealerpanel.common.PanelClock;

/** The coverage card of /today (loaded into the page after it): tables, chart data, the CSV link. */
public record CoverageView(CoverageService.Coverage coverage, String cohortChart, String assigneeChart) {

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

    /** When the figures were computed, as the panel's local time (hh:mm). */
    public String computedAt() {
        return ZonedDateTime.ofInstant(coverage.computedAt(), PanelClock.zone()).format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    public String csvLink() {
        return "/today/coverage.csv?asOf=" + coverage.asOf();
    }
}
