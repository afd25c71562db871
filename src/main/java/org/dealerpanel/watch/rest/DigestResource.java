package org.dealerpanel.watch.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.dealerpanel.watch.service.DigestService;
import org.jboss.resteasy.reactive.RestQuery;

/** The signed-in user's morning digests; admins can build and send today's now. */
@Path("/api/v1/digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {
    @Inject
    DigestService digests;
    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed(Role.VIEWER)
    public Page<DigestService.DigestView> list(@RestQuery String page, @RestQuery String size) {
        return digests.list(identity.getPrincipal().getName(), Params.intInRange("page", page, 0, 0, 1_000_000),
                Params.intInRange("size", size, 20, 1, 100));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public DigestService.DigestView get(@PathParam("id") long id) {
        return digests.get(identity.getPrincipal().getName(), id);
    }

    /** Builds today's digests now (those already built are left as they are) and sends what is due; audited. */
    @POST
    @Path("run")
    @RolesAllowed(Role.ADMIN)
    public DigestService.RunResult run() {
        return digests.runAsked("api:" + identity.getPrincipal().getName());
    }
}
