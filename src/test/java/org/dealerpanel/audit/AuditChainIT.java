package org.dealerpanel.audit;

import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The hash chain over the audit trail (migrations/V9) and GET /api/v1/audit/verify. */
@QuarkusTest
class AuditChainIT {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void verifyReportsARowChangedBehindTheServicesBackAsTheFirstBrokenEntry() throws Exception {
        long account = createAccount("wechat", unique("chain"), List.of());
        investigator().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true))
                .body("firstBroken", nullValue());
        viewer().get("/api/v1/audit/verify").then().statusCode(403);
        admin().get("/api/v1/audit/verify").then().statusCode(200);
        investigator().queryParam("entity", "account:" + account).get("/api/v1/audit").then()
                .body("items[0].hash", matchesPattern("[0-9a-f]{64}")).body("items[0].prevHash", matchesPattern("[0-9a-f]{64}"));
        long entry;
        String actor;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("select id, actor from audit_entry where entity_type = 'account' and entity_id = '"
                    + account + "' order by id limit 1");
            rs.next();
            entry = rs.getLong(1);
            actor = rs.getString(2);
        }
        // a later entry so the tampered one is not the last
        createAccount("wechat", unique("chain"), List.of());
        try {
            rewrite(entry, "mallory");
            investigator().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(false)).body("firstBroken", equalTo((int) entry));
        } finally {
            rewrite(entry, actor);
        }
        investigator().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    /** As the table's owner, with the append-only and chain triggers off for this one transaction. */
    private void rewrite(long id, String actor) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement();
                 PreparedStatement update = c.prepareStatement("update audit_entry set actor = ? where id = ?")) {
                st.execute("alter table audit_entry disable trigger user");
                update.setString(1, actor);
                update.setLong(2, id);
                assertEquals(1, update.executeUpdate());
                st.execute("alter table audit_entry enable trigger user");
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Test
    void theChainStaysValidUnderConcurrentWrites() throws Exception {
        long before = investigator().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true))
                .extract().jsonPath().getLong("entries");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    createAccount("weibo", unique("race"), List.of(unique("race-cohort")));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long after = investigator().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true))
                .extract().jsonPath().getLong("entries");
        assertTrue(after >= before + 160, "80 accounts and 80 cohorts: " + before + " -> " + after);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("select count(*), count(distinct prev_hash), count(distinct hash),"
                    + " bool_and(at >= coalesce(lag_at, at)) from (select prev_hash, hash, at, lag(at) over (order by id) as lag_at"
                    + " from audit_entry) x");
            rs.next();
            assertEquals(rs.getLong(1), rs.getLong(2), "no two entries chain to the same predecessor");
            assertEquals(rs.getLong(1), rs.getLong(3));
            assertTrue(rs.getBoolean(4), "times never go backwards along the chain");
        }
    }
}
