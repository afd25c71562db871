package org.dealerpanel.archive;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dealerpanel.image.TestImages;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the archive. A term added after posts were stored and images were OCR'd is found in them once the
 * re-match finishes (and its matches are gone from current answers but kept in history once it is deactivated);
 * search sees through traditional characters and spaces; a contact id finds the images that show it; the export is
 * exactly the active lexicon; reports say which lexicon version they used.
 */
@QuarkusTest
class ArchiveIT {

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static void upload(long account, byte[] png) {
        investigator().contentType("multipart/form-data").multiPart("file", "ad.png", png, "image/png")
                .post("/api/v1/accounts/" + account + "/images").then().statusCode(202);
    }

    /** Polls the image until its OCR is DONE (bounded), and returns it. */
    static JsonPath awaitOcr(String sha) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            JsonPath image = viewer().get("/api/v1/images/" + sha).then().statusCode(200).extract().jsonPath();
            if (!"QUEUED".equals(image.getString("status")) || System.nanoTime() > deadline) {
                assertEquals("DONE", image.getString("status"), image.prettify());
                return image;
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the re-match is IDLE at lexicon version {@code version} or later, and returns its status. */
    static JsonPath awaitRescan(int version) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            JsonPath s = viewer().get("/api/v1/terms/rescan").then().statusCode(200).extract().jsonPath();
            if ("IDLE".equals(s.getString("state")) && s.getInt("lexiconVersion") >= version) {
                assertEquals(s.getLong("total"), s.getLong("done"), s.prettify());
                return s;
            }
            assertTrue(System.nanoTime() < deadline, "the re-match did not finish: " + s.prettify());
            Thread.sleep(200);
        }
    }

    static List<Map<String, Object>> matchesOf(JsonPath entity, long termId) {
        List<Map<String, Object>> all = entity.getList("matches");
        return all.stream().filter(m -> ((Number) m.get("termId")).longValue() == termId).toList();
    }

    @Test
    void aTermAddedLaterIsFoundInStoredPostsAndImagesAndItsMatchesOutliveItsDeactivationInHistory() throws Exception {
        long account = createAccount("wechat", unique("rematch"), List.of());
        // stored before the term exists: a post and an image (its OCR done)
        long post = investigator().body(Map.of("postedAt", "2016-06-01T09:00:00Z", "text", "今天到货 雪山·宝贝 一件，私聊"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        byte[] ad = TestImages.ad(1001, "精品雪山宝贝 诚信出售", "价格面议 包邮");
        String sha = sha256(ad);
        upload(account, ad);
        JsonPath image = awaitOcr(sha);
        assertTrue(image.getString("text").replaceAll("\\s", "").contains("雪山宝贝"), "OCR read: " + image.getString("text"));
        int before = viewer().get("/api/v1/terms/rescan").then().statusCode(200).extract().jsonPath().getInt("lexiconVersion");

        // the term is added: the lexicon version goes up, and a re-match of every stored text runs
        JsonPath term = investigator().body(Map.of("term", "雪山宝贝", "category", "IVORY", "note", "ArchiveIT code word",
                "source", "ArchiveIT")).post("/api/v1/terms").then().statusCode(201).extract().jsonPath();
        long termId = term.getLong("id");
        JsonPath added = awaitRescan(before + 1);
        int version = added.getInt("lexiconVersion");
        assertTrue(version > before);

        List<Map<String, Object>> inPost = matchesOf(viewer().get("/api/v1/posts/" + post).then().statusCode(200)
                .extract().jsonPath(), termId);
        assertEquals(1, inPost.size(), "the stored post now matches the new term");
        assertEquals("雪山·宝贝", "今天到货 雪山·宝贝 一件，私聊".substring((Integer) inPost.get(0).get("start"),
                (Integer) inPost.get(0).get("end")));
        assertTrue(((Number) inPost.get(0).get("lexiconVersion")).intValue() > before);
        List<Map<String, Object>> inImage = matchesOf(viewer().get("/api/v1/images/" + sha).then().statusCode(200)
                .extract().jsonPath(), termId);
        assertFalse(inImage.isEmpty(), "the OCR'd image now matches the new term (no new OCR)");
        assertNotNull(inImage.get(0).get("engine"), "the engine of the line is kept");
        // matches the term had before stay as they were: the seed term 象牙 of other texts is untouched, and only one
        // hit per place (the re-match compares, it does not duplicate)
        JsonPath hits = viewer().get("/api/v1/terms/" + termId + "/matches").then().statusCode(200).extract().jsonPath();
        assertEquals(2, hits.getInt("total"), hits.prettify());
        assertEquals(Set.of("POST", "IMAGE"), new HashSet<>(hits.getList("items.kind")));

        // deactivated: gone from current answers, kept in the history with the versions of its life
        investigator().delete("/api/v1/terms/" + termId).then().statusCode(200);
        JsonPath removed = awaitRescan(version + 1);
        int version2 = removed.getInt("lexiconVersion");
        assertTrue(matchesOf(viewer().get("/api/v1/posts/" + post).then().extract().jsonPath(), termId).isEmpty());
        assertTrue(matchesOf(viewer().get("/api/v1/images/" + sha).then().extract().jsonPath(), termId).isEmpty());
        viewer().get("/api/v1/terms/" + termId + "/matches").then().statusCode(200).body("total", equalTo(0));
        JsonPath history = viewer().queryParam("history", "true").get("/api/v1/terms/" + termId + "/matches").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, history.getInt("total"), history.prettify());
        for (int i = 0; i < 2; i++) {
            assertTrue(history.getInt("items[" + i + "].foundInVersion") > before);
            assertTrue(history.getInt("items[" + i + "].supersededInVersion") > history.getInt("items[" + i + "].foundInVersion"));
            assertTrue(history.getInt("items[" + i + "].supersededInVersion") <= version2);
            assertNotNull(history.getString("items[" + i + "].supersededAt"));
        }
        // the texts are still found by a search (the archive keeps everything)
        JsonPath found = viewer().queryParam("q", "雪山宝贝").queryParam("accountId", account).get("/api/v1/search").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, found.getInt("total"), found.prettify());
    }

    @Test
    void searchInTraditionalCharactersWithASpaceFindsASimplifiedPostAndHighlightsItInTheSnippet() {
        long account = createAccount("weibo", unique("search-zh"), List.of());
        long other = createAccount("weibo", unique("search-zh"), List.of());
        String marker = unique("m").replaceAll("\\D", "");
        String text = "第" + marker + "批：新到一批象牙手镯，品相完美，价格私聊 <script>alert(1)</script>";
        long post = investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        investigator().body(Map.of("postedAt", "2016-03-02T08:00:00Z", "text", "第" + marker + "批：只有手镯，没有别的"))
                .post("/api/v1/accounts/" + other + "/posts").then().statusCode(201);

        // traditional 鐲, a space inside the word, full-width digits of the marker: all the same search
        String fullWidthMarker = marker.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).collect(Collectors.joining());
        for (String q : List.of("象牙 手鐲", "象🐘牙手镯", fullWidthMarker + "批：新到")) {
            JsonPath r = viewer().queryParam("q", q).queryParam("accountId", account).get("/api/v1/search").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(1, r.getInt("total"), q + ": " + r.prettify());
            assertEquals("POST", r.getString("items[0].kind"));
            assertEquals(post, r.getLong("items[0].postId"));
            assertEquals(List.of((int) account), r.getList("items[0].accountIds"));
            assertEquals("2016-03-01", r.getString("items[0].date"));
            String snippet = r.getString("items[0].snippet");
            int start = r.getInt("items[0].highlights[0].start");
            int end = r.getInt("items[0].highlights[0].end");
            String hit = snippet.substring(start, end);
            assertTrue(hit.equals("象牙手镯") || hit.equals(marker + "批：新到"), q + " -> highlighted '" + hit + "' in " + snippet);
            assertTrue(snippet.contains("<script>"), "the snippet is the original text (escaped by whoever shows it)");
        }
        // the marker alone finds both posts, newest day first; filters narrow it
        JsonPath both = viewer().queryParam("q", marker).get("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertEquals(2, both.getInt("total"), both.prettify());
        assertEquals("2016-03-02", both.getString("items[0].date"));
        assertTrue(both.getBoolean("totalExact"));
        viewer().queryParam("q", marker).queryParam("from", "2016-03-02").get("/api/v1/search").then().statusCode(200)
                .body("total", equalTo(1));
        viewer().queryParam("q", marker).queryParam("kind", "IMAGE").get("/api/v1/search").then().statusCode(200)
                .body("total", equalTo(0));
        viewer().queryParam("q", marker).queryParam("platform", "weibo").queryParam("size", "1").get("/api/v1/search").then()
                .statusCode(200).body("total", equalTo(2)).body("items.size()", equalTo(1));
        // a query must have two letters or digits (or be a contact id); bad filters are 400s that name them
        viewer().queryParam("q", "象").get("/api/v1/search").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
        viewer().queryParam("q", " !! ").get("/api/v1/search").then().statusCode(400).body("errors[0].field", equalTo("q"));
        viewer().get("/api/v1/search").then().statusCode(400).body("errors[0].field", equalTo("q"));
        viewer().queryParam("q", "象牙").queryParam("kind", "VIDEO").get("/api/v1/search").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        viewer().queryParam("q", "象牙").queryParam("from", "2016-13-01").get("/api/v1/search").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        viewer().queryParam("q", "象牙").queryParam("accountId", "abc").get("/api/v1/search").then().statusCode(400)
                .body("errors[0].field", equalTo("accountId"));
        viewer().queryParam("q", "象牙").queryParam("cohort", unique("no-such-cohort")).get("/api/v1/search").then()
                .statusCode(404);
        Api401.anonymousSearchIsRefused();
    }

    @Test
    void aContactIdFindsTheImagesThatShowIt() throws Exception {
        long first = createAccount("wechat", unique("contact"), List.of());
        long second = createAccount("qq", unique("contact"), List.of());
        byte[] ad = TestImages.ad(1002, "老料手串 清仓", "微信: xueshan_8866");
        String sha = sha256(ad);
        upload(first, ad);
        upload(second, ad);
        JsonPath image = awaitOcr(sha);
        List<Map<String, String>> contacts = image.getList("contacts");
        assertTrue(contacts.contains(Map.of("kind", "wechat", "value", "xueshan_8866")), contacts.toString());

        for (String q : List.of("xueshan_8866", "微信：XueShan_8866", "ｘｕｅｓｈａｎ＿８８６６")) {
            JsonPath r = viewer().queryParam("q", q).get("/api/v1/search").then().statusCode(200).extract().jsonPath();
            assertTrue(r.getList("contacts").contains(Map.of("kind", "wechat", "value", "xueshan_8866")), r.prettify());
            List<String> shas = r.getList("items.sha256");
            assertTrue(shas.contains(sha), q + ": " + r.prettify());
            int i = shas.indexOf(sha);
            assertEquals("IMAGE", r.getString("items[" + i + "].kind"));
            assertNull(r.get("items[" + i + "].postId"));
            assertEquals(Set.of((int) first, (int) second), new HashSet<>(r.getList("items[" + i + "].accountIds")));
            String snippet = r.getString("items[" + i + "].snippet");
            List<Map<String, Integer>> highlights = r.getList("items[" + i + "].highlights");
            assertTrue(highlights.stream().anyMatch(h -> snippet.substring(h.get("start"), h.get("end")).toLowerCase().contains("xueshan")),
                    snippet + " " + highlights);
        }
        // only that account's images, only images
        viewer().queryParam("q", "xueshan_8866").queryParam("accountId", second).queryParam("kind", "IMAGE")
                .get("/api/v1/search").then().statusCode(200).body("items.sha256", hasItem(sha));
        viewer().queryParam("q", "xueshan_8866").queryParam("kind", "POST").get("/api/v1/search").then().statusCode(200)
                .body("items.sha256", not(hasItem(sha)));
    }

    @Test
    void theExportListsExactlyTheActiveTermsWithTheLexiconVersion() throws Exception {
        JsonPath dropped = investigator().body(Map.of("term", "出口测试" + unique("x").replaceAll("\\D", ""), "category", "OTHER",
                "note", "to be deactivated", "source", "ArchiveIT")).post("/api/v1/terms").then().statusCode(201).extract().jsonPath();
        investigator().delete("/api/v1/terms/" + dropped.getLong("id")).then().statusCode(200);
        String kept = "出口保留" + unique("x").replaceAll("\\D", "");
        investigator().body(Map.of("term", kept, "category", "WHALE", "note", "a note, with a comma \"and quotes\"",
                "source", "ArchiveIT")).post("/api/v1/terms").then().statusCode(201);

        List<Map<String, Object>> active = viewer().get("/api/v1/terms").then().statusCode(200).extract().jsonPath().getList("$");
        Set<String> activeKeys = active.stream().map(t -> t.get("term") + "|" + t.get("category")).collect(Collectors.toSet());
        Response json = viewer().get("/api/v1/terms/export");
        json.then().statusCode(200).contentType("application/json");
        JsonPath export = json.jsonPath();
        List<Map<String, Object>> exported = export.getList("terms");
        assertEquals(active.size(), exported.size());
        assertEquals(activeKeys, exported.stream().map(t -> t.get("term") + "|" + t.get("category")).collect(Collectors.toSet()));
        assertFalse(exported.stream().anyMatch(t -> t.get("term").equals(dropped.getString("term"))));
        int version = export.getInt("lexiconVersion");
        assertEquals(String.valueOf(version), json.header("X-Lexicon-Version"));
        assertTrue(version >= viewer().get("/api/v1/terms/rescan").then().extract().jsonPath().getInt("lexiconVersion"));
        Map<String, Object> k = exported.stream().filter(t -> t.get("term").equals(kept)).findFirst().orElseThrow();
        assertEquals("WHALE", k.get("category"));
        assertNotNull(k.get("addedOn"));
        assertEquals("ArchiveIT", k.get("source"));

        Response csv = viewer().accept("text/csv").get("/api/v1/terms/export");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv"));
        String body = csv.asString();
        List<String> lines = body.lines().toList();
        assertEquals("term,category,note,addedOn,source,lexiconVersion", lines.get(0));
        assertTrue(body.contains(kept + ",WHALE,\"a note, with a comma \"\"and quotes\"\"\","), body);
        assertFalse(body.contains(dropped.getString("term")));
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(body))) {
            List<org.apache.commons.csv.CSVRecord> records = parser.getRecords();
            assertEquals(active.size(), records.size());
            assertEquals(activeKeys, records.stream().map(r -> r.get("term") + "|" + r.get("category")).collect(Collectors.toSet()));
            assertTrue(records.stream().allMatch(r -> r.get("lexiconVersion").equals(String.valueOf(version))));
        }

        // reports that count matches say which lexicon version they used
        awaitRescan(version);
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").get("/api/v1/reports/category-shares").then()
                .statusCode(200).body("lexiconVersion", equalTo(version)).body("lexiconRematchRunning", equalTo(false));
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").get("/api/v1/reports/monthly-trend").then()
                .statusCode(200).body("lexiconVersion", equalTo(version));
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").get("/api/v1/reports/concentration").then()
                .statusCode(200).body("lexiconVersion", equalTo(version));
    }

    /** Anonymous calls get the API's 401. */
    static final class Api401 {
        static void anonymousSearchIsRefused() {
            org.dealerpanel.Api.anonymous().queryParam("q", "象牙").get("/api/v1/search").then().statusCode(401);
            org.dealerpanel.Api.anonymous().get("/api/v1/terms/export").then().statusCode(401);
            org.dealerpanel.Api.anonymous().get("/api/v1/terms/rescan").then().statusCode(401);
        }
    }
}
