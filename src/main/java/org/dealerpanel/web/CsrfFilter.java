package org.dealerpanel.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dealerpanel.common.Problem;
import org.dealerpanel.common.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/** Refuses a page write (any unsafe method outside /api) without the session's CSRF token: 403. */
public class CsrfFilter {

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        String method = context.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return null;
        }
        String path = routing.request().path();
        if (path.startsWith("/api/") || path.startsWith("/q/")) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(Csrf.COOKIE);
        String submitted = context.getHeaderString(Csrf.HEADER);
        if (submitted == null) {
            MediaType type = context.getMediaType();
            if (type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                    || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
                ResteasyReactiveRequestContext rr = (ResteasyReactiveRequestContext) context.getServerRequestContext();
                Object value = rr.getFormParameter(Csrf.FIELD, true, false);
                submitted = value == null ? null : value.toString();
            }
        }
        if (!Csrf.matches(cookie == null ? null : cookie.getValue(), submitted)) {
            return ProblemMappers.problem(Problem.of(403, "Forbidden",
                    "The form's security token is missing or out of date: reload the page and try again"));
        }
        return null;
    }
}
