package org.dealerpanel.contact.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dealerpanel.contact.service.LinkService;
import org.dealerpanel.contact.service.LinkView;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/accounts/{id}/links")
@Produces(MediaType.APPLICATION_JSON)
public class LinkResource {
    @Inject
    LinkService links;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Other accounts sharing a contact id (from post texts or image OCR) or an identical image, "
            + "most evidence first; each with its evidence and where each side showed it")
    public List<LinkView> links(@PathParam("id") long id) {
        return links.links(id);
    }
}
