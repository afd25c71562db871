package org.dealerpanel.account.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.account.service.CohortService;
import org.dealerpanel.account.service.CohortService.CohortDetail;
import org.dealerpanel.account.service.CohortService.CohortSummary;
import org.dealerpanel.security.Role;

@Path("/api/v1/cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohortResource {
    @Inject
    CohortService cohorts;

    public record NewCohort(String name, String description) {
    }

    public record Membership(LocalDate joinedOn) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    public List<CohortSummary> list() {
        return cohorts.list();
    }

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    public Response create(@NotNull NewCohort body) {
        CohortDetail created = cohorts.create(body.name(), body.description());
        return Response.created(URI.create("/api/v1/cohorts/" + created.name())).entity(created).build();
    }

    @GET
    @Path("{name}")
    @RolesAllowed(Role.VIEWER)
    public CohortDetail get(@PathParam("name") String name) {
        return cohorts.get(name);
    }

    @PUT
    @Path("{name}/members/{accountId}")
    @RolesAllowed(Role.INVESTIGATOR)
    public Response addMember(@PathParam("name") String name, @PathParam("accountId") long accountId, Membership body) {
        boolean added = cohorts.addMember(name, accountId, body == null ? null : body.joinedOn());
        return Response.status(added ? 201 : 200).entity(cohorts.get(name)).build();
    }

    @DELETE
    @Path("{name}/members/{accountId}")
    @RolesAllowed(Role.INVESTIGATOR)
    public Response removeMember(@PathParam("name") String name, @PathParam("accountId") long accountId) {
        cohorts.removeMember(name, accountId);
        return Response.noContent().build();
    }
}
