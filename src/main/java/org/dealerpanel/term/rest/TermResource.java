package org.dealerpanel.term.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.dealerpanel.common.Params;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.security.Role;
import org.dealerpanel.term.service.TermService;
import org.dealerpanel.term.service.TermService.NewTerm;
import org.dealerpanel.term.service.TermView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/terms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TermResource {
    @Inject
    TermService terms;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The active lexicon, or with asOf the lexicon as it was on that day")
    public List<TermView> list(@Parameter(description = "yyyy-mm-dd: terms added on or before and not deactivated by that day") @RestQuery String asOf,
                               @RestQuery String category) {
        return terms.list(Params.date("asOf", asOf), Params.enumValue("category", category, TermCategory.class));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public TermView get(@PathParam("id") long id) {
        return terms.get(id);
    }

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Add a term; 409 when an active term of the category has the same normalised form")
    public Response create(@NotNull NewTerm body) {
        TermView created = terms.create(body);
        return Response.created(URI.create("/api/v1/terms/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Deactivate a term (its history is kept; matching stops)")
    public TermView delete(@PathParam("id") long id) {
        return terms.deactivate(id);
    }
}
