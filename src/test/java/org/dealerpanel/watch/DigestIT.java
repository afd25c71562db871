package org.dealerpanel.watch;

import static io.restassured.RestAssured.given;
import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.dealerpanel.Api;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.watch.service.DigestService;
import org.dealerpanel.watch.service.WebhookSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Watches and the morning digest against a real PostgreSQL, a real SMTP server (GreenMail) and a local webhook
 * receiver that checks the signature. The job is off in tests; the tests call the service as the job does.
 */
@QuarkusTest
class DigestIT {
    @Inject
    DigestService digests;
    @Inject
    AgroalDataSource dataSource;

    final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void servers() {
        TestSmtp.server();
        WebhookReceiver.get();
    }

    /** A fresh user of the given role, signed in by HTTP Basic. */
    static String user(String prefix, String role) {
        String name = unique(prefix);
        Api.admin().body(Map.of("username", name, "password", Api.PASSWORD, "roles", List.of(role)))
                .post("/api/v1/users").then().statusCode(201);
        return name;
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, Api.PASSWORD).contentType(ContentType.JSON);
    }

    static long watch(String user, String kind, Object target) {
        Map<String, Object> body = target instanceof String name ? Map.of("kind", kind, "name", name)
                : Map.of("kind", kind, "targetId", target);
        return as(user).body(body).post("/api/v1/watches").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void notifications(String user, String email, String webhookUrl, String secret) {
        notifications(user, email, webhookUrl, secret, "en");
    }

    static void notifications(String user, String email, String webhookUrl, String secret, String language) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("webhookUrl", webhookUrl);
        body.put("webhookSecret", secret);
        body.put("language", language);
        as(user).body(body).patch("/api/v1/me/notifications").then().statusCode(200)
                .body("email", equalTo(email)).body("webhookSecretSet", equalTo(secret != null));
    }

    static long post(long account, String text) {
        return investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** 112 days of steady posting (3-4 posts, 2 images a day) ending yesterday. */
    void plantSteady(long account) throws SQLException {
        LocalDate y = PanelClock.yesterday();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     insert into observation (account_id, day, posts, images)
                     select ?, d::date, 3 + (extract(doy from d)::int % 2), 2
                       from generate_series(?::date - 111, ?::date, interval '1 day') d""")) {
            st.setLong(1, account);
            st.setObject(2, y);
            st.setObject(3, y);
            st.executeUpdate();
        }
    }

    /** The last 28 days (to yesterday) triple: a step up in posts. */
    void stepUp(long account) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     update observation set posts = 9 + (extract(doy from day)::int % 3)
                      where account_id = ? and day >= ?::date - 27""")) {
            st.setLong(1, account);
            st.setObject(2, PanelClock.yesterday());
            st.executeUpdate();
        }
    }

    void plantActive(long account) throws SQLException {
        LocalDate y = PanelClock.yesterday();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     insert into observation (account_id, day, posts, images)
                     select ?, d::date, 2, 1 from generate_series(?::date - 29, ?::date, interval '1 day') d""")) {
            st.setLong(1, account);
            st.setObject(2, y);
            st.setObject(3, y);
            st.executeUpdate();
        }
    }

    int digestRows(String user, LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "select count(*) from digest d join app_user u on u.id = d.user_id where u.username = ? and d.day = ?")) {
            st.setString(1, user);
            st.setObject(2, day);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        T v = value.get();
        for (int i = 0; i < 100 && !done.test(v); i++) {
            Thread.sleep(100);
            v = value.get();
        }
        return v;
    }

    /** The text/plain and text/html parts of a message. */
    static Map<String, String> parts(Part part) throws Exception {
        Map<String, String> out = new HashMap<>();
        if (part.isMimeType("text/plain")) {
            out.put("text", (String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            out.put("html", (String) part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                out.putAll(parts(bp));
            }
        }
        return out;
    }

    @Test
    void aPlantedNightIsDigestedMailedAndPostedOnceWithTheEvidence() throws Exception {
        LocalDate today = PanelClock.today();
        LocalDate y = PanelClock.yesterday();
        String user = user("dig-night", "viewer");
        String email = user + "@example.org";
        String secret = "s3cret-" + unique("k") + "-0123456789";
        String hook = WebhookReceiver.get().url(user, secret);
        notifications(user, email, hook, secret);

        // A steps up: watched directly
        long a = createAccount("weibo", unique("dig-stepup"), List.of());
        plantSteady(a);
        watch(user, "ACCOUNT", a);
        // B is removed by the platform: watched through its dealer
        long b = createAccount("qq", unique("dig-removed"), List.of());
        plantActive(b);
        long dealer = investigator().body(Map.of("name", unique("Dig dealer"), "accountIds", List.of(b)))
                .post("/api/v1/dealers").then().statusCode(201).extract().jsonPath().getLong("id");
        watch(user, "DEALER", dealer);
        // C gets a new linked account: watched through a cohort; its handle is hostile
        String cohort = unique("dig-cohort");
        String wechat = "wxdig" + unique("w").replaceAll("\\D", "") + "q";
        long c = createAccount("wechat", unique("dig-<b>c</b>"), List.of(cohort));
        post(c, "象牙手镯 加微信: " + wechat);
        watch(user, "COHORT", cohort);

        // the night
        stepUp(a);
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", y.toString()))
                .patch("/api/v1/accounts/" + b).then().statusCode(200);
        long e = createAccount("weibo", unique("dig-linked"), List.of());
        long ePost = post(e, "需要的联系 V信：" + wechat);

        DigestService.RunResult first = digests.run(today, "test");
        assertTrue(first.built() >= 1, first.toString());

        JsonPath list = as(user).get("/api/v1/digests").then().statusCode(200).extract().jsonPath();
        assertEquals(1, list.getInt("total"));
        assertEquals(today.toString(), list.getString("items[0].day"));
        assertEquals(y.toString(), list.getString("items[0].asOf"));
        List<Map<String, Object>> items = list.getList("items[0].items");
        assertEquals(3, items.size(), items.toString());
        Map<String, Map<String, Object>> byKind = items.stream().collect(Collectors.toMap(i -> (String) i.get("kind"), i -> i));
        assertEquals(Set.of("FLAG_NEW", "PLATFORM_STATE", "LINK_NEW"), byKind.keySet());

        Map<String, Object> flag = byKind.get("FLAG_NEW");
        assertEquals((int) a, flag.get("accountId"));
        assertEquals("STEPPED_UP", flag.get("flag"));
        assertEquals("posts", flag.get("metric"));
        assertEquals(y.minusDays(27).toString(), flag.get("flagSince"));
        assertEquals("/accounts/" + a, flag.get("url"));
        assertEquals("ACCOUNT", ((List<Map<String, Object>>) flag.get("via")).get(0).get("kind"));

        Map<String, Object> removed = byKind.get("PLATFORM_STATE");
        assertEquals((int) b, removed.get("accountId"));
        assertEquals("LIVE", removed.get("platformStateFrom"));
        assertEquals("REMOVED_BY_PLATFORM", removed.get("platformStateTo"));
        assertEquals(y.toString(), removed.get("platformStateSince"));
        assertEquals("ACTIVE", removed.get("statusFrom"));
        assertEquals("CEASED", removed.get("statusTo"));
        assertEquals("ivan", removed.get("changedBy"));
        assertEquals("DEALER", ((List<Map<String, Object>>) removed.get("via")).get(0).get("kind"));

        Map<String, Object> link = byKind.get("LINK_NEW");
        assertEquals((int) c, link.get("accountId"));
        assertEquals((int) e, link.get("linkedAccountId"));
        assertEquals("/accounts/" + e, link.get("linkedUrl"));
        assertEquals(List.of(Map.of("type", "CONTACT", "contactKind", "wechat", "value", wechat,
                "url", "/accounts/" + e + "#post-" + ePost)), link.get("evidence"));
        assertEquals("/accounts/" + e + "#post-" + ePost, link.get("url"));
        assertEquals(cohort, ((List<Map<String, Object>>) link.get("via")).get(0).get("label"));

        // the mail: one, with the three changes, escaped
        long digestId = list.getLong("items[0].id");
        List<MimeMessage> mails = eventually(() -> TestSmtp.to(email), m -> !m.isEmpty());
        assertEquals(1, mails.size(), () -> "the digest as stored: " + as(user).get("/api/v1/digests/" + digestId).asString());
        MimeMessage mail = mails.get(0);
        assertEquals("Dealer-panel tracker: 3 changes for " + today, mail.getSubject());
        Map<String, String> body = parts(mail);
        assertNotNull(body.get("text"), "a plain-text part");
        assertNotNull(body.get("html"), "an HTML part");
        String handleC = as(user).get("/api/v1/accounts/" + c).then().extract().path("handle");
        String handleA = as(user).get("/api/v1/accounts/" + a).then().extract().path("handle");
        String handleE = as(user).get("/api/v1/accounts/" + e).then().extract().path("handle");
        for (String part : List.of("text", "html")) {
            String text = body.get(part);
            assertTrue(text.contains("Stepped up"), part + ": " + text);
            assertTrue(text.contains(handleA), part);
            assertTrue(text.contains("Removed by the platform") || text.contains("Removed by platform"), part + ": " + text);
            assertTrue(text.contains(handleE), part);
            assertTrue(text.contains(wechat), part);
            assertTrue(text.contains("/accounts/" + e + "#post-" + ePost), part);
        }
        assertTrue(body.get("text").contains(handleC), "plain text carries the handle as it is");
        assertFalse(body.get("html").contains("<b>c</b>"), "the HTML escapes what dealers wrote");
        assertTrue(body.get("html").contains("&lt;b&gt;c&lt;/b&gt;"), body.get("html"));

        // the webhook: one delivery, signed
        List<WebhookReceiver.Delivery> hooks = WebhookReceiver.get().to(hook);
        assertEquals(1, hooks.size());
        WebhookReceiver.Delivery d = hooks.get(0);
        assertTrue(d.signatureValid(), "the signature verifies with the user's secret: " + d.signature());
        assertTrue(WebhookSigner.verify(secret, d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), d.signature()));
        assertFalse(WebhookSigner.verify("another-secret-0123456789", d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                d.signature()));
        assertEquals("digest", d.event());
        assertTrue(d.contentType().startsWith("application/json"));
        JsonNode json = mapper.readTree(d.body());
        assertEquals(list.getLong("items[0].id"), json.get("digestId").asLong());
        assertEquals(user, json.get("user").asText());
        assertEquals(today.toString(), json.get("day").asText());
        assertEquals(3, json.get("items").size());
        List<String> kinds = new ArrayList<>();
        json.get("items").forEach(i -> kinds.add(i.get("kind").asText()));
        assertEquals(Set.of("FLAG_NEW", "PLATFORM_STATE", "LINK_NEW"), Set.copyOf(kinds));

        // delivery recorded
        as(user).get("/api/v1/digests/" + list.getLong("items[0].id")).then().statusCode(200)
                .body("mail.state", equalTo("SENT")).body("mail.target", equalTo(email)).body("mail.attempts", equalTo(1))
                .body("webhook.state", equalTo("SENT")).body("webhook.httpStatus", equalTo(204));

        // the job runs again (a restart, a second firing): nothing is built or sent twice
        DigestService.RunResult second = digests.run(today, "test-again");
        assertEquals(0, second.failedBuilds());
        assertEquals(1, digestRows(user, today));
        Thread.sleep(300);
        assertEquals(1, TestSmtp.to(email).size(), "no second mail");
        assertEquals(1, WebhookReceiver.get().to(hook).size(), "no second webhook call");
        as(user).get("/api/v1/digests").then().body("total", equalTo(1)).body("items[0].items.size()", equalTo(3));

        // building and sending are audited
        long id = list.getLong("items[0].id");
        List<String> actions = Api.admin().queryParam("entity", "digest:" + id).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.action");
        assertTrue(actions.containsAll(List.of("digest.build", "digest.mail.sent", "digest.webhook.sent")), actions.toString());
        assertEquals(1, actions.stream().filter("digest.mail.sent"::equals).count());
    }

    void sql(String statement, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    @Test
    void aStatusChangeANewReactivationAndAClearedFlag() throws Exception {
        LocalDate today = PanelClock.today();
        LocalDate y = PanelClock.yesterday();
        String user = user("dig-status", "viewer");
        // R: posted until 41 days ago, then observed silent: dormant
        long r = createAccount("weibo", unique("dig-dormant"), List.of());
        sql("""
                insert into observation (account_id, day, posts, images)
                select ?, d::date, case when d <= ?::date - 41 then 3 else 0 end, 0
                  from generate_series(?::date - 100, ?::date, interval '1 day') d""", r, y, y, y);
        // S: already stepped up when the watch begins
        long s = createAccount("weibo", unique("dig-cleared"), List.of());
        plantSteady(s);
        stepUp(s);
        watch(user, "ACCOUNT", r);
        watch(user, "ACCOUNT", s);
        as(user).get("/api/v1/accounts/" + r + "/activity").then().body("status", equalTo("DORMANT"));
        // the night: R posts again, S falls back to its old rate
        sql("update observation set posts = 4 where account_id = ? and day >= ?::date - 1", r, y);
        sql("update observation set posts = 3 + (extract(doy from day)::int % 2) where account_id = ? and day >= ?::date - 27", s, y);

        digests.run(today, "test");
        List<Map<String, Object>> items = as(user).get("/api/v1/digests").then().statusCode(200).extract().jsonPath()
                .getList("items[0].items");
        Set<String> got = items.stream().map(i -> i.get("kind") + ":" + i.get("accountId") + ":" + i.getOrDefault("flag", "")
                + ":" + i.getOrDefault("statusFrom", "") + ">" + i.getOrDefault("statusTo", "")).collect(Collectors.toSet());
        assertEquals(Set.of("STATUS:" + r + "::DORMANT>ACTIVE", "FLAG_NEW:" + r + ":REACTIVATED:>",
                "FLAG_CLEARED:" + s + ":STEPPED_UP:>"), got);
        assertEquals("posts", items.stream().filter(i -> "FLAG_CLEARED".equals(i.get("kind"))).findFirst().orElseThrow()
                .get("metric"));
    }

    @Test
    void twoRunsAtOnceBuildAndSendOnce() throws Exception {
        LocalDate today = PanelClock.today();
        String user = user("dig-race", "viewer");
        String email = user + "@example.org";
        String secret = "race-secret-" + unique("k");
        String hook = WebhookReceiver.get().url(user, secret);
        notifications(user, email, hook, secret, "zh-CN");
        long account = createAccount("weibo", unique("dig-race"), List.of());
        watch(user, "ACCOUNT", account);
        investigator().body(Map.of("platformState", "UNREACHABLE")).patch("/api/v1/accounts/" + account).then().statusCode(200);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DigestService.RunResult> one = pool.submit(() -> digests.run(today, "instance-1"));
            Future<DigestService.RunResult> two = pool.submit(() -> digests.run(today, "instance-2"));
            one.get();
            two.get();
        } finally {
            pool.shutdown();
        }
        assertEquals(1, digestRows(user, today));
        List<MimeMessage> mails = eventually(() -> TestSmtp.to(email), m -> !m.isEmpty());
        Thread.sleep(300);
        assertEquals(1, TestSmtp.to(email).size(), () -> "one mail: " + mails.size() + "; the digests as stored: "
                + as(user).get("/api/v1/digests").asString());
        assertEquals("卖家监测追踪系统：" + today + " 有 1 项变化", mails.get(0).getSubject(), "the subject in the user's language");
        String text = parts(mails.get(0)).get("text");
        assertTrue(text.contains("平台状态：正常 → 无法访问"), text);
        assertEquals(1, WebhookReceiver.get().to(hook).size(), "one webhook call");
        as(user).get("/api/v1/digests").then().body("items[0].items.kind", equalTo(List.of("PLATFORM_STATE")))
                .body("items[0].items[0].platformStateTo", equalTo("UNREACHABLE"))
                .body("items[0].mail.attempts", equalTo(1)).body("items[0].webhook.attempts", equalTo(1));
    }

    @Test
    void aFailedWebhookIsRecordedAndRetriedWhileTheSentMailIsNotSentAgain() throws Exception {
        LocalDate today = PanelClock.today();
        String user = user("dig-retry", "viewer");
        String email = user + "@example.org";
        String secret = "retry-secret-" + unique("k");
        String hook = WebhookReceiver.get().url(user, secret);
        notifications(user, email, hook, secret);
        long account = createAccount("weibo", unique("dig-retry"), List.of());
        watch(user, "ACCOUNT", account);
        investigator().body(Map.of("platformState", "CLOSED_BY_OWNER")).patch("/api/v1/accounts/" + account).then().statusCode(200);
        WebhookReceiver.get().failNext(hook, 1);

        digests.run(today, "test");
        JsonPath first = as(user).get("/api/v1/digests").then().statusCode(200).extract().jsonPath();
        assertEquals("SENT", first.getString("items[0].mail.state"));
        assertEquals("FAILED", first.getString("items[0].webhook.state"));
        assertEquals(1, first.getInt("items[0].webhook.attempts"));
        assertEquals(500, first.getInt("items[0].webhook.httpStatus"));
        assertTrue(first.getString("items[0].webhook.note").contains("500"));

        int[] sent = digests.deliverPending(today);
        JsonPath second = as(user).get("/api/v1/digests").then().statusCode(200).extract().jsonPath();
        assertEquals("SENT", second.getString("items[0].webhook.state"));
        assertEquals(2, second.getInt("items[0].webhook.attempts"));
        assertEquals(1, second.getInt("items[0].mail.attempts"));
        assertTrue(sent[1] >= 1);
        List<WebhookReceiver.Delivery> hooks = WebhookReceiver.get().to(hook);
        assertEquals(2, hooks.size());
        assertTrue(hooks.get(1).signatureValid());
        assertEquals(first.getLong("items[0].id") + "-2", hooks.get(1).deliveryId());
        assertEquals(first.getLong("items[0].id"), mapper.readTree(hooks.get(1).body()).get("digestId").asLong());
        Thread.sleep(300);
        assertEquals(1, TestSmtp.to(email).size(), "the mail went once");
        List<String> actions = Api.admin().queryParam("entity", "digest:" + first.getLong("items[0].id"))
                .get("/api/v1/audit").then().extract().jsonPath().getList("items.action");
        assertTrue(actions.contains("digest.webhook.failed"), actions.toString());
        assertTrue(actions.contains("digest.webhook.sent"), actions.toString());
    }

    @Test
    void aUserWithoutWatchesGetsNoDigestAndNoMail() throws Exception {
        LocalDate today = PanelClock.today();
        String user = user("dig-none", "viewer");
        String email = user + "@example.org";
        notifications(user, email, null, null);
        digests.run(today, "test");
        Thread.sleep(300);
        assertTrue(TestSmtp.to(email).isEmpty());
        assertEquals(0, digestRows(user, today));
        as(user).get("/api/v1/digests").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void nothingChangedIsADigestWithoutMail() throws Exception {
        LocalDate today = PanelClock.today();
        String user = user("dig-quiet", "viewer");
        String email = user + "@example.org";
        notifications(user, email, null, null);
        long account = createAccount("weibo", unique("dig-quiet"), List.of());
        watch(user, "ACCOUNT", account);
        digests.run(today, "test");
        Thread.sleep(300);
        assertTrue(TestSmtp.to(email).isEmpty());
        as(user).get("/api/v1/digests").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].itemCount", equalTo(0)).body("items[0].mail.state", equalTo("SKIPPED"))
                .body("items[0].webhook.state", equalTo("SKIPPED"));
    }

    @Test
    void aWatchedTermReportsItsNewMatchesWithThePost() throws Exception {
        LocalDate today = PanelClock.today();
        String user = user("dig-term", "viewer");
        String word = "dgw" + unique("t").replaceAll("\\D", "") + "zq";
        long term = investigator().body(Map.of("term", word, "category", "PANGOLIN_SCALE", "note", "digest test"))
                .post("/api/v1/terms").then().statusCode(201).extract().jsonPath().getLong("id");
        long account = createAccount("weibo", unique("dig-term"), List.of());
        long before = post(account, "旧帖 " + word);
        watch(user, "TERM", term);
        long after = post(account, "新货到 " + word + " 穿山甲");
        digests.run(today, "test");
        JsonPath d = as(user).get("/api/v1/digests").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = d.getList("items[0].items");
        assertEquals(1, items.size(), items.toString());
        Map<String, Object> match = items.get(0);
        assertEquals("TERM_MATCH", match.get("kind"));
        assertEquals((int) term, match.get("termId"));
        assertEquals("PANGOLIN_SCALE", match.get("category"));
        assertEquals((int) after, match.get("postId"));
        assertEquals((int) account, match.get("accountId"));
        assertEquals("/accounts/" + account + "#post-" + after, match.get("url"));
        assertFalse(items.toString().contains("postId=" + before), "the match from before the watch is not new");
        assertEquals("SKIPPED", d.getString("items[0].mail.state"));
        assertEquals("no e-mail address", d.getString("items[0].mail.note"));
    }

    @Test
    void watchesAreValidatedPerUserIdempotentAndAudited() {
        String user = user("dig-val", "viewer");
        String other = user("dig-val-other", "viewer");
        long account = createAccount("weibo", unique("dig-val"), List.of());

        as(user).body(Map.of("targetId", account)).post("/api/v1/watches").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("kind"));
        as(user).body(Map.of("kind", "NOPE", "targetId", account)).post("/api/v1/watches").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("kind"));
        as(user).body(Map.of("kind", "ACCOUNT")).post("/api/v1/watches").then().statusCode(400)
                .body("errors.field", hasItem("targetId"));
        as(user).body(Map.of("kind", "ACCOUNT", "targetId", 987654321)).post("/api/v1/watches").then().statusCode(400)
                .body("errors.field", hasItem("targetId"));
        as(user).body(Map.of("kind", "COHORT", "name", "no-such-cohort-" + unique("x"))).post("/api/v1/watches").then()
                .statusCode(400).body("errors.field", hasItem("name"));
        as(user).body(Map.of("kind", "ACCOUNT", "targetId", account, "color", "red")).post("/api/v1/watches").then()
                .statusCode(400).body("errors.field", hasItem("color"));

        io.restassured.response.Response created = as(user).body(Map.of("kind", "ACCOUNT", "targetId", account))
                .post("/api/v1/watches").then().statusCode(201).body("kind", equalTo("ACCOUNT")).body("exists", equalTo(true))
                .body("url", equalTo("/accounts/" + account)).extract().response();
        long id = created.jsonPath().getLong("id");
        assertTrue(created.header("Location").endsWith("/api/v1/watches/" + id));
        assertEquals(id, id(user, account));
        as(user).body(Map.of("kind", "ACCOUNT", "targetId", account)).post("/api/v1/watches").then().statusCode(200)
                .body("id", equalTo((int) id));
        as(user).get("/api/v1/watches").then().statusCode(200).body("id", equalTo(List.of((int) id)));
        as(other).get("/api/v1/watches").then().statusCode(200).body("size()", equalTo(0));
        as(other).delete("/api/v1/watches/" + id).then().statusCode(404).contentType("application/problem+json");
        Api.anonymous().get("/api/v1/watches").then().statusCode(401);
        Api.viewer().body(Map.of("kind", "ACCOUNT", "targetId", account)).post("/api/v1/watches").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));

        List<String> audit = Api.admin().queryParam("entity", "watch:" + id).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.action");
        assertEquals(List.of("watch.add"), audit);
        as(user).delete("/api/v1/watches/" + id).then().statusCode(204);
        as(user).delete("/api/v1/watches/" + id).then().statusCode(404);
        audit = Api.admin().queryParam("entity", "watch:" + id).get("/api/v1/audit").then().extract().jsonPath()
                .getList("items.action");
        assertEquals(List.of("watch.remove", "watch.add"), audit);
    }

    private long id(String user, long account) {
        return as(user).get("/api/v1/watches").then().extract().jsonPath()
                .getLong("find { it.targetId == " + account + " }.id");
    }

    @Test
    void notificationSettingsAreValidatedAndTheSecretIsNeverShown() {
        String user = user("dig-set", "viewer");
        as(user).get("/api/v1/me/notifications").then().statusCode(200).body("email", equalTo(null))
                .body("webhookSecretSet", equalTo(false)).body("mailEnabled", equalTo(true));
        as(user).body(Map.of("email", "not an address")).patch("/api/v1/me/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("email"));
        as(user).body(Map.of("webhookUrl", "ftp://example.org/x", "webhookSecret", "0123456789abcdef"))
                .patch("/api/v1/me/notifications").then().statusCode(400).body("errors.field", hasItem("webhookUrl"));
        as(user).body(Map.of("webhookUrl", "https://user:pw@example.org/x", "webhookSecret", "0123456789abcdef"))
                .patch("/api/v1/me/notifications").then().statusCode(400).body("errors.field", hasItem("webhookUrl"));
        as(user).body(Map.of("webhookUrl", "https://example.org/hook")).patch("/api/v1/me/notifications").then()
                .statusCode(400).body("errors.field", hasItem("webhookSecret"));
        as(user).body(Map.of("webhookUrl", "https://example.org/hook", "webhookSecret", "short"))
                .patch("/api/v1/me/notifications").then().statusCode(400).body("errors.field", hasItem("webhookSecret"));
        as(user).body(Map.of("language", "fr")).patch("/api/v1/me/notifications").then().statusCode(400)
                .body("errors.field", hasItem("language"));
        as(user).body(Map.of("password", "x")).patch("/api/v1/me/notifications").then().statusCode(400)
                .body("errors.field", hasItem("password"));
        as(user).body(Map.of("email", 12)).patch("/api/v1/me/notifications").then().statusCode(400)
                .body("errors.field", hasItem("email"));

        String body = as(user).body(Map.of("email", user + "@example.org", "webhookUrl", "https://example.org/hook",
                        "webhookSecret", "0123456789abcdef-secret", "language", "zh-CN"))
                .patch("/api/v1/me/notifications").then().statusCode(200)
                .body("webhookSecretSet", equalTo(true)).body("language", equalTo("zh-CN"))
                .body("webhookUrl", equalTo("https://example.org/hook")).extract().asString();
        assertFalse(body.contains("0123456789abcdef-secret"), "the secret is never shown");
        String got = as(user).get("/api/v1/me/notifications").then().statusCode(200)
                .body("email", equalTo(user + "@example.org")).extract().asString();
        assertFalse(got.contains("0123456789abcdef-secret"));
        // clearing the URL clears the secret
        Map<String, Object> clear = new HashMap<>();
        clear.put("webhookUrl", null);
        as(user).body(clear).patch("/api/v1/me/notifications").then().statusCode(200)
                .body("webhookUrl", equalTo(null)).body("webhookSecretSet", equalTo(false))
                .body("email", equalTo(user + "@example.org"));
        List<Map<String, Object>> audit = Api.admin().queryParam("entity", "user:" + user).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertTrue(audit.stream().anyMatch(a -> "notifications.update".equals(a.get("action"))));
        assertFalse(audit.toString().contains("0123456789abcdef-secret"), "the audit trail never holds the secret");
        // the existing user fields are untouched
        Api.admin().get("/api/v1/users/" + user).then().statusCode(200).body("username", equalTo(user));
    }

    @Test
    void digestsAreTheirOwnersAndOnlyAdminsRunTheJob() {
        String user = user("dig-own", "viewer");
        String other = user("dig-own-other", "viewer");
        long account = createAccount("weibo", unique("dig-own"), List.of());
        watch(user, "ACCOUNT", account);
        investigator().body(Map.of("platformState", "UNREACHABLE")).patch("/api/v1/accounts/" + account).then().statusCode(200);
        as(user).post("/api/v1/digests/run").then().statusCode(403).contentType("application/problem+json");
        Api.investigator().post("/api/v1/digests/run").then().statusCode(403);
        Api.admin().post("/api/v1/digests/run").then().statusCode(200)
                .body("day", equalTo(PanelClock.today().toString())).body("failedBuilds", equalTo(0));
        long id = as(user).get("/api/v1/digests").then().statusCode(200).body("total", equalTo(1)).extract().jsonPath()
                .getLong("items[0].id");
        as(other).get("/api/v1/digests/" + id).then().statusCode(404).contentType("application/problem+json");
        Api.anonymous().get("/api/v1/digests").then().statusCode(401);
        List<String> actions = Api.admin().queryParam("entity", "digest").queryParam("actor", "admin")
                .get("/api/v1/audit").then().extract().jsonPath().getList("items.action");
        assertTrue(actions.contains("digest.run"), actions.toString());
    }
}
