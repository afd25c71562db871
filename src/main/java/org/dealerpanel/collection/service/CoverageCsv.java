package org.dealerpanel.collection.service;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The coverage as CSV: one line for the panel, one per cohort, one per assignee (empty name: unassigned). */
public final class CoverageCsv {
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private CoverageCsv() {
    }

    public static String of(CoverageService.Coverage c) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("group", "name", "cadenceDays",
                "accounts", "dueDays30", "coveredDays30", "coverage30", "dueDays90", "coveredDays90", "coverage90",
                "asOf").get())) {
            List<CoverageService.CoverageRow> rows = new ArrayList<>();
            rows.add(c.total());
            rows.addAll(c.cohorts());
            rows.addAll(c.assignees());
            for (CoverageService.CoverageRow r : rows) {
                p.printRecord(r.kind(), r.name(), r.cadenceDays(), r.accounts(), r.last30().dueDays(),
                        r.last30().coveredDays(), r.last30().coverage(), r.last90().dueDays(), r.last90().coveredDays(),
                        r.last90().coverage(), c.asOf());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
