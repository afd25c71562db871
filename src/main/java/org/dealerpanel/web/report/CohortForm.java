package org.dealerpanel.web.report;

/** The cohort-comparison form as the user filled it in (or as the page proposed it), shown again with the report. */
public record CohortForm(String cohort, String baselineFrom, String baselineTo, String followupFrom, String followupTo) {

    boolean windowsEmpty() {
        return baselineFrom == null && baselineTo == null && followupFrom == null && followupTo == null;
    }
}
