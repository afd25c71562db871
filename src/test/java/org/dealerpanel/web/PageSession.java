package org.dealerpanel.web;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session for REST Assured: signed in through the form, with the page's CSRF cookie and token. */
public final class PageSession {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    public final String sessionCookie;
    public final String csrfCookie;
    public final String csrfToken;

    private PageSession(String sessionCookie, String csrfCookie, String csrfToken) {
        this.sessionCookie = sessionCookie;
        this.csrfCookie = csrfCookie;
        this.csrfToken = csrfToken;
    }

    /** Signs in with the form and reads the CSRF token of the given page. */
    public static PageSession signIn(String user, String password, String page) {
        Response login = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        String session = login.getCookie("tracker-session");
        if (session == null) {
            throw new IllegalStateException("sign-in failed for " + user + ": " + login.statusCode());
        }
        Response html = given().redirects().follow(false).cookie("tracker-session", session).get(page);
        String csrf = html.getCookie("tracker-csrf");
        Matcher m = TOKEN.matcher(html.asString());
        if (csrf == null || !m.find()) {
            throw new IllegalStateException("no CSRF token on " + page + ": " + html.statusCode());
        }
        return new PageSession(session, csrf, m.group(1));
    }

    /** A request with the session and CSRF cookies (the token itself is the caller's to send, or not). */
    public RequestSpecification request() {
        return given().redirects().follow(false).cookie("tracker-session", sessionCookie).cookie("tracker-csrf", csrfCookie);
    }
}
