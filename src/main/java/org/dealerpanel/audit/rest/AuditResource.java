package org.dealerpanel.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dealerpanel.audit.service.AuditService;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.Params;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    AuditService audit;

    @GET
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Who did what, when (newest first)")
    public Page<AuditService.AuditView> search(
            @Parameter(description = "entity type, or type:id, e.g. account:12") @RestQuery String entity,
            @RestQuery String actor, @RestQuery String from, @RestQuery String to,
            @RestQuery String page, @RestQuery String size) {
        return audit.search(entity, actor, Params.date("from", from), Params.date("to", to),
                Params.intInRange("page", page, 0, 0, Integer.MAX_VALUE),
                Params.intInRange("size", size, 100, 1, 1000));
    }

    @GET
    @Path("verify")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Walk the hash chain of the audit trail: {ok, entries, firstBroken?} (firstBroken = id of the first entry whose link or hash does not hold)")
    public AuditService.ChainCheck verify() {
        return audit.verify();
    }
}
