package org.dealerpanel.image.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.dealerpanel.image.service.ImageService;
import org.dealerpanel.image.service.ImageService.Intake;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/accounts/{id}/images")
@Produces(MediaType.APPLICATION_JSON)
public class AccountImageResource {
    @Inject
    ImageService images;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Upload an image seen on the account (multipart part 'file', optional postId and postedOn); "
            + "it is stored once per content and queued for OCR. Not an image, truncated or corrupt: 400; "
            + "over the byte or pixel limit: 413; nothing is stored then")
    public Response upload(@PathParam("id") long accountId, @RestForm("file") FileUpload file,
                           @RestForm String postId, @RestForm String postedOn) {
        Intake intake = images.intake(accountId, file == null ? null : file.uploadedFile(), postId, postedOn);
        return Response.accepted(intake).location(URI.create("/api/v1/images/" + intake.sha256())).build();
    }
}
