package org.dealerpanel.activity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

/** Trend flags over the panel or a cohort as of a day. */
@Path("/api/v1/flags")
@Produces(MediaType.APPLICATION_JSON)
public class FlagResource {
    @Inject
    ActivityService activity;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Trend flags (STEPPED_UP, STEPPED_DOWN, REACTIVATED) raised as of a day, over the panel or a cohort")
    public List<FlaggedAccount> flags(@Parameter(description = "STEPPED_UP, STEPPED_DOWN or REACTIVATED; default all") @RestQuery String type,
                                      @Parameter(description = "ISO date; default yesterday in the panel's time zone") @RestQuery String asOf,
                                      @Parameter(description = "cohort name") @RestQuery String cohort) {
        FlagType flagType = Params.enumValue("type", type, FlagType.class);
        return activity.flags(flagType, cohort == null || cohort.isBlank() ? null : cohort.strip(), AccountActivityResource.asOf(asOf));
    }
}
