package org.dealerpanel.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** The language switch on every page: remembers the choice in a cookie and goes back to the page. */
@Path("/lang")
public class LanguageResource {
    @Inject
    HttpServerResponse response;

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response switchLanguage(@RestQuery String to, @RestQuery String back) {
        String lang = Languages.supported(to);
        if (lang != null) {
            response.addCookie(Cookie.cookie(WebContext.LANG_COOKIE, lang).setPath("/").setMaxAge(365L * 24 * 3600)
                    .setSameSite(CookieSameSite.LAX));
        }
        return Response.seeOther(URI.create(safeLocalPath(back))).build();
    }

    /** Only a path of this service: never an absolute or protocol-relative URL (no open redirect). */
    static String safeLocalPath(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.startsWith("/\\")
                || back.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return back;
    }
}
