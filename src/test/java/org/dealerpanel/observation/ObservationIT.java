package org.dealerpanel.observation;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservationIT {

    @Test
    void upsertIsIdempotentAndKeepsRevisions() {
        long id = createAccount("wechat", unique("obs"), List.of());
        String day = "/api/v1/accounts/" + id + "/observations/2016-03-01";
        investigator().body(Map.of("posts", 4, "images", 20, "source", "manual count")).put(day).then().statusCode(201)
                .body("posts", equalTo(4)).body("images", equalTo(20)).body("date", equalTo("2016-03-01"))
                .body("recordedBy", equalTo("ivan"));
        investigator().body(Map.of("posts", 4, "images", 20)).put(day).then().statusCode(200).body("posts", equalTo(4));
        viewer().get(day + "/revisions").then().statusCode(200).body("$", empty());

        investigator().body(Map.of("posts", 5, "images", 22, "source", "recount")).put(day).then().statusCode(200)
                .body("posts", equalTo(5)).body("source", equalTo("recount"));
        viewer().get(day + "/revisions").then().statusCode(200).body("$", hasSize(1))
                .body("[0].posts", equalTo(4)).body("[0].images", equalTo(20)).body("[0].source", equalTo("manual count"))
                .body("[0].supersededBy", equalTo("ivan"));
        viewer().get("/api/v1/accounts/" + id + "/observations").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].posts", equalTo(5));
    }

    @Test
    void unobservedIsNotZero() {
        long id = createAccount("weibo", unique("zero"), List.of());
        String base = "/api/v1/accounts/" + id + "/observations/";
        investigator().body(Map.of("posts", 0, "images", 0)).put(base + "2016-01-01").then().statusCode(201);
        investigator().body(Map.of("posts", 3, "images", 0)).put(base + "2016-01-03").then().statusCode(201);
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-01-05").get("/api/v1/accounts/" + id + "/observations")
                .then().statusCode(200)
                .body("date", contains("2016-01-01", "2016-01-03"))
                .body("posts", contains(0, 3))
                .body("images", contains(0, 0));
        viewer().queryParam("from", "2016-01-02").queryParam("to", "2016-01-02").get("/api/v1/accounts/" + id + "/observations")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void badCountsAndDatesAreRefused() {
        long id = createAccount("qq", unique("bad"), List.of());
        String base = "/api/v1/accounts/" + id + "/observations/";
        investigator().body(Map.of("posts", -1, "images", 0)).put(base + "2016-01-01").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("posts"));
        investigator().body("{\"posts\": 1.5, \"images\": 0}").put(base + "2016-01-01").then().statusCode(400)
                .body("errors[0].field", equalTo("posts"));
        investigator().body("{\"posts\": \"3\", \"images\": 0}").put(base + "2016-01-01").then().statusCode(400)
                .body("errors[0].field", equalTo("posts"));
        investigator().body(Map.of("posts", 1)).put(base + "2016-01-01").then().statusCode(400)
                .body("errors[0].field", equalTo("images"));
        investigator().body(Map.of("posts", 1, "images", 1)).put(base + "2016-13-01").then().statusCode(400)
                .body("errors[0].field", equalTo("date"));
        investigator().body(Map.of("posts", 1, "images", 1))
                .put(base + LocalDate.now(ZoneOffset.UTC).plusDays(5)).then().statusCode(400).body("errors[0].field", equalTo("date"));
        investigator().body(Map.of("posts", 1, "images", 1)).put("/api/v1/accounts/99999999/observations/2016-01-01")
                .then().statusCode(404);
        viewer().queryParam("from", "01/02/2016").get("/api/v1/accounts/" + id + "/observations").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        viewer().get("/api/v1/accounts/" + id + "/observations").then().body("$", empty());
    }
}
