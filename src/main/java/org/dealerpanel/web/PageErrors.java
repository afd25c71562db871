package org.dealerpanel.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Problem;
import org.dealerpanel.common.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors of the pages are pages: a person who follows a stale link or lacks a role reads why, in their language,
 * instead of problem+json. /api keeps its problems.
 */
public class PageErrors {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(WebContext ctx, int status, String detail);
    }

    @Inject
    WebContext ctx;

    @ServerExceptionMapper(priority = 0)
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return isPage(request) ? page(403, null) : ProblemMappers.problem(Problem.of(403, "Forbidden", "Your role may not do this"));
    }

    @ServerExceptionMapper(priority = 4000)
    public Response api(ApiException e, HttpServerRequest request) {
        Problem problem = e.toProblem();
        return isPage(request) ? page(problem.status(), problem.detail()) : ProblemMappers.problem(problem);
    }

    private static boolean isPage(HttpServerRequest request) {
        if (request == null || request.path().startsWith("/api/") || request.path().startsWith("/q/")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }

    private Response page(int status, String detail) {
        String body = Pages.render(Templates.error(ctx, status, detail), ctx).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
