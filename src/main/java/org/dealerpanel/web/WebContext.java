package org.dealerpanel.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.dealerpanel.security.Role;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every page needs about the request: who is signed in and with which roles, the page language
 * (cookie, then Accept-Language, then the configured default), the CSRF token for its forms, and the
 * current URL (for the language switch).
 */
@RequestScoped
public class WebContext {
    public static final String LANG_COOKIE = "tracker-lang";

    @Inject
    SecurityIdentity injectedIdentity;
    @Inject
    RoutingContext routing;
    @Inject
    HttpServerRequest request;
    @Inject
    Csrf csrf;
    @ConfigProperty(name = "tracker.web.default-language", defaultValue = "en")
    String defaultLanguage;

    private String lang;
    private SecurityIdentity identity;

    /**
     * The signed-in identity: the one already resolved for this request where there is one (so that an error page
     * can be drawn on an I/O thread), else the injected one (which may resolve it, on a worker thread).
     */
    private SecurityIdentity identity() {
        if (identity == null) {
            if (routing != null && routing.user() instanceof QuarkusHttpUser user) {
                identity = user.getSecurityIdentity();
            } else {
                identity = injectedIdentity;
            }
        }
        return identity;
    }

    public String user() {
        return identity().isAnonymous() ? null : identity().getPrincipal().getName();
    }

    public boolean isInvestigator() {
        return identity().hasRole(Role.INVESTIGATOR);
    }

    public boolean isAdmin() {
        return identity().hasRole(Role.ADMIN);
    }

    /** {@code en} or {@code zh-CN}. */
    public String lang() {
        if (lang == null) {
            Cookie cookie = request.getCookie(LANG_COOKIE);
            lang = cookie != null ? Languages.supported(cookie.getValue()) : null;
            if (lang == null) {
                lang = Languages.fromAcceptLanguage(request.getHeader("Accept-Language"));
            }
            if (lang == null) {
                lang = Languages.supported(defaultLanguage) != null ? Languages.supported(defaultLanguage) : Languages.EN;
            }
        }
        return lang;
    }

    public Locale locale() {
        return Locale.forLanguageTag(lang());
    }

    public boolean isChinese() {
        return Languages.ZH.equals(lang());
    }

    public String csrfToken() {
        return csrf.token();
    }

    public String csrfField() {
        return Csrf.FIELD;
    }

    /** The current path and query, to come back to after switching language. */
    public String here() {
        String uri = request.uri();
        return uri == null || uri.isEmpty() ? "/" : uri;
    }

    public String path() {
        return request.path();
    }

    public String switchTo(String language) {
        return "/lang?to=" + language + "&back=" + URLEncoder.encode(here(), StandardCharsets.UTF_8);
    }
}
