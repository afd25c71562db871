package org.dealerpanel.collection.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dealerpanel.collection.service.PlanService;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An account's collection plan: its own cadence (overriding its cohorts') and its assignee. */
@Path("/api/v1/accounts/{id}/collection")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountCollectionResource {
    @Inject
    PlanService plans;

    /** Both fields are set as given: null (or absent) clears the account's own cadence or its assignee. */
    public record PlanBody(Integer cadenceDays, String assignee) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The account's cadence (own, from a cohort, or the daily default) and assignee")
    public PlanService.AccountPlan get(@PathParam("id") long id) {
        return plans.plan(id);
    }

    @PUT
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Set the account's own cadence (1-366 days, null: its cohorts' or daily) and assignee "
            + "(an enabled user with the investigator role, null: none)")
    public PlanService.AccountPlan put(@PathParam("id") long id, @NotNull PlanBody body) {
        return plans.setPlan(id, body.cadenceDays(), body.assignee());
    }
}
