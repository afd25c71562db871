package org.dealerpanel.observation;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservationImportIT {
    private static final String HEADER = "platform,handle,date,posts,images\n";

    @Inject
    AgroalDataSource dataSource;

    private static ValidatableResponse importCsv(String csv) {
        return investigator().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/observations/import").then();
    }

    @Test
    void importCountsInsertedUpdatedUnchanged() {
        String a = unique("imp");
        String b = unique("imp");
        long idA = createAccount("wechat", a, List.of());
        createAccount("taobao", b, List.of());
        importCsv(HEADER + "wechat," + a + ",2016-01-01,3,10\n" + "wechat," + a + ",2016-01-02,0,0\n"
                + "taobao," + b + ",2016-01-01,7,1\n").statusCode(200)
                .body("rows", equalTo(3)).body("inserted", equalTo(3)).body("updated", equalTo(0)).body("unchanged", equalTo(0))
                .body("sha256", matchesPattern("[0-9a-f]{64}"));
        // same file again changes nothing; one changed value is an update with a revision
        importCsv(HEADER + "wechat," + a + ",2016-01-01,3,10\n" + "wechat," + a + ",2016-01-02,1,0\n"
                + "\"taobao\",\"" + b + "\",2016-01-01,7,1\r\n").statusCode(200)
                .body("rows", equalTo(3)).body("inserted", equalTo(0)).body("updated", equalTo(1)).body("unchanged", equalTo(2));
        viewer().get("/api/v1/accounts/" + idA + "/observations").then().body("posts", contains(3, 1));
        viewer().get("/api/v1/accounts/" + idA + "/observations/2016-01-02/revisions").then()
                .body("$", hasSize(1)).body("[0].posts", equalTo(0));
    }

    @Test
    void badLinesAtStartMiddleAndEndAreAllNamedAndNothingIsWritten() {
        String a = unique("all-or-nothing");
        long id = createAccount("wechat", a, List.of());
        StringBuilder csv = new StringBuilder(HEADER);
        csv.append("wechat,").append(a).append(",2016-02-30,1,1\n");                 // line 2: bad date
        for (int d = 1; d <= 10; d++) {
            csv.append("wechat,").append(a).append(",2016-01-").append(String.format("%02d", d)).append(",1,2\n");
        }                                                                               // lines 3-12 good
        csv.append("wechat,").append(a).append(",2016-02-01,-4,1\n");                  // line 13: negative
        csv.append("wechat,").append(unique("nobody")).append(",2016-02-02,1,1\n");    // line 14: unknown account
        csv.append("wechat,").append(a).append(",2016-01-05,1,2\n");                   // line 15: duplicate of line 7
        csv.append("wechat,").append(a).append(",2016-02-03,2.5,1\n");                 // line 16: not an integer
        csv.append("wechat,").append(a).append(",2016-02-04,2,\n");                    // line 17: images missing
        importCsv(csv.toString()).statusCode(400).contentType("application/problem+json")
                .body("errors.line", contains(2, 13, 14, 15, 16, 17))
                .body("errors[0].message", containsString("date"))
                .body("errors[1].message", containsString("posts"))
                .body("errors[2].message", containsString("unknown account"))
                .body("errors[3].message", containsString("duplicate of line 7"))
                .body("errors[5].message", containsString("images"))
                .body("totalErrors", equalTo(6))
                .body("detail", containsString("nothing was imported"));
        viewer().get("/api/v1/accounts/" + id + "/observations").then().body("$", empty());
    }

    @Test
    void badHeaderEmptyFileAndNonUtf8AreRefused() {
        importCsv("platform,handle,day,posts\nwechat,x,2016-01-01,1\n").statusCode(400)
                .body("errors[0].line", equalTo(1)).body("errors[0].message", containsString("date"));
        importCsv("").statusCode(400).body("errors[0].line", equalTo(1));
        investigator().contentType("text/csv").body(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, 0x00})
                .post("/api/v1/observations/import").then().statusCode(400).contentType("application/problem+json");
        importCsv(HEADER + "wechat,\"unterminated,2016-01-01,1,1\n").statusCode(400).contentType("application/problem+json");
        investigator().contentType("application/json").body("{}").post("/api/v1/observations/import").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void errorListIsCappedButTheTotalIsGiven() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 250; i++) {
            csv.append("wechat,x,not-a-date,1,1\n");
        }
        importCsv(csv.toString()).statusCode(400).body("errors", hasSize(100)).body("totalErrors", equalTo(250))
                .body("errors[99].line", equalTo(101));
    }

    /** A million rows stream through a test JVM whose heap is capped at 512 MB (see the pom). */
    @Test
    void aMillionRowsImportWithinASmallHeap() throws Exception {
        int accounts = 1000;
        int days = 1000;
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            handles.add(unique("million"));
        }
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "insert into account (platform, handle) values ('bulk', ?)")) {
            for (String handle : handles) {
                insert.setString(1, handle);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Path file = Files.createTempFile("million", ".csv");
        LocalDate start = LocalDate.of(2014, 1, 1);
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            writer.write(HEADER);
            for (String handle : handles) {
                for (int d = 0; d < days; d++) {
                    writer.write("bulk," + handle + "," + start.plusDays(d) + "," + (d % 7) + "," + (d % 11) + "\n");
                }
            }
        }
        try {
            investigator().contentType("text/csv").body(file.toFile()).post("/api/v1/observations/import").then()
                    .statusCode(200).body("rows", equalTo(accounts * days)).body("inserted", equalTo(accounts * days));
        } finally {
            Files.deleteIfExists(file);
        }
        try (var connection = dataSource.getConnection(); var count = connection.prepareStatement("""
                select count(*), sum(o.posts) from observation o join account a on a.id = o.account_id
                 where a.platform = 'bulk'""")) {
            var rs = count.executeQuery();
            rs.next();
            assertEquals(accounts * days, rs.getLong(1));
            long postsPerAccount = 0;
            for (int d = 0; d < days; d++) {
                postsPerAccount += d % 7;
            }
            assertEquals(postsPerAccount * accounts, rs.getLong(2));
        }
    }

    /**
     * Days out of order and repeated days, for an account with nothing stored (its in-order rows go straight into
     * observation) and for one with stored days (its unchanged rows are not written again): repeats are named with
     * the line they repeat, days out of order are imported, and collection_state says what the rows say.
     */
    @Test
    void repeatsAndDaysOutOfOrderAreFoundWhetherTheAccountHasStoredDaysOrNot() throws Exception {
        String fresh = unique("order");
        String other = unique("order");
        long freshId = createAccount("wechat", fresh, List.of());
        long otherId = createAccount("wechat", other, List.of());
        importCsv(HEADER + "wechat," + fresh + ",2016-03-03,0,0\n" + "wechat," + other + ",2016-03-01,1,0\n"
                + "wechat," + fresh + ",2016-03-01,2,0\n" + "wechat," + other + ",2016-03-02,0,0\n"
                + "wechat," + fresh + ",2016-03-02,0,0\n" + "wechat," + other + ",2016-03-03,0,0\n")
                .statusCode(200).body("inserted", equalTo(6));
        assertEquals("2016-03-01 2016-03-03 2016-03-01 2", state(freshId));
        assertEquals("2016-03-01 2016-03-03 2016-03-01 2", state(otherId));
        viewer().get("/api/v1/accounts/" + freshId + "/observations").then().body("posts", contains(2, 0, 0));

        // the same account again, with a repeat of an unchanged day: refused, nothing written
        importCsv(HEADER + "wechat," + fresh + ",2016-03-01,2,0\n" + "wechat," + fresh + ",2016-03-02,0,0\n"
                + "wechat," + fresh + ",2016-03-04,5,0\n" + "wechat," + fresh + ",2016-03-01,2,0\n")
                .statusCode(400).body("errors.line", contains(5))
                .body("errors[0].message", containsString("duplicate of line 2"));
        // a new account whose first day comes again, after another account's rows
        String third = unique("order");
        long thirdId = createAccount("wechat", third, List.of());
        importCsv(HEADER + "wechat," + third + ",2016-03-01,1,1\n" + "wechat," + third + ",2016-03-02,1,1\n"
                + "wechat," + other + ",2016-03-03,0,0\n" + "wechat," + third + ",2016-03-01,1,1\n")
                .statusCode(400).body("errors.line", contains(5))
                .body("errors[0].message", containsString("duplicate of line 2"));
        viewer().get("/api/v1/accounts/" + thirdId + "/observations").then().body("$", empty());
        viewer().get("/api/v1/accounts/" + freshId + "/observations").then().body("posts", contains(2, 0, 0));

        // unchanged days are unchanged, a new one after them is new
        importCsv(HEADER + "wechat," + fresh + ",2016-03-01,2,0\n" + "wechat," + fresh + ",2016-03-02,0,0\n"
                + "wechat," + fresh + ",2016-03-03,0,0\n" + "wechat," + fresh + ",2016-03-04,0,3\n")
                .statusCode(200).body("inserted", equalTo(1)).body("unchanged", equalTo(3));
        assertEquals("2016-03-01 2016-03-04 2016-03-04 0", state(freshId));
    }

    /**
     * The nightly file: days after each account's last stored day (they go straight into observation), beside a
     * changed stored day, a day before the stored ones and a repeat of an appended day. What is stored, the counts,
     * collection_state (moved on as the insert trigger would, equal to a recompute from the rows) and the snapshots
     * the new days make stale.
     */
    @Test
    void daysAfterTheStoredOnesAreAppendedAndTheStateMovesOn() throws Exception {
        String a = unique("append");
        String b = unique("append");
        String c = unique("append");
        long aId = createAccount("wechat", a, List.of());
        long bId = createAccount("wechat", b, List.of());
        long cId = createAccount("wechat", c, List.of());
        importCsv(HEADER + "wechat," + a + ",2016-05-01,0,0\n" + "wechat," + a + ",2016-05-02,4,1\n"
                + "wechat," + a + ",2016-05-03,0,0\n" + "wechat," + b + ",2016-05-01,0,0\n"
                + "wechat," + b + ",2016-05-02,0,0\n" + "wechat," + c + ",2016-05-01,1,1\n"
                + "wechat," + c + ",2016-05-02,1,1\n" + "wechat," + c + ",2016-05-03,1,1\n")
                .statusCode(200).body("inserted", equalTo(8));
        try (var connection = dataSource.getConnection(); var snapshot = connection.prepareStatement("""
                insert into activity_snapshot (as_of, account_id, status, status_since, evidence)
                select d, id, 'ACTIVE', date '2016-05-01', '{}' from unnest(?::bigint[]) id,
                       (values (date '2016-05-02'), (date '2016-05-05')) v (d)""")) {
            snapshot.setArray(1, connection.createArrayOf("bigint", new Long[] {aId, bId, cId}));
            snapshot.executeUpdate();
        }

        // a repeat of an appended day is named, and nothing is written
        importCsv(HEADER + "wechat," + a + ",2016-05-04,0,0\n" + "wechat," + a + ",2016-05-05,1,0\n"
                + "wechat," + a + ",2016-05-04,0,0\n")
                .statusCode(400).body("errors.line", contains(4))
                .body("errors[0].message", containsString("duplicate of line 2"));
        viewer().get("/api/v1/accounts/" + aId + "/observations").then().body("$", hasSize(3));

        importCsv(HEADER + "wechat," + a + ",2016-05-04,0,0\n" + "wechat," + b + ",2016-05-03,0,0\n"
                + "wechat," + c + ",2016-05-02,1,1\n" + "wechat," + c + ",2016-05-03,7,1\n"
                + "wechat," + a + ",2016-05-05,3,0\n" + "wechat," + b + ",2016-05-04,0,0\n"
                + "wechat," + c + ",2016-05-04,0,0\n" + "wechat," + a + ",2016-05-06,0,0\n"
                + "wechat," + a + ",2016-04-30,2,2\n")
                .statusCode(200).body("inserted", equalTo(7)).body("updated", equalTo(1))
                .body("unchanged", equalTo(1));
        viewer().get("/api/v1/accounts/" + aId + "/observations").then()
                .body("posts", contains(2, 0, 4, 0, 0, 3, 0));
        viewer().get("/api/v1/accounts/" + cId + "/observations").then().body("posts", contains(1, 1, 7, 0));
        assertEquals("2016-04-30 2016-05-06 2016-05-05 1", state(aId));
        assertEquals("2016-05-01 2016-05-04 - 4", state(bId));
        assertEquals("2016-05-01 2016-05-04 2016-05-03 1", state(cId));
        String[] moved = {state(aId), state(bId), state(cId)};
        try (var connection = dataSource.getConnection(); var recompute = connection.prepareStatement(
                "select collection_state_recompute(?::bigint[])")) {
            recompute.setArray(1, connection.createArrayOf("bigint", new Long[] {aId, bId, cId}));
            recompute.execute();
        }
        assertEquals(List.of(moved), List.of(state(aId), state(bId), state(cId)));
        try (var connection = dataSource.getConnection(); var stale = connection.prepareStatement("""
                select string_agg(a.handle || ' ' || s.as_of || ' ' || s.stale, ', ' order by a.id, s.as_of)
                  from activity_snapshot s join account a on a.id = s.account_id
                 where s.account_id = any (?) and s.as_of in (date '2016-05-02', date '2016-05-05')""")) {
            stale.setArray(1, connection.createArrayOf("bigint", new Long[] {aId, bId, cId}));
            var rs = stale.executeQuery();
            rs.next();
            assertEquals(a + " 2016-05-02 true, " + a + " 2016-05-05 true, " + b + " 2016-05-02 false, " + b
                    + " 2016-05-05 true, " + c + " 2016-05-02 false, " + c + " 2016-05-05 true", rs.getString(1));
        }
    }

    private String state(long accountId) throws Exception {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("""
                select first_observed_on || ' ' || last_observed_on || ' ' || coalesce(last_active_on::text, '-')
                       || ' ' || observed_after_active from collection_state where account_id = ?""")) {
            query.setLong(1, accountId);
            var rs = query.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
