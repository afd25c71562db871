package org.dealerpanel.observation.rest;

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
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.dealerpanel.common.Params;
import org.dealerpanel.observation.service.ObservationService;
import org.dealerpanel.observation.service.ObservationService.ObservationView;
import org.dealerpanel.observation.service.ObservationService.RevisionView;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/accounts/{id}/observations")
@Produces(MediaType.APPLICATION_JSON)
public class ObservationResource {
    @Inject
    ObservationService observations;

    public record ObservationInput(Integer posts, Integer images, String source) {
    }

    @PUT
    @Path("{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Record the day's counts: 201 new, 200 unchanged or revised (the old value is kept as a revision)")
    public Response put(@PathParam("id") long id, @PathParam("date") String date, @NotNull ObservationInput body) {
        var result = observations.put(id, Params.requiredDate("date", date), body.posts(), body.images(), body.source());
        return Response.status(result.created() ? 201 : 200).entity(result.observation()).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Observed days only: a missing day was not observed, which is not zero")
    public List<ObservationView> list(@PathParam("id") long id, @RestQuery String from, @RestQuery String to) {
        return observations.list(id, Params.date("from", from), Params.date("to", to));
    }

    @GET
    @Path("{date}/revisions")
    @RolesAllowed(Role.VIEWER)
    public List<RevisionView> revisions(@PathParam("id") long id, @PathParam("date") String date) {
        return observations.revisions(id, Params.requiredDate("date", date));
    }
}
