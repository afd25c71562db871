package org.dealerpanel.activity;

import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dealerpanel.activity.service.ActivityRecompute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A snapshot being built and a change to the data it is built from (V21): the change is never lost under rows
 * computed before it. Each test holds one side open on a connection of its own, as a long import or the nightly build
 * would, and shows that the other side waits for it and then sees it.
 */
@QuarkusTest
class SnapshotRaceIT {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ActivityRules rules;
    @Inject
    ObjectMapper json;

    private ExecutorService pool;

    @BeforeEach
    void start() {
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A day of its own for each test: the snapshot of a day covers the whole panel. */
    private static LocalDate someDay() {
        return LocalDate.of(2004, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
    }

    private static void put(long id, LocalDate day, int posts, int images) {
        investigator().body(Map.of("posts", posts, "images", images)).put("/api/v1/accounts/" + id + "/observations/" + day)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    @Test
    void aChangeMadeWhileTheDayIsBuiltWaitsAndThenMarksTheBuiltRowStale() throws Exception {
        long id = createAccount("qq", unique("race-change"), List.of());
        LocalDate day = someDay();
        for (int i = 1; i <= 30; i++) {
            put(id, day.minusDays(i), 2, 1);
        }
        try (Connection build = dataSource.getConnection()) {
            build.setAutoCommit(false);
            ActivityRecompute.run(build, day, rules, json); // written, not committed: the nightly build at work
            Future<?> change = pool.submit(() -> put(id, day, 9, 4)); // the day's counts arrive meanwhile
            Thread.sleep(800);
            assertFalse(change.isDone(), "the change waits for the build to commit");
            build.commit();
            change.get(30, TimeUnit.SECONDS);
        }
        assertEquals(Boolean.TRUE, stale(day, id), "the row was computed before the change");
        viewer().queryParam("asOf", day.toString()).get("/api/v1/accounts/" + id + "/activity").then().statusCode(200)
                .body("source", equalTo("computed")).body("lastActive", equalTo(day.toString()));
    }

    @Test
    void anImportOfANewAccountsDaysMadeWhileTheDayIsBuiltWaitsAndThenMarksTheBuiltRowStale() throws Exception {
        // an account with no observation yet: its rows go by COPY with observation's triggers off (ImportWriter)
        String handle = unique("race-import");
        long id = createAccount("weibo", handle, List.of());
        LocalDate day = someDay();
        StringBuilder csv = new StringBuilder("platform,handle,date,posts,images\n");
        for (int i = 30; i >= 0; i--) {
            csv.append("weibo,").append(handle).append(',').append(day.minusDays(i)).append(",3,1\n");
        }
        try (Connection build = dataSource.getConnection()) {
            build.setAutoCommit(false);
            ActivityRecompute.run(build, day, rules, json);
            Future<?> imported = pool.submit(() -> investigator().contentType("text/csv").queryParam("source", "race")
                    .body(csv.toString()).post("/api/v1/observations/import").then().statusCode(200)
                    .body("inserted", equalTo(31)));
            Thread.sleep(800);
            assertFalse(imported.isDone(), "the import waits for the build to commit before it commits");
            build.commit();
            imported.get(30, TimeUnit.SECONDS);
        }
        assertEquals(Boolean.TRUE, stale(day, id), "the row was computed before the import");
        viewer().queryParam("asOf", day.toString()).get("/api/v1/accounts/" + id + "/activity").then().statusCode(200)
                .body("source", equalTo("computed")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aBuildStartedWhileAChangeIsOpenWaitsForItAndReadsIt() throws Exception {
        long id = createAccount("qq", unique("race-build"), List.of());
        LocalDate day = someDay();
        for (int i = 1; i <= 30; i++) {
            put(id, day.minusDays(i), 0, 0);
        }
        try (Connection change = dataSource.getConnection()) {
            change.setAutoCommit(false);
            try (PreparedStatement st = change.prepareStatement(
                    "insert into observation (account_id, day, posts, images) values (?, ?, 7, 3)")) {
                st.setLong(1, id);
                st.setObject(2, day);
                st.executeUpdate(); // an import still running
            }
            Future<?> build = pool.submit(() -> admin().queryParam("asOf", day.toString())
                    .post("/api/v1/activity/recompute").then().statusCode(200));
            Thread.sleep(800);
            assertFalse(build.isDone(), "the build waits for the change to commit");
            change.commit();
            build.get(60, TimeUnit.SECONDS);
        }
        assertEquals(Boolean.FALSE, stale(day, id));
        assertEquals(day, lastActive(day, id), "the build read the change");
        viewer().queryParam("asOf", day.toString()).get("/api/v1/accounts/" + id + "/activity").then().statusCode(200)
                .body("source", equalTo("snapshot")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aRefreshLeavesTheRowsStaleWhileAChangeIsOpen() throws Exception {
        long id = createAccount("qq", unique("race-refresh"), List.of());
        LocalDate day = someDay();
        for (int i = 0; i <= 30; i++) {
            put(id, day.minusDays(i), 1, 0);
        }
        admin().queryParam("asOf", day.toString()).post("/api/v1/activity/recompute").then().statusCode(200);
        put(id, day.minusDays(3), 5, 5); // the row goes stale
        assertEquals(Boolean.TRUE, stale(day, id));
        try (Connection change = dataSource.getConnection(); Connection refresh = dataSource.getConnection()) {
            change.setAutoCommit(false);
            try (PreparedStatement st = change.prepareStatement(
                    "update observation set posts = 6 where account_id = ? and day = ?")) {
                st.setLong(1, id);
                st.setObject(2, day.minusDays(2));
                assertEquals(1, st.executeUpdate());
            }
            refresh.setAutoCommit(false);
            assertEquals(0, ActivityRecompute.refresh(refresh, day, rules, json), "nothing refreshed while the change is open");
            refresh.commit();
            assertEquals(Boolean.TRUE, stale(day, id));
            change.commit();
            assertTrue(ActivityRecompute.refresh(refresh, day, rules, json) >= 1);
            refresh.commit();
        }
        assertEquals(Boolean.FALSE, stale(day, id));
    }

    private Boolean stale(LocalDate day, long id) throws SQLException {
        return (Boolean) row(day, id, "stale");
    }

    private LocalDate lastActive(LocalDate day, long id) throws SQLException {
        Object v = row(day, id, "last_active");
        return v == null ? null : ((java.sql.Date) v).toLocalDate();
    }

    private Object row(LocalDate day, long id, String column) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "select " + column + " from activity_snapshot where as_of = ? and account_id = ?")) {
            st.setObject(1, day);
            st.setLong(2, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
