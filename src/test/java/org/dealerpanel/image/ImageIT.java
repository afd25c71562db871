package org.dealerpanel.image;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.dealerpanel.image.queue.OcrEngine;
import org.dealerpanel.image.queue.OcrOutcome;
import org.dealerpanel.image.queue.OcrQueue;
import org.dealerpanel.image.service.ImageStore;
import org.junit.jupiter.api.Test;

/** Image intake against the running app, and OCR by the real engines (Tesseract via Tess4J, PP-OCR) through the queue. */
@QuarkusTest
class ImageIT {
    static final String DEAD_NODE = "dead-host/4242/deadbeef";

    @Inject
    ImageStore store;
    @Inject
    EntityManager em;
    @Inject
    OcrQueue queue;
    @Inject
    OcrEngine engine;

    static ValidatableResponse upload(long account, String name, byte[] bytes, String... fields) {
        var request = investigator().contentType("multipart/form-data").multiPart("file", name, bytes, "image/png");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.multiPart(fields[i], fields[i + 1]);
        }
        return request.post("/api/v1/accounts/" + account + "/images").then();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    long storedFiles() throws IOException {
        if (!Files.isDirectory(store.root())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(store.root())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    long imageRows() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from image").getSingleResult()).longValue());
    }

    /** Polls the image until it leaves QUEUED (bounded). */
    static JsonPath awaitOcr(String sha, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            JsonPath image = viewer().get("/api/v1/images/" + sha).then().statusCode(200).extract().jsonPath();
            if (!"QUEUED".equals(image.getString("status")) || System.nanoTime() > deadline) {
                return image;
            }
            Thread.sleep(500);
        }
    }

    void assertRefused(long account, String name, byte[] bytes, int status, String detailPart) throws Exception {
        long files = storedFiles();
        long rows = imageRows();
        upload(account, name, bytes).statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", org.hamcrest.Matchers.containsString(detailPart));
        assertEquals(files, storedFiles(), name + ": nothing stored under the data dir");
        assertEquals(rows, imageRows(), name + ": no image row");
        viewer().get("/api/v1/images/" + sha256(bytes)).then().statusCode(404);
        assertFalse(Files.exists(store.path(sha256(bytes))));
    }

    @Test
    void refusedUploadsStoreNothing() throws Exception {
        long account = createAccount("weibo", unique("refused"), List.of());
        byte[] png = TestImages.ad(11, "象牙 测试图片");
        assertRefused(account, "empty.png", new byte[0], 400, "empty");
        assertRefused(account, "half.png", Arrays.copyOf(png, png.length / 2), 400, "truncated");
        assertRefused(account, "notes.png", "这不是图片 just text\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 400,
                "not an image");
        assertRefused(account, "bomb.png", TestImages.pixelBomb(30_000, 30_000), 413, "30000 × 30000");
        // over the byte limit (2 MB in the test profile), a real PNG just above it: refused by the file check ...
        byte[] big = TestImages.noise(5, 840, 840);
        assertTrue(big.length > 2 * 1024 * 1024 && big.length < 2 * 1024 * 1024 + 60_000, "size " + big.length);
        assertRefused(account, "big.png", big, 413, "bytes");
        // ... and far above it: refused from the Content-Length before the body is read
        byte[] huge = new byte[5 * 1024 * 1024];
        new Random(3).nextBytes(huge);
        assertRefused(account, "huge.png", huge, 413, "bytes");
        upload(99_999_999, "x.png", png).statusCode(404);
        investigator().contentType("multipart/form-data").multiPart("postedOn", "2016-01-01")
                .post("/api/v1/accounts/" + account + "/images").then().statusCode(400).body("errors[0].field", equalTo("file"));
        upload(account, "x.png", png, "postedOn", "01/02/2016").statusCode(400).body("errors[0].field", equalTo("postedOn"));
        upload(account, "x.png", png, "postId", "99999999").statusCode(400).body("errors[0].field", equalTo("postId"));
        viewer().contentType("multipart/form-data").multiPart("file", "x.png", png, "image/png")
                .post("/api/v1/accounts/" + account + "/images").then().statusCode(403);
        // no temporary upload is left behind
        Path uploads = store.root().getParent().resolve("uploads");
        for (int i = 0; i < 20 && Files.isDirectory(uploads); i++) {
            try (Stream<Path> left = Files.list(uploads)) {
                if (left.findAny().isEmpty()) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> left = Files.list(uploads)) {
                assertEquals(List.of(), left.toList());
            }
        }
    }

    @Test
    void sameBytesAreStoredOnceAndServedBack() throws Exception {
        long first = createAccount("weibo", unique("dedupe"), List.of());
        long second = createAccount("weibo", unique("dedupe"), List.of());
        byte[] png = TestImages.ad(12, "纯色背景 无内容");
        String sha = sha256(png);
        long rows = imageRows();
        upload(first, "a.png", png).statusCode(202).body("sha256", equalTo(sha)).body("status", equalTo("QUEUED"))
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/images/" + sha));
        upload(first, "renamed.jpg", png).statusCode(202).body("sha256", equalTo(sha));
        upload(second, "b.png", png).statusCode(202).body("sha256", equalTo(sha));
        assertEquals(rows + 1, imageRows());
        Path file = store.path(sha);
        assertEquals(List.of(sha.substring(0, 2), sha.substring(2, 4), sha),
                List.of(file.getParent().getParent().getFileName().toString(), file.getParent().getFileName().toString(),
                        file.getFileName().toString()));
        assertArrayEquals(png, Files.readAllBytes(file));
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            assertEquals(List.of(file), siblings.toList(), "one file, no temporary files");
        }
        int jobs = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from ocr_job where sha256 = ?1").setParameter(1, sha).getSingleResult()).intValue());
        assertEquals(1, jobs);
        byte[] served = viewer().get("/api/v1/images/" + sha + "/content").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(png, served);
        viewer().get("/api/v1/images/" + sha).then().statusCode(200).body("mediaType", equalTo("image/png"))
                .body("width", equalTo(720)).body("links.accountId", hasItem((int) second));
        viewer().get("/api/v1/images/" + "0".repeat(64)).then().statusCode(404).contentType("application/problem+json");
        viewer().get("/api/v1/images/not-a-hash/content").then().statusCode(404);
        // a JPEG is served as a JPEG
        byte[] jpeg = TestImages.encode(TestImages.noiseImage(64, 48), "jpg");
        upload(first, "photo.png", jpeg).statusCode(202);
        viewer().get("/api/v1/images/" + sha256(jpeg) + "/content").then().statusCode(200).contentType("image/jpeg");
        viewer().get("/api/v1/images/" + sha256(jpeg)).then().body("mediaType", equalTo("image/jpeg"));
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'ocr' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ocr' }.data.ppocr", equalTo(true));
    }

    @Test
    void adImageIsReadMatchedAndItsContactExtracted() throws Exception {
        long account = createAccount("wechat", unique("ocr"), List.of());
        long post = investigator().body(Map.of("postedAt", "2016-05-04T10:00:00Z", "text", "新到货，私聊"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        byte[] ad = TestImages.ad(13, "精品象牙手镯 诚信出售", "价格面议 包邮", "微信: lao_zhang888");
        String sha = sha256(ad);
        upload(account, "ad.png", ad, "postId", String.valueOf(post)).statusCode(202).body("sha256", equalTo(sha));
        JsonPath image = awaitOcr(sha, 120);
        assertEquals("DONE", image.getString("status"), image.prettify());
        assertTrue(image.getString("text").replaceAll("\\s", "").contains("象牙"), image.getString("text"));
        List<Map<String, Object>> matches = image.getList("matches");
        assertTrue(matches.stream().anyMatch(m -> "IVORY".equals(m.get("category"))
                && ((String) m.get("term")).startsWith("象牙") && m.get("engine") != null
                && ((Number) m.get("confidence")).doubleValue() > 0), matches.toString());
        List<Map<String, String>> contacts = image.getList("contacts");
        assertTrue(contacts.contains(Map.of("kind", "wechat", "value", "lao_zhang888")), contacts.toString());
        assertEquals(1, image.getInt("attempts"));
        assertTrue(image.getList("ocr.lines").size() >= 3, "per-line detail kept");
        assertTrue(image.getList("ocr.lines.engine").stream().allMatch(e -> e.equals("TESSERACT") || e.equals("PPOCR")));
        assertTrue(image.getList("ocr.lines[0].words").size() > 0, "per-word confidences kept");
        viewer().get("/api/v1/posts/" + post).then().body("images", hasItem(sha));
        viewer().get("/api/v1/images/" + sha).then().body("links[0].postId", equalTo((int) post))
                .body("links[0].postedOn", equalTo("2016-05-04"));
        // the same image again, now DONE: not queued again
        upload(account, "again.png", ad).statusCode(202).body("status", equalTo("DONE"));
        assertEquals(1, awaitOcr(sha, 1).getInt("attempts"));
    }

    @Test
    void anIdleEngineHandsItsMemoryBackAndReadsTheNextImage() throws Exception {
        long account = createAccount("weibo", unique("idle"), List.of());
        byte[] first = TestImages.ad(21, "精品象牙手镯 诚信出售", "微信: idle_one");
        upload(account, "first.png", first).statusCode(202);
        assertEquals("DONE", awaitOcr(sha256(first), 120).getString("status"));
        long deadline = System.nanoTime() + 20_000_000_000L; // release-idle is 1 s under test, polled every 1 s
        while (engine.service().ppOcrOpen() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(engine.service().ppOcrOpen(), "PP-OCR's sessions closed once the queue was idle");
        byte[] second = TestImages.ad(22, "象牙摆件 现货包邮", "微信: idle_two");
        upload(account, "second.png", second).statusCode(202);
        JsonPath image = awaitOcr(sha256(second), 120);
        assertEquals("DONE", image.getString("status"), image.prettify());
        assertTrue(image.getList("ocr.lines.engine").contains("PPOCR"), "read by the reopened PP-OCR: " + image.prettify());
        assertTrue(image.getString("text").replaceAll("\\s", "").contains("象牙摆件"), image.getString("text"));
    }

    @Test
    void aLeaseLeftByADeadWorkerIsTakenOverAndOcrRunsOnce() throws Exception {
        long account = createAccount("qq", unique("crash"), List.of());
        byte[] ad = TestImages.ad(14, "正品犀牛角 老货转让", "QQ: 3456789012");
        String sha = sha256(ad);
        Path tmp = Files.createTempFile("crash", ".png");
        Files.write(tmp, ad);
        store.store(tmp, sha);
        Files.delete(tmp);
        // the state a crash leaves: the job claimed (attempt 1) by a worker that is gone, lease still running
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into image (sha256, media_type, byte_size, width, height) values (?1, 'image/png', ?2, 720, 260)")
                    .setParameter(1, sha).setParameter(2, ad.length).executeUpdate();
            em.createNativeQuery("insert into image_link (sha256, account_id, uploaded_by) values (?1, ?2, 'ivan')")
                    .setParameter(1, sha).setParameter(2, account).executeUpdate();
            em.createNativeQuery("insert into ocr_job (sha256, status, attempts, lease_until, leased_by)"
                    + " values (?1, 'LEASED', 1, now() + interval '1 hour', ?2)").setParameter(1, sha).setParameter(2, DEAD_NODE)
                    .executeUpdate();
        });
        Thread.sleep(3000); // several drain cycles: a running lease is respected
        assertEquals(List.of("LEASED", 1, DEAD_NODE), job(sha).subList(0, 3));
        assertEquals("QUEUED", viewer().get("/api/v1/images/" + sha).then().extract().path("status"));

        // the lease runs out: another worker takes the job
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update ocr_job set lease_until = now() - interval '1 second' where sha256 = ?1").setParameter(1, sha).executeUpdate());
        JsonPath image = awaitOcr(sha, 120);
        assertEquals("DONE", image.getString("status"), image.prettify());
        List<Object> done = job(sha);
        assertEquals("DONE", done.get(0));
        assertEquals(2, done.get(1), "one attempt by the dead worker, one by the live one");
        assertNull(done.get(2));
        assertTrue(image.getList("matches.category").contains("RHINO_HORN"), image.getList("matches").toString());
        assertTrue(image.getList("contacts").contains(Map.of("kind", "qq", "value", "3456789012")), image.getList("contacts").toString());
        long[] counts = matchCounts(sha);
        assertEquals(counts[1], counts[0], "no duplicate matches");

        // the dead worker coming back cannot write its stale result
        assertFalse(queue.complete(new OcrQueue.Claim(sha, 1), DEAD_NODE, new OcrOutcome("stale", "{}", List.of(), List.of(), 1, 1)));
        Thread.sleep(2500); // finished work is never taken again
        assertEquals(done, job(sha));
        assertEquals(image.getString("text"), viewer().get("/api/v1/images/" + sha).then().extract().path("text"));
        assertArrayEquals(counts, matchCounts(sha));
    }

    @Test
    void failingOcrIsRetriedWithBackOffThenFailedWithTheReason() throws Exception {
        String sha = sha256(("no file for this image " + System.nanoTime()).getBytes());
        long account = createAccount("qq", unique("fail"), List.of());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into image (sha256, media_type, byte_size, width, height) values (?1, 'image/png', 10, 10, 10)")
                    .setParameter(1, sha).executeUpdate();
            em.createNativeQuery("insert into image_link (sha256, account_id, uploaded_by) values (?1, ?2, 'ivan')")
                    .setParameter(1, sha).setParameter(2, account).executeUpdate();
            em.createNativeQuery("insert into ocr_job (sha256) values (?1)").setParameter(1, sha).executeUpdate();
        });
        JsonPath image = awaitOcr(sha, 60); // 4 attempts, 1 s, 2 s, 4 s apart in the test profile
        assertEquals("FAILED", image.getString("status"));
        assertTrue(image.getString("failureReason").contains("after 4 attempts")
                && image.getString("failureReason").contains("missing"), image.getString("failureReason"));
        assertEquals(4, image.getInt("attempts"));
        assertEquals("FAILED", job(sha).get(0));
    }

    /** status, attempts, leased_by, ocr_finished_at of the job/image. */
    List<Object> job(String sha) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("select j.status, j.attempts, j.leased_by, i.ocr_finished_at::text"
                    + " from ocr_job j join image i using (sha256) where sha256 = ?1").setParameter(1, sha).getSingleResult();
            return Arrays.asList(r[0], ((Number) r[1]).intValue(), r[2], r[3]);
        });
    }

    /** term_match rows of the image, and distinct (term, offsets, engine) among them. */
    long[] matchCounts(String sha) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("select count(*), count(distinct (term_id, start_offset, end_offset, engine))"
                    + " from term_match where image_sha256 = ?1").setParameter(1, sha).getSingleResult();
            return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
        });
    }
}
