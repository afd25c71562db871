package org.dealerpanel.common;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A path under /api that no resource serves is a problem+json 404 too, not an empty body. */
@ApplicationScoped
public class ApiNotFoundRoute {
    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MAX_VALUE).handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(404, "Not Found", "no such API path: " + ctx.request().path()))));
    }
}
