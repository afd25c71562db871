package org.dealerpanel.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.dealerpanel.Api;
import org.junit.jupiter.api.Test;

/** The page plumbing without a browser: sign-in, language negotiation, CSRF, headers, escaping. */
@QuarkusTest
class PagesIT {

    @Test
    void anonymousPagesRedirectToTheFormWhileTheApiKeepsItsBasicChallenge() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).get("/?status=DORMANT").then().statusCode(303);
        given().get("/api/v1/accounts").then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"))
                .contentType("application/problem+json");
        // the page session does not open the API: /api takes HTTP Basic only
        PageSession session = PageSession.signIn("admin", Api.ADMIN_PASSWORD, "/");
        session.request().get("/api/v1/accounts").then().statusCode(401);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        Response login = given().redirects().follow(false).formParam("j_username", "admin")
                .formParam("j_password", Api.ADMIN_PASSWORD).post("/j_security_check");
        login.then().statusCode(302);
        String setCookie = login.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("tracker-session=")).findFirst().orElse(null);
        assertNotNull(setCookie, "no session cookie");
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
    }

    @Test
    void wrongPasswordGoesBackToTheFormWithAnError() {
        given().redirects().follow(false).formParam("j_username", "admin").formParam("j_password", "wrong-password-1")
                .post("/j_security_check").then().statusCode(303).header("Location", endsWith("/login?error=1"));
        given().header("Accept-Language", "en").get("/login?error=1").then().statusCode(200)
                .body(containsString("Wrong user name or password"));
    }

    @Test
    void languageFollowsAcceptLanguageThenTheCookie() {
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").get("/login").then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">")).body(containsString("登录"));
        given().header("Accept-Language", "en-GB").get("/login").then().body(containsString("Sign in"));
        given().header("Accept-Language", "zh-TW").cookie(WebContext.LANG_COOKIE, "en").get("/login").then()
                .body(containsString("<html lang=\"en\">"));
        given().redirects().follow(false).get("/lang?to=zh-CN&back=/login").then().statusCode(303)
                .header("Location", endsWith("/login")).cookie(WebContext.LANG_COOKIE, "zh-CN");
        // the way back is a path of this service, never another site
        given().redirects().follow(false).get("/lang?to=en&back=//evil.example/x").then().statusCode(303)
                .header("Location", not(containsString("evil")));
    }

    @Test
    void htmlAnswersCarryTheSecurityHeaders() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"));
    }

    @Test
    void aPagePostWithoutTheCsrfTokenIsRefused() {
        PageSession session = PageSession.signIn("admin", Api.ADMIN_PASSWORD, "/");
        session.request().post("/logout").then().statusCode(403);
        session.request().formParam("csrf", "not-the-token-of-this-session-xx").post("/logout").then().statusCode(403);
        session.request().formParam("csrf", session.csrfToken).post("/logout").then().statusCode(303)
                .header("Location", containsString("/login"));
    }

    @Test
    void userTextIsEscapedOnTheWatchlist() {
        String handle = Api.unique("<script>alert(1)</script>");
        Api.createAccount("weibo", handle, java.util.List.of());
        PageSession session = PageSession.signIn("admin", Api.ADMIN_PASSWORD, "/");
        String html = session.request().queryParam("q", "alert(1)").queryParam("size", "1000").get("/")
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the handle is shown as text");
        assertTrue(!html.contains("<script>alert(1)"), "never as markup");
    }
}
