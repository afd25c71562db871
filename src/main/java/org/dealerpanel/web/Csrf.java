package org.dealerpanel.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The CSRF token of a browser session (double-submit): a random value kept in an HttpOnly, SameSite=Strict
 * cookie and repeated by every page form in a hidden field (or by htmx in the {@code X-CSRF-Token} header).
 * {@link CsrfFilter} refuses a page write whose token does not equal the cookie. /api is not concerned: it
 * takes HTTP Basic credentials, which a browser never sends on its own.
 */
@RequestScoped
public class Csrf {
    public static final String COOKIE = "tracker-csrf";
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    HttpServerRequest request;
    @Inject
    HttpServerResponse response;

    private String token;

    /** The session's token; a new one is set as a cookie when the browser has none. */
    public String token() {
        if (token == null) {
            Cookie cookie = request.getCookie(COOKIE);
            if (cookie != null && isWellFormed(cookie.getValue())) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                response.addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(request.isSSL()));
            }
        }
        return token;
    }

    static boolean isWellFormed(String value) {
        return value != null && value.length() == 32 && value.chars().allMatch(c ->
                Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    /** True when the cookie is present and the submitted token equals it (in constant time). */
    static boolean matches(String cookieValue, String submitted) {
        return isWellFormed(cookieValue) && submitted != null
                && MessageDigest.isEqual(cookieValue.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
