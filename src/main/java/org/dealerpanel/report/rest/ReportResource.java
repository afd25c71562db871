package org.dealerpanel.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Params;
import org.dealerpanel.report.service.CohortComparison;
import org.dealerpanel.report.service.MatchReports;
import org.dealerpanel.report.service.ReportService;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/** Reports as JSON, or CSV with {@code Accept: text/csv}. */
@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
public class ReportResource {
    static final String CSV = "text/csv";

    @Inject
    ReportService reports;

    @GET
    @Path("cohort-comparison")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "How a cohort changed between a baseline and a follow-up window: ceased/active/unknown, rates, per-account rows, survivors' paired change")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CohortComparison.class)),
            @Content(mediaType = CSV)})
    public Response cohortComparison(@RestQuery String cohort, @RestQuery String baselineFrom, @RestQuery String baselineTo,
                                     @RestQuery String followupFrom, @RestQuery String followupTo, @Context HttpHeaders headers) {
        if (cohort == null || cohort.isBlank()) {
            throw ApiException.badField("cohort", "is required");
        }
        CohortComparison r = reports.cohortComparison(cohort.strip(), Params.requiredDate("baselineFrom", baselineFrom),
                Params.requiredDate("baselineTo", baselineTo), Params.requiredDate("followupFrom", followupFrom),
                Params.requiredDate("followupTo", followupTo));
        return jsonOrCsv(headers, r, "cohort-comparison.csv", List.of("row", "accountId", "platform", "handle", "outcome", "accounts",
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

    @GET
    @Path("category-shares")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Share of matched posts by product category (each post once, under its dominant category); optional before/after an event date")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MatchReports.CategoryShares.class)),
            @Content(mediaType = CSV)})
    public Response categoryShares(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                   @Parameter(description = "ISO date: adds the same figures before and from that day") @RestQuery String event,
                                   @Context HttpHeaders headers) {
        MatchReports.CategoryShares r = reports.categoryShares(Params.requiredDate("from", from), Params.requiredDate("to", to),
                blankToNull(cohort), Params.date("event", event));
        return jsonOrCsv(headers, r, "category-shares.csv", List.of("period", "from", "to", "category", "posts", "share"), p -> {
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

    @GET
    @Path("monthly-trend")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "New posts and matched posts per month; optional before/after an event date")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MatchReports.MonthlyTrend.class)),
            @Content(mediaType = CSV)})
    public Response monthlyTrend(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                 @Parameter(description = "ISO date: adds monthly averages before and from that day") @RestQuery String event,
                                 @Context HttpHeaders headers) {
        MatchReports.MonthlyTrend r = reports.monthlyTrend(Params.requiredDate("from", from), Params.requiredDate("to", to),
                blankToNull(cohort), Params.date("event", event));
        return jsonOrCsv(headers, r, "monthly-trend.csv", List.of("month", "newPosts", "matchedPosts", "matchedShare"), p -> {
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

    @GET
    @Path("concentration")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Accounts and platforms carrying the largest share of matched posts; optional before/after an event date")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MatchReports.Concentration.class)),
            @Content(mediaType = CSV)})
    public Response concentration(@RestQuery String from, @RestQuery String to, @RestQuery String cohort,
                                  @RestQuery String event, @Parameter(description = "how many accounts and platforms (default 10)") @RestQuery String top,
                                  @Context HttpHeaders headers) {
        MatchReports.Concentration r = reports.concentration(Params.requiredDate("from", from), Params.requiredDate("to", to),
                blankToNull(cohort), Params.date("event", event), Params.intInRange("top", top, 10, 1, 1000));
        return jsonOrCsv(headers, r, "concentration.csv", List.of("period", "level", "accountId", "platform", "handle", "matchedPosts", "share"), p -> {
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

    /** The report as JSON, or as CSV when the client asks for text/csv. */
    private static Response jsonOrCsv(HttpHeaders headers, Object report, String filename, List<String> header, Rows rows) {
        if (!wantsCsv(headers)) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        return csv(filename, header, rows);
    }

    private static Response csv(String filename, List<String> header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            rows.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString(), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isWildcardType()) {
                return false;
            }
            if ("text".equals(t.getType()) && "csv".equals(t.getSubtype())) {
                return true;
            }
            if ("json".equals(t.getSubtype()) || t.getSubtype().endsWith("+json")) {
                return false;
            }
        }
        return false;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
