package org.dealerpanel.observation.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.observation.service.ObservationImportService;
import org.dealerpanel.observation.service.ObservationImportService.ImportResult;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/observations")
@Produces(MediaType.APPLICATION_JSON)
public class ObservationImportResource {
    @Inject
    ObservationImportService importer;

    @POST
    @Path("import")
    @Consumes({"text/csv", "application/csv"})
    @RolesAllowed(Role.INVESTIGATOR)
    @Blocking
    @Operation(summary = "Import platform,handle,date,posts,images CSV, all or nothing")
    public ImportResult importCsv(InputStream body, @RestQuery String source) {
        if (body == null) {
            throw ApiException.badField("file", "the request has no body");
        }
        String label = source == null || source.isBlank() ? "csv-import" : source.strip();
        if (label.length() > 100) {
            throw ApiException.badField("source", "must be at most 100 characters");
        }
        return importer.importCsv(body, label);
    }
}
