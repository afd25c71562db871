package org.dealerpanel;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Signed-in REST Assured requests for the test users, created once through the API. */
public final class Api {
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static volatile boolean usersCreated;

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD).contentType(ContentType.JSON);
    }

    public static RequestSpecification investigator() {
        ensureUsers();
        return given().auth().preemptive().basic("ivan", PASSWORD).contentType(ContentType.JSON);
    }

    public static RequestSpecification viewer() {
        ensureUsers();
        return given().auth().preemptive().basic("vera", PASSWORD).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A handle no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** Creates an account and returns its id. */
    public static long createAccount(String platform, String handle, List<String> cohorts) {
        return investigator().body(Map.of("platform", platform, "handle", handle, "cohorts", cohorts))
                .post("/api/v1/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static synchronized void ensureUsers() {
        if (usersCreated) {
            return;
        }
        createUser("ivan", "investigator");
        createUser("vera", "viewer");
        usersCreated = true;
    }

    private static void createUser(String name, String role) {
        int status = admin().body(Map.of("username", name, "password", PASSWORD, "roles", List.of(role)))
                .post("/api/v1/users").then().extract().statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("could not create test user " + name + ": " + status);
        }
    }
}
