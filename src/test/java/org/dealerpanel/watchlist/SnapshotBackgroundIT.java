package org.dealerpanel.watchlist;

import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dealerpanel.common.PanelClock;
import org.junit.jupiter.api.Test;

/**
 * A large panel (here: every panel, the inline limit is 0) without yesterday's snapshot: the account list answers
 * at once from the latest earlier snapshot, says so in {@code asOf}, and yesterday's is built in the background;
 * an account added after the latest snapshot is listed all the same (its placeholder row is refreshed).
 */
@QuarkusTest
@TestProfile(SnapshotBackgroundIT.LargePanel.class)
class SnapshotBackgroundIT {
    public static class LargePanel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.activity.inline-build-below-accounts", "0",
                    "tracker.activity.inline-refresh-below-accounts", "2",
                    "tracker.activity.refresh-part", "1");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void listAnswersFromThePreviousDayWhileYesterdayIsBuilt() throws Exception {
        LocalDate yesterday = PanelClock.yesterday();
        LocalDate dayBefore = yesterday.minusDays(1);
        long account = createAccount("weibo", unique("bg"), List.of());
        investigator().body(Map.of("posts", 3, "images", 5)).put("/api/v1/accounts/" + account + "/observations/" + dayBefore)
                .then().statusCode(201);
        admin().queryParam("asOf", dayBefore.toString()).post("/api/v1/activity/recompute").then().statusCode(200);
        execute("delete from activity_snapshot where as_of >= ?", yesterday);
        long added = createAccount("weibo", unique("bg-new"), List.of());
        assertEquals(1, count("select count(*) from activity_snapshot where as_of = ? and account_id = ? and stale", dayBefore, added),
                "an account added after the latest snapshot gets a placeholder row there");

        // answers at once, from the day before, including the account added since (computed, not a placeholder)
        viewer().queryParam("q", "bg-new").get("/api/v1/accounts").then().statusCode(200)
                .body("asOf", equalTo(dayBefore.toString())).body("total", equalTo(1))
                .body("items[0].id", equalTo((int) added)).body("items[0].status", equalTo("UNKNOWN"));
        assertEquals(0, count("select count(*) from activity_snapshot where as_of = ? and stale", dayBefore));

        // yesterday's snapshot is built in the background, once, and then served
        long deadline = System.currentTimeMillis() + 120_000;
        while (count("select count(*) from activity_snapshot where as_of = ? and not stale", yesterday) == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "yesterday's snapshot was not built in the background");
            Thread.sleep(250);
        }
        viewer().queryParam("q", "bg-new").get("/api/v1/accounts").then().statusCode(200)
                .body("asOf", equalTo(yesterday.toString())).body("total", equalTo(1));
        assertEquals(count("select count(*) from account"), count("select count(*) from activity_snapshot where as_of = ?", yesterday),
                "the background build covers every account");
        long audits = count("select count(*) from audit_entry where action = 'activity.recompute' and detail->>'trigger' = 'background' and detail->>'asOf' = ?",
                yesterday.toString());
        assertEquals(1, audits, "built (and audited) once");
        assertCountsKept();

        // a changed observation marks rows stale (counts unchanged); the refresh moves the account to ACTIVE
        long activeBefore = count("select coalesce(sum(accounts), 0) from activity_snapshot_count where as_of = ? and status = 'ACTIVE'", yesterday);
        investigator().body(Map.of("posts", 4, "images", 1)).put("/api/v1/accounts/" + added + "/observations/" + yesterday)
                .then().statusCode(201);
        assertTrue(count("select count(*) from activity_snapshot where as_of = ? and account_id = ? and stale", yesterday, added) == 1);
        assertCountsKept();
        viewer().queryParam("status", "ACTIVE").get("/api/v1/accounts").then().statusCode(200)
                .body("total", equalTo((int) activeBefore + 1));
        assertCountsKept();

        // a morning import of yesterday's counts for the whole panel leaves every row of yesterday stale (here: marked
        // so directly; the limit is 2): the list answers at once from the day before, and yesterday's rows are
        // refreshed in the background (an account per transaction here), then served
        execute("update activity_snapshot set stale = true where as_of = ?", yesterday);
        viewer().queryParam("q", "bg-new").get("/api/v1/accounts").then().statusCode(200)
                .body("asOf", equalTo(dayBefore.toString())).body("total", equalTo(1));
        deadline = System.currentTimeMillis() + 120_000;
        while (count("select count(*) from activity_snapshot where as_of = ? and stale", yesterday) > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "yesterday's stale rows were not refreshed in the background");
            Thread.sleep(250);
        }
        viewer().queryParam("q", "bg-new").get("/api/v1/accounts").then().statusCode(200)
                .body("asOf", equalTo(yesterday.toString())).body("items[0].status", equalTo("ACTIVE"));
        assertCountsKept();
        execute("delete from activity_snapshot where as_of = ?", dayBefore);
        assertEquals(0, count("select count(*) from activity_snapshot_count where as_of = ? and accounts <> 0", dayBefore));
        assertCountsKept();
    }

    /** The per-day status counts (V18) equal a count of the snapshot's rows, for every day and status. */
    private void assertCountsKept() throws SQLException {
        assertEquals(0, count("""
                select count(*) from (select as_of, status, count(*) as accounts from activity_snapshot group by as_of, status) g
                  full join (select * from activity_snapshot_count where accounts <> 0) c using (as_of, status)
                 where g.accounts is distinct from c.accounts"""), "activity_snapshot_count differs from the snapshot's rows");
    }

    private void execute(String sql, LocalDate day) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, day);
            st.executeUpdate();
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] != null) {
                    st.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
