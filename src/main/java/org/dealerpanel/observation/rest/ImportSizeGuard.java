package org.dealerpanel.observation.rest;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.common.Problem;
import org.dealerpanel.observation.service.ObservationImportService;

/**
 * Refuses an observations import whose declared Content-Length is over tracker.import.max-bytes with a 413 problem
 * before a byte of it is read (Quarkus' own body limit would answer a bare 413). A chunked body is counted as it is
 * read and refused the same way when it passes the limit; nothing is written either way.
 */
@ApplicationScoped
public class ImportSizeGuard {
    /** Allowance for the multipart boundaries and form fields of the uploads page's form. */
    static final long MULTIPART_SLACK = 64 * 1024;

    @Inject
    ObservationImportService importer;

    void register(@Observes Router router) {
        router.post("/api/v1/observations/import").order(-3).handler(ctx -> check(ctx, 0));
        router.post("/uploads/observations").order(-3).handler(ctx -> check(ctx, MULTIPART_SLACK));
    }

    private void check(io.vertx.ext.web.RoutingContext ctx, long slack) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                long limit = importer.maxBytes();
                if (length > limit + slack) {
                    String detail = "file: the upload is " + length + " bytes; an import may have at most " + limit
                            + " bytes (tracker.import.max-bytes). Split the file";
                    ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close")
                            .end(Json.encode(new Problem("about:blank", "Payload Too Large", 413, detail,
                                    List.of(FieldError.field("file", "larger than " + limit + " bytes")), null)));
                    return;
                }
            } catch (NumberFormatException ignored) {
                // a malformed header is the HTTP layer's business
            }
        }
        ctx.next();
    }
}
