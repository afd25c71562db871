package org.dealerpanel.observation.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Params;
import org.dealerpanel.observation.service.ImportRunService;
import org.dealerpanel.observation.service.ImportRunService.ImportRunView;
import org.dealerpanel.observation.service.ObservationImportService;
import org.dealerpanel.observation.service.ObservationImportService.ImportRequest;
import org.dealerpanel.observation.service.ObservationImportService.ImportResult;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/observations")
@Produces(MediaType.APPLICATION_JSON)
public class ObservationImportResource {
    /** The answer's header naming the import's record (also the field importId, and a refusal's problem instance). */
    public static final String IMPORT_ID_HEADER = "X-Import-Id";
    static final int MAX_LIST = 200;

    @Inject
    ObservationImportService importer;
    @Inject
    ImportRunService runs;

    @POST
    @Path("import")
    @Consumes({"text/csv", "application/csv"})
    @RolesAllowed(Role.INVESTIGATOR)
    @Blocking
    @Operation(summary = "Import platform,handle,date,posts,images CSV, all or nothing (streamed; the answer's "
            + "importId / X-Import-Id names its record under /api/v1/observations/imports)")
    public Response importCsv(InputStream body, @RestQuery String source, @HeaderParam("Content-Length") String length) {
        if (body == null) {
            throw ApiException.badField("file", "the request has no body");
        }
        String label = source == null || source.isBlank() ? "csv-import" : source.strip();
        if (label.length() > 100) {
            throw ApiException.badField("source", "must be at most 100 characters");
        }
        ImportResult result = importer.importCsv(body, new ImportRequest(label, null, contentLength(length)));
        return Response.ok(result).header(IMPORT_ID_HEADER, result.importId()).build();
    }

    @GET
    @Path("imports")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Imports, the newest first (running=true: only those running now, on any instance, with the "
            + "rows and bytes read so far)")
    public List<ImportRunView> imports(@RestQuery String running, @RestQuery String limit) {
        boolean onlyRunning = Params.flag("running", running);
        int size = Params.intInRange("limit", limit, 20, 1, MAX_LIST);
        return onlyRunning ? runs.running() : runs.recent(size);
    }

    @GET
    @Path("imports/{id}")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "One import: phase, rows and bytes read, and once finished its outcome and figures")
    public ImportRunView importRun(@PathParam("id") long id) {
        return runs.get(id);
    }

    private static Long contentLength(String header) {
        if (header == null) {
            return null;
        }
        try {
            long n = Long.parseLong(header.strip());
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
