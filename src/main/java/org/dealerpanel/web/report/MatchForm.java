package org.dealerpanel.web.report;

/** The form of the category-shares and monthly-trend pages: period, optional cohort and event date, top N. */
public record MatchForm(String from, String to, String cohort, String event, String top) {

    /** The query of the categories and trend pages for this form (so the sub-navigation keeps the choice). */
    public String query(String path) {
        return new Links().add("from", from).add("to", to).add("cohort", cohort).add("event", event).on(path);
    }
}
