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

    /** A new account observed from {@code day - oldest} to {@code day - newest} days, with the same counts each day. */
    private static long accountObserved(String name, LocalDate day, int newest, int oldest, int posts, int images) {
        long id = createAccount("qq", unique(name), List.of());
        for (int i = newest; i <= oldest; i++) {
            put(id, day.minusDays(i), posts, images);
        }
        return id;
    }

    /** A connection whose transaction has run one statement and stays open: a change still in progress. */
    private Connection openChange(String sql, long id, LocalDate day) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            st.setObject(2, day);
            assertEquals(1, st.executeUpdate());
        }
        return c;
    }

    private static void put(long id, LocalDate day, int posts, int images) {
        investigator().body(Map.of("posts", posts, "images", images)).put("/api/v1/accounts/" + id + "/observations/" + day)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    @Test
    void aChangeMadeWhileTheDayIsBuiltWaitsAndThenMarksTheBuiltRowStale() throws Exception {
        LocalDate day = someDay();
        long id = accountObserved("race-change", day, 1, 30, 2, 1);
        try (Connection build = dataSource.getConnection()) {
            build.setAutoCommit(false);
            ActivityRecompute.run(build, day, rules, json); // written, not committed: the nightly build at work
            // the day's counts arrive meanwhile
            waitsFor(build, () -> put(id, day, 9, 4), "the change waits for the build to commit");
        }
        assertEquals(Boolean.TRUE, stale(day, id), "the row was computed before the change");
        activity(id, day).body("source", equalTo("computed")).body("lastActive", equalTo(day.toString()));
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
            waitsFor(build, () -> investigator().contentType("text/csv").queryParam("source", "race")
                    .body(csv.toString()).post("/api/v1/observations/import").then().statusCode(200)
                    .body("inserted", equalTo(31)), "the import waits for the build to commit before it commits");
        }
        assertEquals(Boolean.TRUE, stale(day, id), "the row was computed before the import");
        activity(id, day).body("source", equalTo("computed")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aBuildStartedWhileAChangeIsOpenWaitsForItAndReadsIt() throws Exception {
        LocalDate day = someDay();
        long id = accountObserved("race-build", day, 1, 30, 0, 0);
        // an import still running
        try (Connection change = openChange("insert into observation (account_id, day, posts, images) values (?, ?, 7, 3)", id, day)) {
            waitsFor(change, () -> admin().queryParam("asOf", day.toString())
                    .post("/api/v1/activity/recompute").then().statusCode(200), "the build waits for the change to commit");
        }
        assertEquals(Boolean.FALSE, stale(day, id));
        assertEquals(day, lastActive(day, id), "the build read the change");
        activity(id, day).body("source", equalTo("snapshot")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aRefreshLeavesTheRowsStaleWhileAChangeIsOpen() throws Exception {
        LocalDate day = someDay();
        long id = accountObserved("race-refresh", day, 0, 30, 1, 0);
        admin().queryParam("asOf", day.toString()).post("/api/v1/activity/recompute").then().statusCode(200);
        put(id, day.minusDays(3), 5, 5); // the row goes stale
        assertEquals(Boolean.TRUE, stale(day, id));
        try (Connection change = openChange("update observation set posts = 6 where account_id = ? and day = ?", id, day.minusDays(2));
             Connection refresh = dataSource.getConnection()) {
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

    /** Runs {@code other} while {@code open}'s transaction is open: it must still be waiting after 0.8 s, then finish once it commits. */
    private void waitsFor(Connection open, Runnable other, String message) throws Exception {
        Future<?> waiting = pool.submit(other);
        Thread.sleep(800);
        assertFalse(waiting.isDone(), message);
        open.commit();
        waiting.get(60, TimeUnit.SECONDS);
    }

    private static io.restassured.response.ValidatableResponse activity(long id, LocalDate day) {
        return viewer().queryParam("asOf", day.toString()).get("/api/v1/accounts/" + id + "/activity").then().statusCode(200);
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
