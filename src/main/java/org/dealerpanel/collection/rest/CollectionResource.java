package org.dealerpanel.collection.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dealerpanel.collection.service.CoverageCsv;
import org.dealerpanel.collection.service.CoverageService;
import org.dealerpanel.collection.service.DueService;
import org.dealerpanel.common.Negotiation;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/** The revisit schedule: what is due on a day, how well the schedule was kept, which accounts near UNKNOWN. */
@Path("/api/v1/collection")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {
    @Inject
    DueService due;
    @Inject
    CoverageService coverage;

    @GET
    @Path("due")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The accounts due on a local day whose observation is still missing: the assignee's own first, "
            + "then unassigned ones, then others; each group longest-due first")
    public DueService.DueList due(
            @Parameter(description = "ISO date, a local day of the panel; default today") @RestQuery String date,
            @Parameter(description = "user name whose accounts come first") @RestQuery String assignee,
            @Parameter(description = "only the accounts assigned to this user") @RestQuery String assignedTo,
            @Parameter(description = "true: only unassigned accounts") @RestQuery String unassigned,
            @RestQuery String cohort, @RestQuery String platform, @RestQuery String page, @RestQuery String size) {
        return due.due(new DueService.Query(Params.date("date", date), blankToNull(assignee), blankToNull(assignedTo),
                Params.flag("unassigned", unassigned), blankToNull(cohort), blankToNull(platform), null,
                Params.intInRange("page", page, 0, 0, 1_000_000), Params.intInRange("size", size, 50, 1, 1000)));
    }

    @GET
    @Path("coverage")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Share of due account-days that were covered over the 30 and 90 local days ending asOf, "
            + "per cohort, per assignee and for the panel (JSON, or CSV with Accept: text/csv)")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CoverageService.Coverage.class)),
            @Content(mediaType = "text/csv")})
    public Response coverage(@Parameter(description = "ISO date; default yesterday") @RestQuery String asOf,
                             @Context HttpHeaders headers) {
        CoverageService.Coverage c = coverage.coverage(Params.date("asOf", asOf));
        if (Negotiation.wantsCsv(headers)) {
            return Response.ok(CoverageCsv.of(c), CoverageCsv.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"coverage-" + c.asOf() + ".csv\"").build();
        }
        return Response.ok(c, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("heading-for-unknown")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Accounts whose status turns UNKNOWN within the next days unless revisited (soonest first)")
    public CoverageService.AtRiskList headingForUnknown(
            @Parameter(description = "ISO date; default today") @RestQuery String date,
            @Parameter(description = "days ahead (1-366; default tracker.collection.warn-days)") @RestQuery String within,
            @RestQuery String cohort, @RestQuery String assignedTo) {
        Integer days = within == null || within.isBlank() ? null : Params.intInRange("within", within, 7, 1, 366);
        return coverage.headingForUnknown(Params.date("date", date), days, blankToNull(cohort), blankToNull(assignedTo));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
