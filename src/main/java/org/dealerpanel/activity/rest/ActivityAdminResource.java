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

/** Admin: recompute and store the activity snapshot for a day. */
@Path("/api/v1/activity")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityAdminResource {
    @Inject
    ActivityService activity;

    @POST
    @Path("recompute")
    @RolesAllowed(Role.ADMIN)
    @Operation(summary = "Recompute status and flags of the whole panel as of a day and store them as that day's snapshot (audited)")
    public ActivityRecompute.Result recompute(@Parameter(description = "ISO date; default yesterday in the panel's time zone") @RestQuery String asOf) {
        return activity.recompute(AccountActivityResource.asOf(asOf), "api");
    }
}
