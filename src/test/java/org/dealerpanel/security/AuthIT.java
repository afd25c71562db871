package org.dealerpanel.security;

import static io.restassured.RestAssured.given;
import static org.dealerpanel.Api.PASSWORD;
import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.anonymous;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthIT {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anonymousCallsAreRefusedWithProblemJsonAndABasicChallenge() {
        anonymous().get("/api/v1/accounts").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401));
        anonymous().get("/api/v1/me").then().statusCode(401);
        anonymous().body(Map.of("platform", "wechat", "handle", "x")).post("/api/v1/accounts").then().statusCode(401);
    }

    @Test
    void wrongPasswordIsRefused() {
        given().auth().preemptive().basic("admin", "not-the-password").get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("nobody-" + System.nanoTime(), "whatever-password").get("/api/v1/me")
                .then().statusCode(401);
    }

    @Test
    void rolesIncludeTheOnesBelow() {
        admin().get("/api/v1/me").then().statusCode(200).body("username", equalTo("admin"))
                .body("roles", containsInAnyOrder("admin", "investigator", "viewer"));
        investigator().get("/api/v1/me").then().statusCode(200).body("roles", containsInAnyOrder("investigator", "viewer"));
        viewer().get("/api/v1/me").then().statusCode(200).body("roles", containsInAnyOrder("viewer"));
    }

    @Test
    void viewerMayReadButNotWrite() {
        viewer().get("/api/v1/accounts").then().statusCode(200);
        viewer().body(Map.of("platform", "wechat", "handle", unique("v"))).post("/api/v1/accounts").then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        viewer().body(Map.of("name", unique("c"))).post("/api/v1/cohorts").then().statusCode(403);
        viewer().body(Map.of("posts", 1, "images", 1)).put("/api/v1/accounts/1/observations/2016-01-01").then().statusCode(403);
        viewer().contentType("text/csv").body("platform,handle,date,posts,images\n").post("/api/v1/observations/import")
                .then().statusCode(403);
    }

    @Test
    void onlyAdminsManageUsers() {
        investigator().get("/api/v1/users").then().statusCode(403);
        investigator().body(Map.of("username", unique("u"), "password", PASSWORD, "roles", List.of("admin")))
                .post("/api/v1/users").then().statusCode(403);
        admin().get("/api/v1/users").then().statusCode(200).body("username", hasItem("admin"));
    }

    @Test
    void createdUserCanSignInChangeRolesAndBeDisabled() {
        String name = unique("anna");
        admin().body(Map.of("username", name, "password", "a-long-password-1", "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(201).header("Location", containsString("/api/v1/users/" + name))
                .body("roles", containsInAnyOrder("viewer")).body("enabled", equalTo(true));
        given().auth().preemptive().basic(name, "a-long-password-1").get("/api/v1/me").then().statusCode(200);
        admin().get("/api/v1/users/" + name).then().statusCode(200).body("username", equalTo(name))
                .body("roles", containsInAnyOrder("viewer")).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
        admin().body(Map.of("roles", List.of("investigator"))).patch("/api/v1/users/" + name).then().statusCode(200)
                .body("roles", containsInAnyOrder("investigator"));
        given().auth().preemptive().basic(name, "a-long-password-1").get("/api/v1/me").then().statusCode(200)
                .body("roles", containsInAnyOrder("investigator", "viewer"));
        admin().body(Map.of("password", "another-long-password")).patch("/api/v1/users/" + name).then().statusCode(200);
        given().auth().preemptive().basic(name, "a-long-password-1").get("/api/v1/me").then().statusCode(401);
        given().auth().preemptive().basic(name, "another-long-password").get("/api/v1/me").then().statusCode(200);
        admin().body(Map.of("enabled", false)).patch("/api/v1/users/" + name).then().statusCode(200).body("enabled", equalTo(false));
        given().auth().preemptive().basic(name, "another-long-password").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() throws Exception {
        String name = unique("hash");
        admin().body(Map.of("username", name, "password", "plain-text-secret", "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(201);
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select password_hash from app_user where username = ?")) {
            statement.setString(1, name);
            ResultSet rs = statement.executeQuery();
            assertTrue(rs.next());
            String hash = rs.getString(1);
            assertTrue(hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"), hash);
            assertTrue(!hash.contains("plain-text-secret"));
        }
    }

    @Test
    void badUserInputIsAClearError() {
        admin().body(Map.of("username", unique("short"), "password", "short", "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"));
        admin().body(Map.of("username", unique("role"), "password", PASSWORD, "roles", List.of("superuser")))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", startsWith("roles"));
        admin().body(Map.of("username", "admin", "password", PASSWORD, "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(409);
        admin().body(Map.of("enabled", false)).patch("/api/v1/users/admin").then().statusCode(400);
        admin().body(Map.of("roles", List.of("viewer"))).patch("/api/v1/users/no-such-user").then().statusCode(404);
    }

    @Test
    void userChangesAreAudited() {
        String name = unique("audited");
        admin().body(Map.of("username", name, "password", PASSWORD, "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(201);
        admin().body(Map.of("roles", List.of("viewer", "investigator"))).patch("/api/v1/users/" + name).then().statusCode(200);
        admin().contentType(ContentType.JSON).queryParam("entity", "user:" + name).get("/api/v1/audit").then()
                .statusCode(200).body("items.action", containsInAnyOrder("user.create", "user.update"))
                .body("items.actor", everyItemIs("admin"));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
