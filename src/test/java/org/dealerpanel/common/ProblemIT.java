package org.dealerpanel.common;

import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemIT {
    @Test
    void unknownRoutesWrongMethodsAndMalformedBodiesAreProblems() {
        viewer().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        viewer().delete("/api/v1/accounts").then().statusCode(405).contentType("application/problem+json");
        investigator().body("[1,2,3]").post("/api/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json");
        investigator().body("{\"platform\":\"wechat\",\"handle\":\"x\"} trailing").post("/api/v1/accounts").then()
                .statusCode(400).contentType("application/problem+json");
        investigator().contentType("text/plain").body("hello").post("/api/v1/accounts").then().statusCode(415)
                .contentType("application/problem+json");
        investigator().body("{\"platform\": 12, \"handle\": {}}").post("/api/v1/accounts").then().statusCode(400)
                .body("detail", not(containsString("Exception"))).body("detail", not(containsString("at org.")));
    }

    @Test
    void aFlagParameterIsTrueOrFalseAndAnythingElseNamesIt() {
        viewer().queryParam("unassigned", "yes").get("/api/v1/collection/due").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("unassigned")).body(containsString("true or false"));
        viewer().queryParam("unassigned", " false ").get("/api/v1/collection/due").then().statusCode(200);
        investigator().queryParam("running", "maybe").get("/api/v1/observations/imports").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("running"));
        investigator().queryParam("running", "true").get("/api/v1/observations/imports").then().statusCode(200);
    }

    @Test
    void healthAndOpenApiAreServed() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
        io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/observations/import'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/accounts/{id}/observations/{date}'.put", org.hamcrest.Matchers.notNullValue());
    }
}
