package org.dealerpanel.account;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountIT {

    @Test
    void createReturnsTheAccountWithLocationAndCreatesNamedCohorts() {
        String handle = unique("ivory-king");
        String cohort = unique("cohort");
        String location = investigator()
                .body(Map.of("platform", "wechat", "handle", handle, "displayName", "象牙王", "notes", "from a tip",
                        "cohorts", List.of(cohort)))
                .post("/api/v1/accounts").then().statusCode(201)
                .header("Location", containsString("/api/v1/accounts/"))
                .body("platform", equalTo("wechat")).body("handle", equalTo(handle))
                .body("displayName", equalTo("象牙王")).body("cohorts", containsInAnyOrder(cohort))
                .body("status", equalTo("UNKNOWN")).body("flags", empty())
                .body("platformState", equalTo("LIVE")).body("lastActive", nullValue())
                .extract().header("Location");
        viewer().get(location).then().statusCode(200).body("handle", equalTo(handle)).body("notes", equalTo("from a tip"));
        viewer().get("/api/v1/cohorts/" + cohort).then().statusCode(200).body("members.handle", containsInAnyOrder(handle))
                .body("members[0].joinedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()));
    }

    @Test
    void duplicatePlatformAndHandleIsAConflict() {
        String handle = unique("dup");
        createAccount("weibo", handle, List.of());
        investigator().body(Map.of("platform", "weibo", "handle", handle)).post("/api/v1/accounts").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString(handle));
        // the same handle on another platform is another account
        createAccount("qq", handle, List.of());
    }

    @Test
    void invalidAccountsAreRefusedNamingTheField() {
        investigator().body(Map.of("platform", "WeChat!", "handle", "x")).post("/api/v1/accounts").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("platform"));
        investigator().body(Map.of("platform", "wechat")).post("/api/v1/accounts").then()
                .statusCode(400).body("errors.field", hasItem("handle"));
        investigator().body(Map.of("platform", "wechat", "handle", "x", "colour", "red")).post("/api/v1/accounts").then()
                .statusCode(400).body("errors[0].field", equalTo("colour"));
        investigator().body(Map.of("platform", "wechat", "handle", "x", "platformState", "GONE")).post("/api/v1/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("platformState"))
                .body("errors[0].message", containsString("REMOVED_BY_PLATFORM"));
        investigator().body(Map.of("platform", "wechat", "handle", "x", "firstSeen", "2016-02-30")).post("/api/v1/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("firstSeen"));
        investigator().body(Map.of("platform", "wechat", "handle", "x", "cohorts", "not-a-list")).post("/api/v1/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("cohorts"));
        investigator().body("{\"platform\": \"wechat\", ").post("/api/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json");
        investigator().body(Map.of("platform", "wechat", "handle", "x", "cohorts", List.of("bad name!")))
                .post("/api/v1/accounts").then().statusCode(400).body("errors[0].field", equalTo("cohorts"));
    }

    @Test
    void unknownAccountIs404() {
        viewer().get("/api/v1/accounts/987654321").then().statusCode(404).contentType("application/problem+json");
        viewer().get("/api/v1/accounts/not-a-number").then().statusCode(404);
    }

    @Test
    void listFiltersByPlatformCohortAndText() {
        String cohort = unique("list");
        String a = unique("tiger-bone-wine");
        String b = unique("pangolin");
        createAccount("taobao", a, List.of(cohort));
        long idB = createAccount("baidu-tieba", b, List.of(cohort));
        viewer().queryParam("cohort", cohort).get("/api/v1/accounts").then().statusCode(200)
                .body("total", equalTo(2)).body("items.handle", containsInAnyOrder(a, b));
        viewer().queryParam("cohort", cohort).queryParam("platform", "taobao").get("/api/v1/accounts").then()
                .body("total", equalTo(1)).body("items[0].handle", equalTo(a));
        viewer().queryParam("q", b.toUpperCase()).get("/api/v1/accounts").then().body("total", equalTo(1))
                .body("items[0].id", equalTo((int) idB));
        viewer().queryParam("cohort", cohort).queryParam("size", 1).queryParam("sort", "-handle").get("/api/v1/accounts")
                .then().body("total", equalTo(2)).body("items.size()", equalTo(1))
                .body("items[0].handle", equalTo(a.compareTo(b) > 0 ? a : b));
        viewer().queryParam("cohort", cohort).queryParam("status", "UNKNOWN").get("/api/v1/accounts").then()
                .body("total", equalTo(2));
        viewer().queryParam("cohort", cohort).queryParam("status", "ACTIVE").get("/api/v1/accounts").then()
                .body("total", equalTo(0));
        viewer().queryParam("status", "ASLEEP").get("/api/v1/accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        viewer().queryParam("flag", "NOPE").get("/api/v1/accounts").then().statusCode(400);
        viewer().queryParam("size", 0).get("/api/v1/accounts").then().statusCode(400).body("errors[0].field", equalTo("size"));
        viewer().queryParam("sort", "password").get("/api/v1/accounts").then().statusCode(400);
    }

    @Test
    void statusFollowsObservationsAndPlatformState() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        long id = createAccount("wechat", unique("status"), List.of());
        investigator().body(Map.of("posts", 2, "images", 4)).put("/api/v1/accounts/" + id + "/observations/" + yesterday.minusDays(3))
                .then().statusCode(201);
        viewer().get("/api/v1/accounts/" + id).then().body("status", equalTo("ACTIVE"))
                .body("lastActive", equalTo(yesterday.minusDays(3).toString())).body("silentDays", equalTo(3))
                .body("firstSeen", equalTo(yesterday.minusDays(3).toString()));
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", yesterday.minusDays(1).toString()))
                .patch("/api/v1/accounts/" + id).then().statusCode(200)
                .body("platformState", equalTo("REMOVED_BY_PLATFORM")).body("status", equalTo("CEASED"));
    }

    @Test
    void dormantNeedsObservedSilence() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        long gap = createAccount("qq", unique("gap"), List.of());
        long silent = createAccount("qq", unique("silent"), List.of());
        for (long id : new long[] {gap, silent}) {
            investigator().body(Map.of("posts", 1, "images", 0)).put("/api/v1/accounts/" + id + "/observations/" + yesterday.minusDays(40))
                    .then().statusCode(201);
        }
        for (int d = 0; d < 30; d++) {
            investigator().body(Map.of("posts", 0, "images", 0)).put("/api/v1/accounts/" + silent + "/observations/" + yesterday.minusDays(d))
                    .then().statusCode(201);
        }
        viewer().get("/api/v1/accounts/" + gap).then().body("status", equalTo("UNKNOWN")).body("silentDays", equalTo(40));
        viewer().get("/api/v1/accounts/" + silent).then().body("status", equalTo("DORMANT")).body("silentDays", equalTo(40));
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        String cohortA = unique("pa");
        String cohortB = unique("pb");
        long id = createAccount("weibo", unique("patch"), List.of(cohortA));
        investigator().body(Map.of("notes", "moved to WeChat", "cohorts", List.of(cohortB))).patch("/api/v1/accounts/" + id)
                .then().statusCode(200).body("notes", equalTo("moved to WeChat")).body("cohorts", containsInAnyOrder(cohortB));
        investigator().body(Map.of("displayName", "犀角杯")).patch("/api/v1/accounts/" + id).then().statusCode(200)
                .body("notes", equalTo("moved to WeChat")).body("displayName", equalTo("犀角杯"));
        investigator().body("{\"notes\": null}").patch("/api/v1/accounts/" + id).then().statusCode(200)
                .body("notes", nullValue()).body("displayName", equalTo("犀角杯"));
        viewer().get("/api/v1/cohorts/" + cohortA).then().body("members", empty());
        investigator().body(Map.of("platformState", "UNREACHABLE")).patch("/api/v1/accounts/" + id).then().statusCode(200)
                .body("platformState", equalTo("UNREACHABLE")).body("platformStateSince", notNullValue());
        investigator().body(Map.of("handle", "renamed")).patch("/api/v1/accounts/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("handle"));
        investigator().body(Map.of("platformState", "ASLEEP")).patch("/api/v1/accounts/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("platformState"));
        investigator().body(Map.of("platformStateSince", "yesterday")).patch("/api/v1/accounts/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("platformStateSince"));
        viewer().get("/api/v1/accounts/" + id).then().body("platformState", equalTo("UNREACHABLE"))
                .body("cohorts", not(empty()));
    }
}
