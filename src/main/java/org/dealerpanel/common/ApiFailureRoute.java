package org.dealerpanel.common;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An /api request that fails in the HTTP layer, before any resource (a query string or path that cannot be decoded, a
 * body the server refuses), is answered with problem+json too, like everything the resources answer. A failure of the
 * service itself is a 500 with a correlation id in the problem and the log line. Security failures are left to Quarkus'
 * own handlers (the Basic challenge).
 */
@ApplicationScoped
public class ApiFailureRoute {
    private static final Logger LOG = Logger.getLogger(ApiFailureRoute.class);

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 10).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().headWritten() || ctx.response().ended() || failure instanceof AuthenticationException
                || failure instanceof UnauthorizedException || failure instanceof ForbiddenException) {
            ctx.next();
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        Problem problem;
        if (status >= 400 && status < 500) {
            String reason = failure instanceof HttpException http && http.getPayload() != null ? http.getPayload()
                    : failure != null && failure.getMessage() != null ? failure.getMessage() : "the request was refused";
            String field = reason.contains("query") ? "query" : reason.contains("path") ? "path" : "request";
            problem = new Problem("about:blank", status == 400 ? "Bad Request" : "Client Error", status,
                    "The request cannot be read: " + reason, List.of(FieldError.field(field, reason)), null);
            LOG.debugf("Refused %s %s in the HTTP layer: %d %s", ctx.request().method(), ctx.request().path(), status, reason);
        } else {
            UUID id = UUID.randomUUID();
            LOG.errorf(failure, "Server error %s on %s %s (HTTP layer)", id, ctx.request().method(), ctx.request().path());
            status = 500;
            problem = new Problem("about:blank", "Server Error", 500,
                    "The service failed; please report error " + id + " to the administrator", "urn:uuid:" + id, null, null);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }
}
