package org.dealerpanel.image.rest;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dealerpanel.common.Problem;
import org.dealerpanel.image.service.ImageLimits;

/**
 * Refuses an image upload whose declared Content-Length is over the byte limit (plus room for the multipart
 * framing) with 413 before a single byte of the body is read or written to disk; the rest of the body is
 * discarded by the server, never stored. Uploads without a Content-Length (chunked) are bounded by
 * quarkus.http.limits.max-body-size and then checked file by file.
 */
@ApplicationScoped
public class UploadSizeGuard {
    /** Allowance for the multipart boundaries, part headers and the small form fields. */
    static final long MULTIPART_SLACK = 64 * 1024;

    @Inject
    ImageLimits limits;

    void register(@Observes Router router) {
        router.postWithRegex("/api/v1/accounts/[^/]+/images/?").order(-3).handler(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null) {
                try {
                    long length = Long.parseLong(declared.trim());
                    long limit = limits.maxBytes() + MULTIPART_SLACK;
                    if (length > limit) {
                        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .end(Json.encode(Problem.of(413, "Payload Too Large", "file: the upload is " + length
                                        + " bytes; an image may have at most " + limits.maxBytes() + " bytes")));
                        return;
                    }
                } catch (NumberFormatException ignored) {
                    // a malformed header is the HTTP layer's business
                }
            }
            ctx.next();
        });
    }
}
