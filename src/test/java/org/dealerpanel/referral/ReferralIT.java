package org.dealerpanel.referral;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dealerpanel.referral.ReferralFixtures.Fixture;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReferralIT {
    static final ObjectMapper JSON = new ObjectMapper();

    static Fixture fixture(String prefix, boolean withImage) {
        return ReferralFixtures.fixture(prefix, withImage);
    }

    static long draft(String title, List<Long> accountIds, String language) {
        return ReferralFixtures.draft(title, accountIds, language);
    }

    @Test
    void workflowThroughTheApi() {
        Fixture f = fixture("wf", false);
        String title = unique("Case");
        long id = draft(title, List.of(f.accountId()), "en");
        String agency = "Forestry Police " + title;

        // validation names the field
        investigator().body(Map.of("title", "x", "agency", "y", "accountIds", List.of(f.accountId()), "summary", "s", "tlp", "PINK"))
                .post("/api/v1/referrals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tlp"));
        investigator().body(Map.of("agency", "y", "accountIds", List.of(f.accountId()), "summary", "s", "tlp", "RED"))
                .post("/api/v1/referrals").then().statusCode(400).body("errors.field", hasItem("title"));
        investigator().body(Map.of("title", "x", "agency", "y", "accountIds", List.of(987654321), "summary", "s", "tlp", "RED"))
                .post("/api/v1/referrals").then().statusCode(400).body("errors.field", hasItem("accountIds"));
        investigator().body(Map.of("title", "x", "agency", "y", "accountIds", List.of(f.accountId()), "summary", "s", "tlp", "RED",
                        "recipientKind", "NGO", "language", "fr"))
                .post("/api/v1/referrals").then().statusCode(400).body("errors.field", hasItems("recipientKind", "language"));
        investigator().body(Map.of("title", "x", "agency", "y", "accountIds", List.of(f.accountId()), "summary", "s", "tlp", "RED",
                        "colour", "red"))
                .post("/api/v1/referrals").then().statusCode(400).body("errors[0].field", equalTo("colour"));
        // roles: viewers read, investigators write
        viewer().body(Map.of("title", "x", "agency", "y", "accountIds", List.of(f.accountId()), "summary", "s", "tlp", "RED"))
                .post("/api/v1/referrals").then().statusCode(403);
        viewer().get("/api/v1/referrals/" + id).then().statusCode(200).body("title", equalTo(title));
        viewer().post("/api/v1/referrals/" + id + "/submit").then().statusCode(403);
        // list with filters
        viewer().queryParam("state", "DRAFT").queryParam("agency", agency.toUpperCase()).get("/api/v1/referrals").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) id));
        viewer().queryParam("state", "SENT").get("/api/v1/referrals").then().statusCode(400).body("errors[0].field", equalTo("state"));
        // edits while DRAFT
        investigator().body(Map.of("summary", "Updated summary", "tlp", "RED")).patch("/api/v1/referrals/" + id).then()
                .statusCode(200).body("summary", equalTo("Updated summary")).body("tlp", equalTo("RED"));
        investigator().body(Map.of("tlp", "BLUE")).patch("/api/v1/referrals/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("tlp"));
        // invalid transitions from DRAFT
        investigator().post("/api/v1/referrals/" + id + "/acknowledge").then().statusCode(409).contentType("application/problem+json");
        investigator().body(Map.of("outcome", "x")).post("/api/v1/referrals/" + id + "/close").then().statusCode(409);
        investigator().get("/api/v1/referrals/" + id + "/bundle").then().statusCode(409);
        // submit freezes it
        investigator().post("/api/v1/referrals/" + id + "/submit").then().statusCode(200)
                .body("state", equalTo("SUBMITTED")).body("bundle.sha256", matchesPattern("[0-9a-f]{64}"))
                .body("referredOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("submittedBy", equalTo("ivan")).body("lexiconVersion", notNullValue());
        investigator().body(Map.of("summary", "changed after submit")).patch("/api/v1/referrals/" + id).then().statusCode(409)
                .contentType("application/problem+json");
        investigator().post("/api/v1/referrals/" + id + "/submit").then().statusCode(409);
        investigator().body(Map.of("outcome", "")).post("/api/v1/referrals/" + id + "/close").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        investigator().post("/api/v1/referrals/" + id + "/acknowledge").then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
        investigator().post("/api/v1/referrals/" + id + "/acknowledge").then().statusCode(409);
        investigator().body(Map.of("outcome", "Two suspects questioned; stock seized")).post("/api/v1/referrals/" + id + "/close")
                .then().statusCode(200).body("state", equalTo("CLOSED")).body("outcome", containsString("seized"));
        investigator().post("/api/v1/referrals/" + id + "/acknowledge").then().statusCode(409);
        investigator().body(Map.of("outcome", "again")).post("/api/v1/referrals/" + id + "/close").then().statusCode(409);
        investigator().body(Map.of("title", "late")).patch("/api/v1/referrals/" + id).then().statusCode(409);
        investigator().get("/api/v1/referrals/" + id).then().body("summary", equalTo("Updated summary"));
        // the database itself refuses to change what was referred
        // (checked through the API above; the trigger referral_frozen backs it)
        viewer().get("/api/v1/referrals/" + id + "/bundle").then().statusCode(200).contentType("application/zip");
        // every write and the download are audited
        investigator().queryParam("entity", "referral:" + id).queryParam("size", "50").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItems("referral.create", "referral.update", "referral.submit",
                        "referral.acknowledge", "referral.close", "referral.bundle-download"));
    }

    @Test
    void aDealerMeansAllItsAccounts() {
        Fixture a = fixture("dl", false);
        long b = createAccount("qq", unique("dl-qq"), List.of());
        long dealer = investigator().body(Map.of("name", unique("Dealer"), "accountIds", List.of(a.accountId(), b)))
                .post("/api/v1/dealers").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "dealer case");
        body.put("agency", "Tencent");
        body.put("recipientKind", "PLATFORM");
        body.put("accountIds", List.of());
        body.put("dealerId", dealer);
        body.put("summary", "All accounts of one dealer");
        body.put("tlp", "GREEN");
        body.put("language", "zh-CN");
        investigator().body(body).post("/api/v1/referrals").then().statusCode(201)
                .body("accountIds.size()", equalTo(2)).body("dealerId", equalTo((int) dealer))
                .body("recipientKind", equalTo("PLATFORM")).body("language", equalTo("zh-CN"));
    }

    @Test
    void bundleManifestMatchesTheFilesAndDownloadsAreByteIdentical() throws Exception {
        Fixture f = fixture("bd", true);
        Fixture g = fixture("bd2", false);
        long id = draft(unique("Bundle"), List.of(f.accountId(), g.accountId()), "zh-CN");
        String sha = investigator().post("/api/v1/referrals/" + id + "/submit").then().statusCode(200)
                .extract().path("bundle.sha256");
        Response first = investigator().get("/api/v1/referrals/" + id + "/bundle");
        first.then().statusCode(200).contentType("application/zip").header("X-Bundle-SHA256", sha);
        byte[] zip = first.asByteArray();
        byte[] again = viewer().get("/api/v1/referrals/" + id + "/bundle").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(zip, again, "the same bytes on every download");
        assertEquals(sha, sha256(zip), "the stored sha256 is the sha256 of the served bytes");

        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Long> times = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
                times.add(e.getTime());
            }
        }
        List<String> names = new ArrayList<>(files.keySet());
        assertEquals("manifest.json", names.get(0));
        assertEquals(List.of("VERIFY.txt", "SHA256SUMS", "summary.pdf", "collection-record.csv", "audit.csv"), names.subList(1, 6));
        assertEquals(1, times.stream().distinct().count(), "every entry carries the same fixed timestamp");
        assertTrue(names.contains("accounts/" + f.accountId() + "/observations.csv"));
        assertTrue(names.contains("accounts/" + f.accountId() + "/posts.csv"));
        assertTrue(names.contains("images/" + f.imageSha() + ".png"));
        assertTrue(names.contains("images/" + f.imageSha() + ".json"));
        assertArrayEquals(investigator().get("/api/v1/images/" + f.imageSha() + "/content").asByteArray(),
                files.get("images/" + f.imageSha() + ".png"), "the original image, byte for byte");

        // the manifest lists every other file with its sha256 and size
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        manifest.get("files").forEach(n -> listed.put(n.get("path").asText(), n));
        assertEquals(files.size() - 1, listed.size());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().equals("manifest.json")) {
                continue;
            }
            JsonNode n = listed.get(file.getKey());
            assertNotNull(n, file.getKey() + " is not in the manifest");
            assertEquals(sha256(file.getValue()), n.get("sha256").asText(), file.getKey());
            assertEquals(file.getValue().length, n.get("size").asLong(), file.getKey());
        }
        assertEquals(id, manifest.at("/referral/id").asLong());
        assertEquals("AMBER+STRICT", manifest.at("/referral/tlp").asText());
        assertEquals("ivan", manifest.at("/built/by").asText());
        assertTrue(manifest.at("/lexicon/activeTerms").asLong() > 100);
        assertFalse(manifest.at("/built/serviceVersion").asText().isBlank());
        // the collection record names every image with who, when, where and its hash
        String record = new String(files.get("collection-record.csv"), StandardCharsets.UTF_8);
        assertTrue(record.startsWith("item,path,type,format,sha256,size,collectedAt,collectedBy,accountId,platform,handle"));
        assertTrue(record.contains("images/" + f.imageSha() + ".png,IMAGE,image/png," + f.imageSha()), record);
        assertTrue(record.contains(",POST,"));
        String audit = new String(files.get("audit.csv"), StandardCharsets.UTF_8);
        assertTrue(audit.contains("account.create") && audit.contains("post.create") && audit.contains("referral.create"), audit);
        assertTrue(audit.startsWith("id,at,actor,action,entityType,entityId,detail,prevHash,hash"), audit);

        // the PDF parses back, with the handle, a Chinese term and the TLP label on every page
        try (PDDocument pdf = Loader.loadPDF(files.get("summary.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains(f.handle()), "handle in the PDF");
            assertTrue(text.contains("象牙手镯"), "Chinese term in the PDF");
            assertTrue(text.contains("案件转介"), "the PDF is in the referral's language (zh-CN)");
            for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(p);
                page.setEndPage(p);
                assertTrue(page.getText(pdf).contains("TLP:AMBER+STRICT"), "TLP label on page " + p);
            }
            assertTrue(pdf.getNumberOfPages() >= 3);
        }

        // VERIFY.txt's procedure works with the standard tools, as written
        Path dir = Files.createTempDirectory("bundle-verify-");
        Path zipFile = dir.resolve("referral-" + id + "-bundle.zip");
        Files.write(zipFile, zip);
        String verify = new String(files.get("VERIFY.txt"), StandardCharsets.UTF_8);
        assertTrue(verify.contains("sha256sum -c SHA256SUMS"));
        List<String> commands = verify.substring(0, verify.indexOf("-----")).lines().map(String::strip)
                .filter(l -> l.startsWith("mkdir bundle") || l.startsWith("sha256sum -c") || l.startsWith("grep -o") || l.startsWith("find ."))
                .toList();
        assertEquals(6, commands.size(), commands.toString());
        String script = "set -e -o pipefail\ncd " + dir + "\n" + String.join("\n", commands) + "\n";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        assertFalse(output.contains("FAILED") || output.contains("MISMATCH"), output);
        long oks = output.lines().filter(l -> l.endsWith(": OK")).count();
        assertEquals(2L * (files.size() - 1) - 1, oks, output); // SHA256SUMS: all but itself and the manifest; manifest: all but itself

        // downloads are audited
        investigator().queryParam("entity", "referral:" + id).get("/api/v1/audit").then()
                .body("items.findAll { it.action == 'referral.bundle-download' }.size()", equalTo(2));
    }

    @Test
    void aFlippedByteInAStoredImageStopsTheBundleAndTheReferralStaysADraft() throws Exception {
        Fixture f = fixture("flip", true);
        long id = draft(unique("Flip"), List.of(f.accountId()), "en");
        Path stored = Path.of("target", "test-data", "images", f.imageSha().substring(0, 2), f.imageSha().substring(2, 4), f.imageSha());
        assertTrue(Files.isRegularFile(stored), stored.toString());
        byte[] original = Files.readAllBytes(stored);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(stored, flipped);
        try {
            investigator().post("/api/v1/referrals/" + id + "/submit").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", containsString("images/" + f.imageSha().substring(0, 2) + "/" + f.imageSha().substring(2, 4) + "/" + f.imageSha()))
                    .body("detail", containsString("no longer matches"))
                    .body("errors[0].field", equalTo("evidence"));
            investigator().get("/api/v1/referrals/" + id).then().statusCode(200).body("state", equalTo("DRAFT"))
                    .body("bundle", nullValue());
            investigator().queryParam("entity", "referral:" + id).get("/api/v1/audit").then()
                    .body("items.action", hasItem("referral.submit-refused"));
        } finally {
            Files.write(stored, original);
        }
        investigator().post("/api/v1/referrals/" + id + "/submit").then().statusCode(200).body("state", equalTo("SUBMITTED"));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
