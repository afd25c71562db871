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
import java.util.function.Supplier;
import org.dealerpanel.common.Negotiation;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Params;
import org.dealerpanel.report.service.CohortComparison;
import org.dealerpanel.report.service.MatchReports;
import org.dealerpanel.report.service.ReportCsv;
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
        return jsonOrCsv(headers, r, () -> ReportCsv.cohortComparison(r));
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
        return jsonOrCsv(headers, r, () -> ReportCsv.categoryShares(r));
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
        return jsonOrCsv(headers, r, () -> ReportCsv.monthlyTrend(r));
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
        return jsonOrCsv(headers, r, () -> ReportCsv.concentration(r));
    }

    /** The report as JSON, or as CSV (the same bytes as the report pages' downloads) when the client asks for text/csv. */
    private static Response jsonOrCsv(HttpHeaders headers, Object report, Supplier<ReportCsv.Csv> csv) {
        if (!Negotiation.wantsCsv(headers)) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        ReportCsv.Csv c = csv.get();
        return Response.ok(c.body(), ReportCsv.MEDIA_TYPE).header("Content-Disposition", c.contentDisposition()).build();
    }


    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
