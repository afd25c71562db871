package org.dealerpanel.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** The sign-in form (posted to Quarkus' /j_security_check) and sign-out. */
@Path("/")
public class LoginResource {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(WebContext ctx, boolean error, boolean throttled, boolean loggedOut);
    }

    @Inject
    WebContext ctx;
    @Inject
    HttpServerResponse response;
    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @GET
    @Path("login")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance login(@RestQuery String error, @RestQuery String loggedOut) {
        return Pages.render(Templates.login(ctx, error != null, "throttled".equals(error), loggedOut != null), ctx);
    }

    @POST
    @Path("logout")
    @PermitAll
    @Operation(hidden = true)
    public Response logout() {
        response.addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0).setHttpOnly(true));
        return Response.seeOther(URI.create("/login?loggedOut=1")).build();
    }
}
