package org.dealerpanel.report.service;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV form of each report: the API ({@code Accept: text/csv}) and the report pages' download links answer
 * exactly these bytes.
 */
public final class ReportCsv {
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    /** A CSV document and the file name it is offered under. */
    public record Csv(String filename, String body) {
        public String contentDisposition() {
            return "attachment; filename=\"" + filename + "\"";
        }
    }

    private ReportCsv() {
    }

    public static Csv cohortComparison(CohortComparison r) {
        return csv("cohort-comparison.csv", List.of("row", "accountId", "platform", "handle", "outcome", "accounts",
                "observedDays", "posts", "images", "postsPerDay", "imagesPerDay", "postsPerAccountDay", "imagesPerAccountDay",
                "baselineObservedDays", "baselinePostsPerDay", "baselineImagesPerDay", "followupObservedDays",
                "followupPostsPerDay", "followupImagesPerDay", "ratio", "ciLow", "ciHigh", "pValue"), p -> {
            p.printRecord("counts", null, null, null, null, r.monitored(), null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
            for (String o : List.of("CEASED", "ACTIVE", "UNKNOWN")) {
                int n = o.equals("CEASED") ? r.ceased() : o.equals("ACTIVE") ? r.active() : r.unknown();
                p.printRecord("counts", null, null, null, o, n, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null);
            }
            rates(p, "baseline", r.baseline());
            rates(p, "baselineOfActive", r.baselineOfActive());
            rates(p, "followup", r.followup());
            change(p, "changePosts", r.change().posts());
            change(p, "changeImages", r.change().images());
            for (CohortComparison.AccountRow a : r.accounts()) {
                p.printRecord("account", a.accountId(), a.platform(), a.handle(), a.outcome(), null, null,
                        a.baselinePosts() + a.followupPosts(), a.baselineImages() + a.followupImages(), null, null, null, null,
                        a.baselineObservedDays(), a.baselinePostsPerDay(), a.baselineImagesPerDay(), a.followupObservedDays(),
                        a.followupPostsPerDay(), a.followupImagesPerDay(), null, null, null, null);
            }
        });
    }

    private static void rates(CSVPrinter p, String row, CohortComparison.Rates r) throws IOException {
        p.printRecord(row, null, null, null, null, r.accounts(), r.observedDays(), r.posts(), r.images(), r.postsPerDay(),
                r.imagesPerDay(), r.postsPerAccountDay(), r.imagesPerAccountDay(), null, null, null, null, null, null,
                null, null, null, null);
    }

    private static void change(CSVPrinter p, String row, CohortComparison.PairedChange c) throws IOException {
        p.printRecord(row, null, null, null, null, c.accountsUsed(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, c.ratio(), c.ciLow(), c.ciHigh(), c.pValue());
    }

    public static Csv categoryShares(MatchReports.CategoryShares r) {
        return csv("category-shares.csv", List.of("period", "from", "to", "category", "posts", "share"), p -> {
            shares(p, "all", r);
            if (r.event() != null) {
                shares(p, "before", r.event().before());
                shares(p, "after", r.event().after());
            }
        });
    }

    private static void shares(CSVPrinter p, String period, MatchReports.CategoryShares r) throws IOException {
        for (MatchReports.Share s : r.shares()) {
            p.printRecord(period, r.period().from(), r.period().to(), s.category(), s.posts(), s.share());
        }
        p.printRecord(period, r.period().from(), r.period().to(), "TOTAL", r.posts(), r.posts() == 0 ? null : 1.0);
    }

    public static Csv monthlyTrend(MatchReports.MonthlyTrend r) {
        return csv("monthly-trend.csv", List.of("month", "newPosts", "matchedPosts", "matchedShare"), p -> {
            for (MatchReports.Month m : r.months()) {
                p.printRecord(m.month(), m.newPosts(), m.matchedPosts(), m.matchedShare());
            }
            if (r.event() != null) {
                p.printRecord("before " + r.event().date() + " (per month)", r.event().before().newPostsPerMonth(),
                        r.event().before().matchedPostsPerMonth(), null);
                p.printRecord("from " + r.event().date() + " (per month)", r.event().after().newPostsPerMonth(),
                        r.event().after().matchedPostsPerMonth(), null);
            }
        });
    }

    public static Csv concentration(MatchReports.Concentration r) {
        return csv("concentration.csv", List.of("period", "level", "accountId", "platform", "handle", "matchedPosts", "share"), p -> {
            holders(p, "all", r);
            if (r.event() != null) {
                holders(p, "before", r.event().before());
                holders(p, "after", r.event().after());
            }
        });
    }

    private static void holders(CSVPrinter p, String period, MatchReports.Concentration r) throws IOException {
        for (MatchReports.Holder h : r.platforms()) {
            p.printRecord(period, "platform", null, h.platform(), null, h.matchedPosts(), h.share());
        }
        for (MatchReports.Holder h : r.accounts()) {
            p.printRecord(period, "account", h.accountId(), h.platform(), h.handle(), h.matchedPosts(), h.share());
        }
    }

    interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static Csv csv(String filename, List<String> header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            rows.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Csv(filename, out.toString());
    }
}
