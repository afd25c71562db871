package org.dealerpanel.activity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.activity.FlagType;
import org.dealerpanel.activity.service.ActivityRecompute;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.activity.service.ActivityService.FlaggedAccount;
import org.dealerpanel.activity.service.ActivityView;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {
    @Inject
    ActivityService activity;

    @GET
    @Path("accounts/{id}/activity")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Status (ACTIVE, DORMANT, CEASED, UNKNOWN), silent days and trend flags of an account as of a day, with evidence")
    public ActivityView account(@PathParam("id") long id,
                                @Parameter(description = "ISO date; default yesterday (UTC)") @RestQuery String asOf) {
        return activity.forAccount(id, asOf(asOf));
    }

    @GET
    @Path("flags")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Trend flags (STEPPED_UP, STEPPED_DOWN, REACTIVATED) raised as of a day, over the panel or a cohort")
    public List<FlaggedAccount> flags(@Parameter(description = "STEPPED_UP, STEPPED_DOWN or REACTIVATED; default all") @RestQuery String type,
                                      @Parameter(description = "ISO date; default yesterday (UTC)") @RestQuery String asOf,
                                      @Parameter(description = "cohort name") @RestQuery String cohort) {
        FlagType flagType = Params.enumValue("type", type, FlagType.class);
        return activity.flags(flagType, cohort == null || cohort.isBlank() ? null : cohort.strip(), asOf(asOf));
    }

    @POST
    @Path("activity/recompute")
    @RolesAllowed(Role.ADMIN)
    @Operation(summary = "Recompute status and flags of the whole panel as of a day and store them as that day's snapshot (audited)")
    public ActivityRecompute.Result recompute(@Parameter(description = "ISO date; default yesterday (UTC)") @RestQuery String asOf) {
        return activity.recompute(asOf(asOf), "api");
    }

    static LocalDate asOf(String value) {
        LocalDate date = Params.date("asOf", value);
        if (date == null) {
            return ActivityService.yesterday();
        }
        if (date.getYear() < 1990 || date.getYear() > 9999) {
            throw org.dealerpanel.common.ApiException.badField("asOf", "must be between 1990-01-01 and 9999-12-31");
        }
        return date;
    }
}
