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

/** A cohort's cadence, followed by its members that have no cadence of their own. */
@Path("/api/v1/cohorts/{name}/collection")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohortCollectionResource {
    @Inject
    PlanService plans;

    public record CadenceBody(Integer cadenceDays) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The cohort's cadence (null: none)")
    public PlanService.CohortSchedule get(@PathParam("name") String name) {
        return plans.cohort(name);
    }

    @PUT
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Set the cohort's cadence (1-366 days; null removes it). An account in several cohorts "
            + "follows the shortest of their cadences; its own cadence overrides them")
    public PlanService.CohortSchedule put(@PathParam("name") String name, @NotNull CadenceBody body) {
        return plans.setCohortCadence(name, body.cadenceDays());
    }
}
