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

/** Status and flags of one account as of a day. */
@Path("/api/v1/accounts/{id}/activity")
@Produces(MediaType.APPLICATION_JSON)
public class AccountActivityResource {
    @Inject
    ActivityService activity;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Status (ACTIVE, DORMANT, CEASED, UNKNOWN), silent days and trend flags of an account as of a day, with evidence")
    public ActivityView account(@PathParam("id") long id,
                                @Parameter(description = "ISO date; default yesterday in the panel's time zone") @RestQuery String asOf) {
        return activity.forAccount(id, asOf(asOf));
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
