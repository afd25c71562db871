package org.dealerpanel.observation;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dealerpanel.Api;
import org.junit.jupiter.api.Test;

/**
 * The import at scale: provenance per batch, a large generated file streamed through, all or nothing with the error on
 * the last line, the import's record while it runs and after, a client that goes away, a file over the limit.
 */
@QuarkusTest
class ObservationImportRunIT {
    private static final String HEADER = GeneratedCsv.HEADER;
    private static final LocalDate START = LocalDate.of(2013, 1, 1);

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void provenanceIsKeptOncePerWriteAndRevisionsStillSayWhoWhenAndFromWhere() throws SQLException {
        String h = unique("batch");
        long id = createAccount("wechat", h, List.of());
        String day1 = "/api/v1/accounts/" + id + "/observations/2016-03-01";
        String putAt = investigator().body(Map.of("posts", 2, "images", 5, "source", "manual count")).put(day1)
                .then().statusCode(201).body("source", equalTo("manual count")).body("recordedBy", equalTo("ivan"))
                .extract().path("recordedAt");
        var imported = investigator().contentType("text/csv").queryParam("source", "export 2016-03")
                .body(HEADER + "wechat," + h + ",2016-03-01,3,5\nwechat," + h + ",2016-03-02,1,0\n")
                .post("/api/v1/observations/import").then().statusCode(200)
                .body("rows", equalTo(2)).body("inserted", equalTo(1)).body("updated", equalTo(1))
                .body("unchanged", equalTo(0)).extract();
        long importId = ((Number) imported.path("importId")).longValue();
        assertEquals(String.valueOf(importId), imported.header("X-Import-Id"));

        // both rows of the import show its provenance: one batch, one time
        JsonPath obs = viewer().get("/api/v1/accounts/" + id + "/observations").then().statusCode(200)
                .body("posts", contains(3, 1)).body("source", contains("export 2016-03", "export 2016-03"))
                .body("recordedBy", contains("ivan", "ivan")).extract().jsonPath();
        String importAt = obs.getString("[0].recordedAt");
        assertEquals(importAt, obs.getString("[1].recordedAt"));
        assertTrue(importAt.compareTo(putAt) > 0, importAt + " after " + putAt);
        // the PUT's value is a revision with the PUT's provenance, superseded by the import
        viewer().get(day1 + "/revisions").then().statusCode(200).body("$", hasSize(1))
                .body("[0].posts", equalTo(2)).body("[0].images", equalTo(5))
                .body("[0].source", equalTo("manual count")).body("[0].recordedBy", equalTo("ivan"))
                .body("[0].recordedAt", equalTo(putAt))
                .body("[0].supersededBy", equalTo("ivan")).body("[0].supersededAt", equalTo(importAt));
        // a PUT without a source keeps the source the value had; the import's value becomes the second revision
        investigator().body(Map.of("posts", 4, "images", 5)).put(day1).then().statusCode(200)
                .body("source", equalTo("export 2016-03")).body("posts", equalTo(4));
        viewer().get(day1 + "/revisions").then().statusCode(200).body("$", hasSize(2))
                .body("[1].posts", equalTo(3)).body("[1].source", equalTo("export 2016-03"))
                .body("[1].recordedAt", equalTo(importAt));
        // the same counts again change nothing: no revision, no new batch
        investigator().body(Map.of("posts", 4, "images", 5)).put(day1).then().statusCode(200);
        viewer().get(day1 + "/revisions").then().body("$", hasSize(2));

        try (Connection c = dataSource.getConnection()) {
            // the import is one batch naming its record; rows carry a 4-byte batch id and no text
            try (PreparedStatement st = c.prepareStatement("""
                    select b.kind, b.source, b.recorded_by, b.import_id, b.row_count from observation o
                      join observation_batch b on b.id = o.batch_id where o.account_id = ? and o.day = '2016-03-02'""")) {
                st.setLong(1, id);
                ResultSet rs = st.executeQuery();
                assertTrue(rs.next());
                assertEquals("IMPORT", rs.getString(1));
                assertEquals("export 2016-03", rs.getString(2));
                assertEquals("ivan", rs.getString(3));
                assertEquals(importId, rs.getLong(4));
                assertEquals(2, rs.getLong(5));
            }
            try (PreparedStatement st = c.prepareStatement("""
                    select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns
                     where table_schema = current_schema() and table_name = ?""")) {
                st.setString(1, "observation");
                ResultSet rs = st.executeQuery();
                rs.next();
                assertEquals("account_id,day,posts,images,batch_id", rs.getString(1));
            }
        }
    }

    @Test
    void aGeneratedFileOf300000RowsStreamsThroughAndAgainChangesOnlyWhatChanged() throws Exception {
        List<String> handles = accounts("stream", 300);
        int days = 1000;
        String label = unique("stream-300k");
        GeneratedCsv csv = new GeneratedCsv("stream", handles, days, START, null);
        HttpResponse<String> first = post(csv, label);
        assertEquals(200, first.statusCode(), first.body());
        JsonPath result = JsonPath.from(first.body());
        assertEquals(300_000, result.getInt("rows"));
        assertEquals(300_000, result.getInt("inserted"));
        assertEquals(0, result.getInt("updated"));
        assertEquals(0, result.getInt("unchanged"));
        long importId = result.getLong("importId");
        assertEquals(String.valueOf(importId), first.headers().firstValue("X-Import-Id").orElseThrow());
        long[] stored = stored("stream", handles);
        assertEquals(300_000, stored[0]);
        assertEquals(expectedPosts(handles.size(), days, 0), stored[1]);
        // the record: every row and every byte of the (chunked, unannounced) body counted
        viewer().get("/api/v1/observations/imports/" + importId).then().statusCode(200)
                .body("state", equalTo("IMPORTED")).body("phase", equalTo("FINISHED"))
                .body("rowsRead", equalTo(300_000)).body("bytesRead", equalTo((int) csv.bytes()))
                .body("contentLength", equalTo(null)).body("rows", equalTo(300_000)).body("inserted", equalTo(300_000))
                .body("source", equalTo(label)).body("startedBy", equalTo("ivan")).body("percent", equalTo(100));

        // the same file again: nothing changes; then with every 1000th row one post more: exactly those change
        HttpResponse<String> again = post(new GeneratedCsv("stream", handles, days, START, null), label);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(300_000, JsonPath.from(again.body()).getInt("unchanged"));
        assertEquals(0, JsonPath.from(again.body()).getInt("inserted"));
        HttpResponse<String> changed = post(new GeneratedCsv("stream", handles, days, START, null).changeEvery(1000), label);
        assertEquals(200, changed.statusCode(), changed.body());
        JsonPath c = JsonPath.from(changed.body());
        assertEquals(300, c.getInt("updated"));
        assertEquals(299_700, c.getInt("unchanged"));
        assertEquals(0, c.getInt("inserted"));
        stored = stored("stream", handles);
        assertEquals(300_000, stored[0]);
        assertEquals(expectedPosts(handles.size(), days, 0) + 300, stored[1]);
        assertEquals(300, count("""
                select count(*) from observation_revision r join account a on a.id = r.account_id
                 where a.platform = 'stream' and a.handle = any(?)""", handles));
    }

    @Test
    void aBadLastLineOfABigFileWritesNothing() throws Exception {
        List<String> handles = accounts("lastline", 200);
        int days = 1000;
        String unknown = unique("nobody");
        String label = unique("last-line");
        // 200 000 good rows, then an unknown account on line 200 002
        HttpResponse<String> refused = post(new GeneratedCsv("lastline", handles, days, START,
                "lastline," + unknown + ",2016-01-01,1,1\n"), label);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonPath p = JsonPath.from(refused.body());
        assertEquals(List.of(200_002), p.getList("errors.line"));
        assertTrue(p.getString("errors[0].message").contains("unknown account lastline/" + unknown), p.getString("errors[0].message"));
        assertEquals(1, p.getInt("totalErrors"));
        assertTrue(p.getString("detail").contains("nothing was imported"));
        String instance = p.getString("instance");
        assertTrue(instance.startsWith("/api/v1/observations/imports/"), instance);
        assertEquals(0, stored("lastline", handles)[0], "nothing written");
        viewer().get(instance).then().statusCode(200).body("state", equalTo("REFUSED")).body("status", equalTo(400))
                .body("rowsRead", equalTo(200_001)).body("inserted", equalTo(null));

        // the same with a duplicate of line 2 at the end (the days of that account are no longer ascending)
        HttpResponse<String> duplicate = post(new GeneratedCsv("lastline", handles, days, START,
                "lastline," + handles.get(0) + "," + START + ",6,6\n"), label);
        assertEquals(400, duplicate.statusCode(), duplicate.body());
        JsonPath d = JsonPath.from(duplicate.body());
        assertEquals(List.of(200_002), d.getList("errors.line"));
        assertTrue(d.getString("errors[0].message").contains("duplicate of line 2"), d.getString("errors[0].message"));
        assertEquals(0, stored("lastline", handles)[0], "nothing written");
    }

    @Test
    void theImportRecordShowsTheRowsReadGrowWhileItRunsAndItsOutcomeAfterwards() throws Exception {
        List<String> handles = accounts("progress", 50);
        String label = unique("progress");
        // 50 000 rows, a pause of 150 ms after every 2 000: the upload takes about 4 s
        GeneratedCsv csv = new GeneratedCsv("progress", handles, 1000, START, null).slow(2000, 150);
        CompletableFuture<HttpResponse<String>> sent = postAsync(csv, label);
        List<Long> seen = new ArrayList<>();
        Long id = null;
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!sent.isDone() && System.nanoTime() < until) {
            JsonPath running = viewer().get("/api/v1/observations/imports?running=true").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> runs = running.getList("findAll { it.source == '" + label + "' }");
            if (!runs.isEmpty()) {
                Map<String, Object> run = runs.get(0);
                assertEquals("RUNNING", run.get("state"));
                id = ((Number) run.get("id")).longValue();
                long rows = ((Number) run.get("rowsRead")).longValue();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != rows) {
                    seen.add(rows);
                }
            }
            Thread.sleep(100);
        }
        HttpResponse<String> done = sent.get();
        assertEquals(200, done.statusCode(), done.body());
        assertNotNull(id, "the running import was listed");
        assertEquals(id, JsonPath.from(done.body()).getLong("importId"));
        List<Long> partial = seen.stream().filter(r -> r > 0 && r < 50_000).toList();
        assertTrue(partial.size() >= 2, "rows read seen growing while it ran: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "rows read only grows: " + seen);
        }
        viewer().get("/api/v1/observations/imports/" + id).then().statusCode(200)
                .body("state", equalTo("IMPORTED")).body("phase", equalTo("FINISHED")).body("status", equalTo(200))
                .body("rowsRead", equalTo(50_000)).body("rows", equalTo(50_000)).body("inserted", equalTo(50_000))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        // no longer running; listed among the latest
        viewer().get("/api/v1/observations/imports?running=true").then().statusCode(200)
                .body("findAll { it.id == " + id + " }", hasSize(0));
        viewer().get("/api/v1/observations/imports").then().statusCode(200)
                .body("find { it.id == " + id + " }.state", equalTo("IMPORTED"));
        viewer().get("/api/v1/observations/imports/999999999").then().statusCode(404);
        Api.anonymous().get("/api/v1/observations/imports").then().statusCode(401);
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesNothingWrittenAndTheRecordSaysSo() throws Exception {
        List<String> handles = accounts("gone", 20);
        String label = unique("gone");
        byte[] body = new GeneratedCsv("gone", handles, 1000, START, null).readAllBytes();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(label, body.length).getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            // the import is under way (half of the rows read) when the client disappears
            waitFor(() -> run(label) != null && ((Number) run(label).get("rowsRead")).longValue() > 1000, "import started");
        }
        waitFor(() -> run(label) != null && !"RUNNING".equals(run(label).get("state")), "import ended");
        Map<String, Object> run = run(label);
        assertEquals("ABORTED", run.get("state"));
        assertEquals(400, ((Number) run.get("status")).intValue());
        assertTrue(String.valueOf(run.get("detail")).contains("stopped before the end"), String.valueOf(run.get("detail")));
        assertNull(run.get("inserted"));
        assertEquals(0, stored("gone", handles)[0], "nothing written");
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        String label = unique("huge");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(label, 500L * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
            out.write((HEADER + "huge,x,2016-01-01,1,1\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("tracker.import.max-bytes"), answer);
        }
        assertNull(run(label), "refused before the import started");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private List<String> accounts(String platform, int n) throws SQLException {
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(unique(platform));
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("insert into account (platform, handle) values (?, ?)")) {
            for (String h : handles) {
                st.setString(1, platform);
                st.setString(2, h);
                st.addBatch();
            }
            st.executeBatch();
        }
        return handles;
    }

    /** Rows and the sum of posts stored for the accounts. */
    private long[] stored(String platform, List<String> handles) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                select count(*), coalesce(sum(o.posts), 0) from observation o join account a on a.id = o.account_id
                 where a.platform = ? and a.handle = any(?)""")) {
            st.setString(1, platform);
            st.setArray(2, c.createArrayOf("text", handles.toArray()));
            ResultSet rs = st.executeQuery();
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private long count(String sql, List<String> handles) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", handles.toArray()));
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long expectedPosts(int accounts, int days, int extra) {
        long sum = 0;
        for (int a = 0; a < accounts; a++) {
            for (int d = 0; d < days; d++) {
                sum += GeneratedCsv.posts(a, d);
            }
        }
        return sum + extra;
    }

    private Map<String, Object> run(String label) {
        List<Map<String, Object>> runs = viewer().get("/api/v1/observations/imports?limit=200").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.source == '" + label + "' }");
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String authorization() {
        Api.investigator(); // the test users exist
        return "Basic " + Base64.getEncoder().encodeToString(("ivan:" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Streams the generated file (chunked: no Content-Length), as a client with a large export would. */
    private HttpResponse<String> post(InputStream csv, String label) throws Exception {
        return postAsync(csv, label).get();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(InputStream csv, String label) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/observations/import?source=" + label))
                .header("Authorization", authorization()).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private String requestHead(String label, long length) {
        return "POST /api/v1/observations/import?source=" + label + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: " + authorization() + "\r\n"
                + "Content-Type: text/csv\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /** The status line, headers and body of an answer (read until the server closes or the body is complete). */
    private static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                String text = out.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0) {
                    java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                            .matcher(text.substring(0, end));
                    if (length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1))) {
                        break;
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // the server may close the connection right after answering
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
