package org.dealerpanel.account.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.dealerpanel.account.service.DealerService;
import org.dealerpanel.account.service.DealerService.DealerView;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.security.Role;

@Path("/api/v1/dealers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DealerResource {
    @Inject
    DealerService dealers;

    public record NewDealer(String name, String notes, List<Long> accountIds) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    public List<DealerView> list() {
        return dealers.list();
    }

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    public Response create(@NotNull NewDealer body) {
        DealerView created = dealers.create(body.name(), body.notes(), body.accountIds());
        return Response.created(URI.create("/api/v1/dealers/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public DealerView get(@PathParam("id") long id) {
        return dealers.get(id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Role.INVESTIGATOR)
    public DealerView patch(@PathParam("id") long id, @NotNull ObjectNode body) {
        body.fieldNames().forEachRemaining(name -> {
            if (!Set.of("name", "notes").contains(name)) {
                throw ApiException.badField(name, "unknown or read-only field; patchable: name, notes");
            }
        });
        JsonNode name = body.get("name");
        JsonNode notes = body.get("notes");
        if (name != null && !name.isTextual()) {
            throw ApiException.badField("name", "must be a string");
        }
        if (notes != null && !notes.isTextual() && !notes.isNull()) {
            throw ApiException.badField("notes", "must be a string or null");
        }
        return dealers.update(id, name == null ? null : name.asText(), name != null,
                notes == null || notes.isNull() ? null : notes.asText(), notes != null);
    }

    @PUT
    @Path("{id}/accounts/{accountId}")
    @RolesAllowed(Role.INVESTIGATOR)
    public Response addAccount(@PathParam("id") long id, @PathParam("accountId") long accountId) {
        boolean added = dealers.addAccount(id, accountId);
        return Response.status(added ? 201 : 200).entity(dealers.get(id)).build();
    }

    @DELETE
    @Path("{id}/accounts/{accountId}")
    @RolesAllowed(Role.INVESTIGATOR)
    public Response removeAccount(@PathParam("id") long id, @PathParam("accountId") long accountId) {
        dealers.removeAccount(id, accountId);
        return Response.noContent().build();
    }
}
