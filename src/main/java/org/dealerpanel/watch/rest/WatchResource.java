package org.dealerpanel.watch.rest;

import io.quarkus.security.identity.SecurityIdentity;
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
import org.dealerpanel.security.Role;
import org.dealerpanel.watch.WatchKind;
import org.dealerpanel.watch.service.WatchService;

/**
 * The signed-in user's watches (any role may watch). Watching again what is already watched answers the existing
 * watch (200); a new one is 201.
 */
@Path("/api/v1/watches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WatchResource {
    @Inject
    WatchService watches;
    @Inject
    SecurityIdentity identity;

    /**
     * {@code kind} ACCOUNT, DEALER, COHORT or TERM; {@code targetId} the account's, dealer's, cohort's or term's id;
     * for a cohort, {@code name} may name it instead.
     */
    public record NewWatch(WatchKind kind, Long targetId, String name) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    public List<WatchService.WatchView> list() {
        return watches.list(user());
    }

    @POST
    @RolesAllowed(Role.VIEWER)
    public Response add(@NotNull NewWatch body) {
        WatchService.Added added = watches.add(user(), body.kind(), body.targetId(), body.name());
        if (!added.created()) {
            return Response.ok(added.watch()).build();
        }
        return Response.created(URI.create("/api/v1/watches/" + added.watch().id())).entity(added.watch()).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public Response remove(@PathParam("id") long id) {
        watches.remove(user(), id);
        return Response.noContent().build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
