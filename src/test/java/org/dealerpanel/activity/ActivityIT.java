package org.dealerpanel.activity;

import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.activity.service.ActivitySummarySql;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.PanelWriter;
import org.dealerpanel.account.PlatformState;
import org.dealerpanel.activity.sim.PanelEvaluation;
import org.dealerpanel.activity.sim.PanelGenerator;
import org.dealerpanel.activity.sim.SimAccount;
import org.junit.jupiter.api.Test;

/** Activity status and flags through the database: the set-based SQL against the in-memory reference, and the API. */
@QuarkusTest
class ActivityIT {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ActivityRules rules;

    /** Inserts the panel under a new cohort; returns account id by sim id. */
    Map<String, Long> load(List<SimAccount> panel, String cohort) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PanelWriter writer = new PanelWriter(dataSource, cohort, "sim", LocalDate.now(java.time.ZoneOffset.UTC))) {
            for (SimAccount a : panel) {
                long id = writer.account(cohort + "-" + a.id(), PlatformState.valueOf(a.platform().state().name()), a.platform().since());
                ids.put(a.id(), id);
                for (DailyCount d : a.series().observations()) {
                    writer.observation(id, d.day(), d.posts(), d.images());
                }
            }
        }
        return ids;
    }

    @Test
    void setBasedSqlGivesTheSameAggregatesAndDecisionsAsTheInMemoryReference() throws SQLException {
        List<SimAccount> panel = new PanelGenerator(20170331L, PanelEvaluation.AS_OF).generate(300);
        String cohort = unique("sim");
        Map<String, Long> ids = load(panel, cohort);
        // the configured rules, and others: several silence ends in one recent window, tiny windows, windows of
        // 260 days (five day masks), so that every path of the SQL aggregates meets the reference
        for (ActivityRules rules : List.of(this.rules, new ActivityRules(5, 12, 0.5, 28, 30, 7, 1.5, 0.01),
                new ActivityRules(2, 3, 0.3, 10, 5, 2, 2.0, 0.05), new ActivityRules(30, 90, 0.5, 60, 200, 14, 1.5, 0.01)))
        for (LocalDate asOf : List.of(PanelEvaluation.AS_OF, PanelEvaluation.AS_OF.minusDays(45),
                PanelEvaluation.AS_OF.minusDays(130), PanelEvaluation.AS_OF.minusDays(400))) {
            Map<Long, ActivitySummarySql.Row> rows = new HashMap<>();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                ActivitySummarySql.stream(c, asOf, rules, ActivitySummarySql.Filter.cohort(cohort),
                        r -> rows.put(r.accountId(), r));
            }
            assertEquals(panel.size(), rows.size());
            // every account of the database, read by one scan grouped by account (what a large panel's nightly run does)
            Map<Long, ActivitySummarySql.Row> scanned = new HashMap<>();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                ActivitySummarySql.stream(c, asOf, rules, ActivitySummarySql.Filter.all().scanningPanel(true),
                        r -> scanned.put(r.accountId(), r));
            }
            // the same accounts listed by id, read by the scan (what a refresh of most of a large panel does)
            Map<Long, ActivitySummarySql.Row> listed = new HashMap<>();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                ActivitySummarySql.stream(c, asOf, rules, ActivitySummarySql.Filter.ids(ids.values()).scanningPanel(true),
                        r -> listed.put(r.accountId(), r));
            }
            assertEquals(panel.size(), listed.size());
            for (SimAccount a : panel) {
                assertEquals(rows.get(ids.get(a.id())), scanned.get(ids.get(a.id())), a.id() + " as of " + asOf + ", panel scan");
                assertEquals(rows.get(ids.get(a.id())), listed.get(ids.get(a.id())), a.id() + " as of " + asOf + ", ids by the scan");
            }
            for (SimAccount a : panel) {
                ActivitySummarySql.Row row = rows.get(ids.get(a.id()));
                assertEquals(ActivitySummary.of(a.series(), asOf, rules), row.summary(), a.id() + " as of " + asOf);
                assertEquals(a.platform(), row.platform());
                ActivityAssessment expected = ActivityAssessment.assess(rules, asOf, a.series(), a.platform());
                ActivityAssessment actual = ActivityAssessment.assess(rules, row.summary(), row.platform());
                assertEquals(expected, actual, a.id() + " as of " + asOf);
            }
        }
        // The targets hold through the database too: status exactly as planted.
        Map<Long, String> expected = new HashMap<>();
        panel.forEach(a -> expected.put(ids.get(a.id()), a.expectedStatus().name()));
        List<Map<String, Object>> flags = viewer().queryParam("cohort", cohort).queryParam("asOf", PanelEvaluation.AS_OF.toString())
                .get("/api/v1/flags").then().statusCode(200).extract().jsonPath().getList("$");
        PanelEvaluation.Result reference = PanelEvaluation.evaluate(panel, rules);
        long referenceFlags = panel.stream().mapToLong(a -> ActivityAssessment.assess(rules, PanelEvaluation.AS_OF, a.series(), a.platform()).flags().size()).sum();
        assertEquals(referenceFlags, flags.size());
        assertEquals(panel.size(), reference.statusCorrect());
        for (SimAccount a : panel.subList(0, 40)) {
            viewer().queryParam("asOf", PanelEvaluation.AS_OF.toString()).get("/api/v1/accounts/" + ids.get(a.id()) + "/activity")
                    .then().statusCode(200).body("status", equalTo(expected.get(ids.get(a.id()))))
                    .body("source", equalTo("computed"));
        }
    }

    void put(long id, LocalDate day, int posts, int images) {
        investigator().body(Map.of("posts", posts, "images", images)).put("/api/v1/accounts/" + id + "/observations/" + day)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    @Test
    void activityOfAnAccountWithFlagsEvidenceAndDefaultAsOf() throws SQLException {
        LocalDate y = ActivityService.yesterday();
        String cohort = unique("act");
        long stepUp = createAccount("weibo", unique("stepup"), List.of(cohort));
        long quiet = createAccount("weibo", unique("quiet"), List.of(cohort));
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     insert into observation (account_id, day, posts, images)
                     select ?, d::date, case when d >= ?::date - 27 then 9 + (extract(doy from d)::int % 3) else 3 + (extract(doy from d)::int % 2) end, 2
                       from generate_series(?::date - 111, ?::date, interval '1 day') d""")) {
            st.setLong(1, stepUp);
            st.setObject(2, y);
            st.setObject(3, y);
            st.setObject(4, y);
            st.executeUpdate();
        }
        put(quiet, y.minusDays(60), 4, 4);
        for (int i = 0; i < 20; i++) {
            put(quiet, y.minusDays(i), 0, 0);
        }
        viewer().get("/api/v1/accounts/" + stepUp + "/activity").then().statusCode(200)
                .body("asOf", equalTo(y.toString())).body("status", equalTo("ACTIVE")).body("silentDays", equalTo(0))
                .body("lastActive", equalTo(y.toString()))
                .body("flags.type", containsInAnyOrder("STEPPED_UP"))
                .body("flags[0].metric", equalTo("posts"))
                .body("flags[0].since", equalTo(y.minusDays(27).toString()))
                .body("flags[0].evidence.recent.observedDays", equalTo(28))
                .body("flags[0].evidence.baseline.observedDays", equalTo(84))
                .body("flags[0].evidence.ratioCi95.size()", equalTo(2))
                .body("flags[0].evidence.pValue", notNullValue())
                .body("evidence.rule", equalTo("RECENTLY_ACTIVE"));
        viewer().get("/api/v1/accounts/" + quiet + "/activity").then().statusCode(200)
                .body("status", equalTo("UNKNOWN")).body("silentDays", equalTo(60)).body("flags.size()", equalTo(0))
                .body("evidence.rule", equalTo("SILENCE_NOT_COVERED"));
        viewer().get("/api/v1/accounts/" + stepUp).then().body("flags.type", containsInAnyOrder("STEPPED_UP"));
        viewer().queryParam("cohort", cohort).queryParam("flag", "STEPPED_UP").get("/api/v1/accounts").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) stepUp));
        viewer().queryParam("cohort", cohort).queryParam("type", "STEPPED_UP").get("/api/v1/flags").then()
                .statusCode(200).body("accountId", containsInAnyOrder((int) stepUp)).body("type", everyItem(equalTo("STEPPED_UP")));
        viewer().queryParam("cohort", cohort).queryParam("type", "REACTIVATED").get("/api/v1/flags").then()
                .statusCode(200).body("size()", equalTo(0));
        viewer().queryParam("asOf", y.minusDays(61).toString()).get("/api/v1/accounts/" + quiet + "/activity").then()
                .statusCode(200).body("status", equalTo("UNKNOWN")).body("evidence.rule", equalTo("NEVER_ACTIVE"));

        // bad input: 400 naming the parameter, 404 for an unknown account, never a 500
        viewer().queryParam("asOf", "yesterday").get("/api/v1/accounts/" + stepUp + "/activity").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
        viewer().queryParam("asOf", "2016-02-30").get("/api/v1/flags").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        viewer().queryParam("type", "ASLEEP").get("/api/v1/flags").then().statusCode(400).body("errors[0].field", equalTo("type"));
        viewer().get("/api/v1/accounts/987654321/activity").then().statusCode(404).contentType("application/problem+json");
        viewer().post("/api/v1/activity/recompute").then().statusCode(403);
        investigator().post("/api/v1/activity/recompute").then().statusCode(403);
        admin().queryParam("asOf", "soon").post("/api/v1/activity/recompute").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void recomputeStoresASnapshotWithHistoryThatGoesStaleWhenDataChange() throws SQLException {
        String cohort = unique("snap");
        long id = createAccount("qq", unique("snap"), List.of(cohort));
        LocalDate d1 = LocalDate.of(2011, 3, 1);
        for (int i = 0; i < 10; i++) {
            put(id, d1.minusDays(50 + i), 3, 1);
        }
        for (int i = 0; i < 49; i++) {
            put(id, d1.minusDays(i), 0, 0);
        }
        admin().queryParam("asOf", d1.toString()).post("/api/v1/activity/recompute").then().statusCode(200)
                .body("asOf", equalTo(d1.toString())).body("accounts", notNullValue());
        admin().queryParam("asOf", d1.plusDays(1).toString()).post("/api/v1/activity/recompute").then().statusCode(200);
        viewer().queryParam("asOf", d1.toString()).get("/api/v1/accounts/" + id + "/activity").then().statusCode(200)
                .body("source", equalTo("snapshot")).body("status", equalTo("DORMANT"))
                // no earlier snapshot: "since" is the day the 30-day threshold was crossed (last active d1-50, + 30)
                .body("statusSince", equalTo(d1.minusDays(20).toString()))
                .body("silentDays", equalTo(50));
        // the next day's snapshot carries "dormant since" over (its unobserved day 51 still leaves coverage >= 1/2)
        viewer().queryParam("asOf", d1.plusDays(1).toString()).get("/api/v1/accounts/" + id + "/activity").then()
                .body("source", equalTo("snapshot")).body("status", equalTo("DORMANT")).body("statusSince", equalTo(d1.minusDays(20).toString()));
        viewer().queryParam("asOf", d1.toString()).queryParam("cohort", cohort).get("/api/v1/flags").then().statusCode(200);
        admin().get("/api/v1/audit?entity=activity_snapshot").then().statusCode(200)
                .body("items.action", hasItem("activity.recompute"));
        // a corrected observation makes the snapshots on and after its day stale: computed again
        put(id, d1.minusDays(5), 2, 0);
        viewer().queryParam("asOf", d1.toString()).get("/api/v1/accounts/" + id + "/activity").then()
                .body("source", equalTo("computed")).body("status", equalTo("ACTIVE")).body("silentDays", equalTo(5));
        viewer().queryParam("asOf", d1.minusDays(6).toString()).get("/api/v1/accounts/" + id + "/activity").then()
                .body("status", equalTo("DORMANT"));
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", d1.minusDays(2).toString()))
                .patch("/api/v1/accounts/" + id).then().statusCode(200);
        viewer().queryParam("asOf", d1.toString()).get("/api/v1/accounts/" + id + "/activity").then()
                .body("status", equalTo("CEASED")).body("evidence.rule", equalTo("PLATFORM_STATE"))
                .body("evidence.statusFromCounts", equalTo("ACTIVE"));
        // deleting an account takes its snapshot rows with it (V20: once per statement, as the cascade did)
        assertTrue(snapshotRows(id) >= 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("delete from account where id = ?")) {
            st.setLong(1, id);
            assertEquals(1, st.executeUpdate());
        }
        assertEquals(0, snapshotRows(id));
    }

    private long snapshotRows(long accountId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select count(*) from activity_snapshot where account_id = ?")) {
            st.setLong(1, accountId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
