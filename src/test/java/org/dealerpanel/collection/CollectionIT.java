package org.dealerpanel.collection;

import static org.dealerpanel.Api.anonymous;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.dealerpanel.collection.CollectionFixtures.account;
import static org.dealerpanel.collection.CollectionFixtures.cohortCadence;
import static org.dealerpanel.collection.CollectionFixtures.days;
import static org.dealerpanel.collection.CollectionFixtures.plan;
import org.dealerpanel.collection.CollectionFixtures.Schedule;
import static org.dealerpanel.collection.CollectionFixtures.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The revisit schedule through the API on a planted panel: the exact due list of a day and its ordering per assignee,
 * coverage figures computed by hand from planted gaps, the accounts heading for UNKNOWN, validation and roles.
 */
@QuarkusTest
class CollectionIT {
    /** The day the due list is asked for; everything is planted relative to it. */
    static final LocalDate D = CollectionFixtures.D;
    /** The as-of day of the coverage panel. */
    static final LocalDate T = LocalDate.of(2021, 3, 31);

    @Inject
    AgroalDataSource dataSource;

    Schedule plantSchedule() throws SQLException {
        return new CollectionFixtures(dataSource).plantSchedule(D);
    }

    JsonPath due(Schedule s, String assignee, Integer page, Integer size) {
        var request = viewer().queryParam("date", D.toString()).queryParam("cohort", s.cohort());
        if (assignee != null) {
            request = request.queryParam("assignee", assignee);
        }
        if (page != null) {
            request = request.queryParam("page", page).queryParam("size", size);
        }
        return request.get("/api/v1/collection/due").then().statusCode(200).extract().jsonPath();
    }

    List<Long> ids(Schedule s, String... keys) {
        return java.util.Arrays.stream(keys).map(s::id).toList();
    }

    @Test
    void dueListOfAPlantedScheduleInTheOrderOfEachAssignee() throws SQLException {
        Schedule s = plantSchedule();

        JsonPath u1 = due(s, s.u1(), null, null);
        assertEquals(ids(s, "a12", "a11", "a02", "a05", "a08", "a06", "a03", "a13", "a07"),
                u1.getList("items.accountId", Long.class), "u1's own, then unassigned, then others; longest due first");
        assertEquals(9, u1.getInt("total"));
        assertEquals(4, u1.getInt("own"));
        assertEquals(4, u1.getInt("unassigned"));
        assertEquals(1, u1.getInt("others"));
        assertEquals(List.of("OWN", "OWN", "OWN", "OWN", "UNASSIGNED", "UNASSIGNED", "UNASSIGNED", "UNASSIGNED", "OTHER"),
                u1.getList("items.group"));

        JsonPath u2 = due(s, s.u2(), null, null);
        assertEquals(ids(s, "a07", "a08", "a06", "a03", "a13", "a12", "a11", "a02", "a05"),
                u2.getList("items.accountId", Long.class));

        JsonPath nobody = due(s, null, null, null);
        assertEquals(ids(s, "a12", "a08", "a06", "a11", "a03", "a07", "a02", "a05", "a13"),
                nobody.getList("items.accountId", Long.class), "without an assignee: longest due first");
        assertEquals(nobody.getList("items.group"), java.util.Collections.nCopies(9, null));

        // paging keeps the order and the total
        JsonPath second = due(s, s.u1(), 1, 4);
        assertEquals(ids(s, "a08", "a06", "a03", "a13"), second.getList("items.accountId", Long.class));
        assertEquals(9, second.getInt("total"));
        JsonPath beyond = due(s, s.u1(), 5, 4);
        assertTrue(beyond.getList("items").isEmpty());
        assertEquals(9, beyond.getInt("total"));
        assertEquals(4, beyond.getInt("own"));

        // rows say what an investigator needs
        Map<String, Object> a05 = row(u1, s.id("a05"));
        assertEquals(7, a05.get("cadenceDays"));
        assertEquals("ACCOUNT", a05.get("cadenceFrom"));
        assertEquals(s.u1(), a05.get("assignee"));
        assertEquals(D.minusDays(7).toString(), a05.get("lastObserved"));
        assertEquals(7, a05.get("daysSinceObserved"));
        assertEquals(D.toString(), a05.get("dueSince"));
        Map<String, Object> a06 = row(u1, s.id("a06"));
        assertEquals(7, a06.get("cadenceDays"));
        assertEquals("COHORT", a06.get("cadenceFrom"));
        assertTrue(((List<?>) a06.get("cohorts")).size() == 2);
        Map<String, Object> a07 = row(u1, s.id("a07"));
        assertEquals(1, a07.get("cadenceDays"), "the account's own cadence overrides its cohort's");
        assertEquals("ACCOUNT", a07.get("cadenceFrom"));
        Map<String, Object> a03 = row(u1, s.id("a03"));
        assertEquals("DEFAULT", a03.get("cadenceFrom"));
        assertEquals(null, a03.get("assignee"));
        assertEquals(D.minusDays(2).toString(), a03.get("dueSince"));
        Map<String, Object> a08 = row(u1, s.id("a08"));
        assertEquals(null, a08.get("lastObserved"));
        assertEquals("UNKNOWN", a08.get("status"));
        Map<String, Object> a11 = row(u1, s.id("a11"));
        assertEquals(D.minusDays(4).toString(), a11.get("lastObserved"), "the day after D does not count for D");
        assertEquals("ACTIVE", a11.get("status"));
        Map<String, Object> a02 = row(u1, s.id("a02"));
        assertEquals("ACTIVE", a02.get("status"));
        assertEquals(14, a02.get("trendFlagsStopInDays"), "27 observed days in the window: the 14th newest leaves after 14 days");
        assertEquals(29, a02.get("unknownInDays"));
        assertEquals(false, a02.get("headingForUnknown"));
        Map<String, Object> a12 = row(u1, s.id("a12"));
        assertEquals(D.plusDays(5).toString(), a12.get("unknownOn"));
        assertEquals(5, a12.get("unknownInDays"));
        assertEquals(true, a12.get("headingForUnknown"));
        Map<String, Object> a13 = row(u1, s.id("a13"));
        assertEquals("DORMANT", a13.get("status"));
        assertEquals(49, a13.get("unknownInDays"));

        // the day after: a01 (daily, observed on D only) is due too; a11 (observed D+1) no longer
        List<Long> next = viewer().queryParam("date", D.plusDays(1).toString()).queryParam("cohort", s.cohort())
                .get("/api/v1/collection/due").then().statusCode(200).extract().jsonPath().getList("items.accountId", Long.class);
        assertTrue(next.contains(s.id("a01")) && !next.contains(s.id("a11")), next.toString());
    }

    @Test
    void headingForUnknownListsTheAccountsThatTurnUnknownSoonDueOrNot() throws SQLException {
        Schedule s = plantSchedule();
        JsonPath risk = viewer().queryParam("date", D.toString()).queryParam("cohort", s.cohort())
                .get("/api/v1/collection/heading-for-unknown").then().statusCode(200).extract().jsonPath();
        assertEquals(7, risk.getInt("within"));
        assertEquals(ids(s, "a14", "a12"), risk.getList("items.accountId", Long.class));
        assertEquals(List.of(3, 5), risk.getList("items.daysLeft", Integer.class));
        assertEquals(List.of(D.plusDays(3).toString(), D.plusDays(5).toString()), risk.getList("items.unknownOn"));
        assertEquals(List.of(3, 5), risk.getList("items.observedSinceActive", Integer.class));
        // a longer horizon adds the accounts further off (a11: active D-4 as of D, so D+26), never the dormant a13 (D+49)
        List<Long> month = viewer().queryParam("date", D.toString()).queryParam("cohort", s.cohort()).queryParam("within", 30)
                .get("/api/v1/collection/heading-for-unknown").then().statusCode(200).extract().jsonPath()
                .getList("items.accountId", Long.class);
        assertTrue(month.contains(s.id("a11")) && !month.contains(s.id("a13")) && !month.contains(s.id("a09")), month.toString());
        // filtered by assignee
        assertEquals(ids(s, "a12"), viewer().queryParam("date", D.toString()).queryParam("assignedTo", s.u1())
                .get("/api/v1/collection/heading-for-unknown").then().statusCode(200).extract().jsonPath()
                .getList("items.accountId", Long.class));
    }

    @Test
    void coverageOfAPanelWithPlantedGaps() throws SQLException {
        CollectionFixtures f = new CollectionFixtures(dataSource);
        String cohort = unique("col-cov");
        String every3 = unique("col-cov3");
        String u1 = user("col-cu1", "investigator");
        String u2 = user("col-cu2", "investigator");
        String prefix = unique("cov");
        LocalDate seen = T.minusDays(200);
        // b1 daily, u1: every day of the 90 but T-60..T-51 and T-5..T-1  -> 30 days: 25/30, 90 days: 75/90
        long b1 = account("weibo", prefix + "-b1", List.of(cohort), seen);
        plan(b1, null, u1);
        List<LocalDate> b1Days = new java.util.ArrayList<>(days(T.minusDays(120), T));
        b1Days.removeAll(days(T.minusDays(60), T.minusDays(51)));
        b1Days.removeAll(days(T.minusDays(5), T.minusDays(1)));
        f.observe(b1, 1, b1Days);
        // b2 weekly, unassigned: visits every 7 days from T-6 back, one missed (T-34) -> T-34..T-28 uncovered:
        // 30 days: 28/30, 90 days: 83/90
        long b2 = account("weibo", prefix + "-b2", List.of(cohort), seen);
        plan(b2, 7, null);
        List<LocalDate> b2Days = new java.util.ArrayList<>(days(T.minusDays(111), T.minusDays(6), 7));
        b2Days.remove(T.minusDays(34));
        f.observe(b2, 1, b2Days);
        // b3 daily, u1, first seen T-9, observed every other day: 5/10 in both windows
        long b3 = account("weibo", prefix + "-b3", List.of(cohort), T.minusDays(9));
        plan(b3, null, u1);
        f.observe(b3, 1, days(T.minusDays(9), T.minusDays(1), 2));
        // b4 daily, unassigned, removed by the platform since T-19, observed every day before: 30 days: 10/10, 90: 70/70
        long b4 = account("weibo", prefix + "-b4", List.of(cohort), seen);
        f.observe(b4, 1, days(T.minusDays(100), T.minusDays(20)));
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", T.minusDays(19).toString()))
                .patch("/api/v1/accounts/" + b4).then().statusCode(200);
        // b5 every 3 days through its second cohort, u2: visits every 3 days up to T-10 -> T-7..T uncovered:
        // 30 days: 22/30, 90 days: 82/90
        long b5 = account("weibo", prefix + "-b5", List.of(cohort, every3), seen);
        plan(b5, null, u2);
        f.observe(b5, 1, days(T.minusDays(100), T.minusDays(10), 3));
        cohortCadence(every3, 3);

        JsonPath c = viewer().queryParam("asOf", T.toString()).get("/api/v1/collection/coverage")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(T.toString(), c.getString("asOf"));
        assertEquals(T.minusDays(29).toString(), c.getString("from30"));
        assertEquals(T.minusDays(89).toString(), c.getString("from90"));
        assertShare(c, "cohorts", cohort, 5, 110, 90, 350, 315);
        assertShare(c, "cohorts", every3, 1, 30, 22, 90, 82);
        assertEquals(3, c.getInt("cohorts.find { it.name == '" + every3 + "' }.cadenceDays"));
        assertShare(c, "assignees", u1, 2, 40, 30, 100, 80);
        assertShare(c, "assignees", u2, 1, 30, 22, 90, 82);
        assertEquals(90.0 / 110, c.getDouble("cohorts.find { it.name == '" + cohort + "' }.last30.coverage"), 1e-6, "JSON numbers are read back as floats");

        // CSV: the same figures
        String csv = viewer().accept("text/csv").queryParam("asOf", T.toString()).get("/api/v1/collection/coverage")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("group,name,cadenceDays,accounts,dueDays30,coveredDays30,coverage30,dueDays90,"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("COHORT," + cohort + ",,5,110,90,")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("ASSIGNEE," + u2 + ",,1,30,22,")), csv);
    }

    static void assertShare(JsonPath c, String list, String name, int accounts, int due30, int covered30, int due90, int covered90) {
        String base = list + ".find { it.name == '" + name + "' }";
        assertEquals(accounts, c.getInt(base + ".accounts"), name);
        assertEquals(due30, c.getInt(base + ".last30.dueDays"), name + " due 30");
        assertEquals(covered30, c.getInt(base + ".last30.coveredDays"), name + " covered 30");
        assertEquals(due90, c.getInt(base + ".last90.dueDays"), name + " due 90");
        assertEquals(covered90, c.getInt(base + ".last90.coveredDays"), name + " covered 90");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath list, long id) {
        return (Map<String, Object>) list.getList("items", Map.class).stream()
                .filter(r -> ((Number) r.get("accountId")).longValue() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + id));
    }

    @Test
    void plansAreValidatedAuditedAndForInvestigators() {
        String cohort = unique("col-val");
        long id = account("qq", unique("val"), List.of(cohort), null);
        String inv = user("col-vi", "investigator");
        String viewerName = user("col-vv", "viewer");

        investigator().body(Map.of("cadenceDays", 0)).put("/api/v1/accounts/" + id + "/collection").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cadenceDays"));
        investigator().body(Map.of("cadenceDays", 367)).put("/api/v1/accounts/" + id + "/collection").then().statusCode(400)
                .body("errors[0].field", equalTo("cadenceDays"));
        investigator().body("{\"cadenceDays\": \"weekly\"}").put("/api/v1/accounts/" + id + "/collection").then().statusCode(400)
                .body("errors[0].field", equalTo("cadenceDays"));
        investigator().body(Map.of("assignee", "no-such-user-" + id)).put("/api/v1/accounts/" + id + "/collection").then()
                .statusCode(400).body("errors[0].field", equalTo("assignee"));
        investigator().body(Map.of("assignee", viewerName)).put("/api/v1/accounts/" + id + "/collection").then()
                .statusCode(400).body("errors[0].field", equalTo("assignee"));
        investigator().body(Map.of("cadenceDays", 7, "colour", "red")).put("/api/v1/accounts/" + id + "/collection").then()
                .statusCode(400).body("errors[0].field", equalTo("colour"));
        investigator().body(Map.of("cadenceDays", 7)).put("/api/v1/accounts/999999999/collection").then().statusCode(404);
        investigator().body(Map.of("cadenceDays", 0)).put("/api/v1/cohorts/" + cohort + "/collection").then().statusCode(400)
                .body("errors[0].field", equalTo("cadenceDays"));
        investigator().body(Map.of("cadenceDays", 7)).put("/api/v1/cohorts/no-such-cohort-" + id + "/collection").then()
                .statusCode(404);
        // roles: viewers read, only investigators write; anonymous is challenged
        viewer().body(Map.of("cadenceDays", 7)).put("/api/v1/accounts/" + id + "/collection").then().statusCode(403);
        viewer().body(Map.of("cadenceDays", 7)).put("/api/v1/cohorts/" + cohort + "/collection").then().statusCode(403);
        anonymous().get("/api/v1/collection/due").then().statusCode(401);
        viewer().get("/api/v1/accounts/" + id + "/collection").then().statusCode(200)
                .body("cadenceDays", nullValue()).body("effectiveCadenceDays", equalTo(1)).body("cadenceFrom", equalTo("DEFAULT"));
        // nothing was written by the refused calls
        investigator().queryParam("entity", "account:" + id).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.not(hasItem("collection.plan.update")));

        // a good write, read back, audited with what changed
        Map<String, Object> body = new HashMap<>();
        body.put("cadenceDays", 14);
        body.put("assignee", inv);
        investigator().body(body).put("/api/v1/accounts/" + id + "/collection").then().statusCode(200)
                .body("cadenceDays", equalTo(14)).body("assignee", equalTo(inv)).body("effectiveCadenceDays", equalTo(14))
                .body("cadenceFrom", equalTo("ACCOUNT")).body("updatedBy", equalTo("ivan"));
        investigator().body(Map.of("cadenceDays", 3)).put("/api/v1/cohorts/" + cohort + "/collection").then().statusCode(200)
                .body("cadenceDays", equalTo(3)).body("members", equalTo(1));
        JsonPath audit = investigator().queryParam("entity", "account:" + id).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> entry = audit.getMap("items.find { it.action == 'collection.plan.update' }");
        assertEquals("ivan", entry.get("actor"));
        Map<?, ?> detail = (Map<?, ?>) entry.get("detail");
        assertEquals(inv, ((Map<?, ?>) detail.get("assignee")).get("to"));
        assertEquals(14, ((Map<?, ?>) detail.get("cadenceDays")).get("to"));
        investigator().queryParam("entity", "cohort:" + cohort).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("collection.cohort.update"));
        // clearing the own cadence: the cohort's applies
        body.put("cadenceDays", null);
        investigator().body(body).put("/api/v1/accounts/" + id + "/collection").then().statusCode(200)
                .body("cadenceDays", nullValue()).body("effectiveCadenceDays", equalTo(3)).body("cadenceFrom", equalTo("COHORT"))
                .body("cadenceCohort", equalTo(cohort)).body("assignee", equalTo(inv));

        // bad query values are 400s naming them
        viewer().queryParam("date", "2021-02-30").get("/api/v1/collection/due").then().statusCode(400)
                .body("errors[0].field", equalTo("date"));
        viewer().queryParam("assignee", "no-such-user-" + id).get("/api/v1/collection/due").then().statusCode(400)
                .body("errors[0].field", equalTo("assignee"));
        viewer().queryParam("size", "0").get("/api/v1/collection/due").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        viewer().queryParam("cohort", "no-such-cohort-" + id).get("/api/v1/collection/due").then().statusCode(400)
                .body("errors[0].field", equalTo("cohort"));
        viewer().queryParam("asOf", "yesterday").get("/api/v1/collection/coverage").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        viewer().queryParam("within", "0").get("/api/v1/collection/heading-for-unknown").then().statusCode(400)
                .body("errors[0].field", equalTo("within"));
    }
}
