package org.dealerpanel.image.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dealerpanel.image.service.ImageService;
import org.dealerpanel.image.service.ImageView;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/images")
public class ImageResource {
    @Inject
    ImageService images;

    @GET
    @Path("{sha256}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "An image: OCR status (QUEUED, DONE, FAILED), text, matched terms, contact ids, per-line OCR detail")
    public ImageView get(@PathParam("sha256") String sha256) {
        return images.get(sha256);
    }

    @GET
    @Path("{sha256}/content")
    @Produces({"image/png", "image/jpeg", "image/gif", "image/webp", MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The original bytes, with the Content-Type detected at upload")
    public Response content(@PathParam("sha256") String sha256) {
        ImageService.Content content = images.content(sha256);
        return Response.ok(content.file().toFile(), content.mediaType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + sha256 + "\"")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .tag(sha256)
                .build();
    }
}
