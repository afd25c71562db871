package org.dealerpanel.common;

import static org.dealerpanel.Api.ADMIN_PASSWORD;
import static org.dealerpanel.Api.admin;
import static org.dealerpanel.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dealerpanel.security.service.CredentialCache;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, generated from the running service's own OpenAPI document: for every operation under /api, bad path
 * and query values, broken and mistyped bodies, wrong content types and broken multipart. Nothing here names an
 * endpoint: a new operation is covered as soon as it is in /q/openapi. Every answer must be a 4xx problem+json (never a
 * 5xx), and no table may change (row counts of every table outside Quartz's, the audit trail included).
 */
@QuarkusTest
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERLONG_PATH = "x".repeat(5000);
    private static final String OVERLONG_TEXT = "x".repeat(200_001);
    private static final String BOUNDARY = "hostileBoundary7MA4YWxkTrZu0gW";

    /** Bad path and query values, already percent-encoded as they go on the wire. */
    private static final List<String> BAD_VALUES = List.of(
            "abc", "-1", "1.5", "1e3", "99999999999999999999", "0x10", "NOT_A_VALUE", "2023-02-30", "2016-13-01",
            "a%00b", "%00", "x%01y", "x%1Fy", "x%7F", "a%0D%0Ab", "a%09b", "%1B%5B2J",
            "%C3%28", "%FF%FE", "%ED%A0%80", "%EF%BF%BF", "%E2%80%AE", "%20x%20", "..", "%2E%2E%2F", "a%2Fb", "%25", "'%22%3C",
            OVERLONG_PATH);
    /** Malformed percent-encoding: not a valid URI, so it goes out over a raw socket. */
    private static final List<String> MALFORMED_ESCAPES = List.of("%zz", "%", "%4");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CredentialCache credentials;
    @TestHTTPResource("/")
    URL base;

    private int propertiesFuzzed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    // ---------------------------------------------------------------- the fuzz run

    @Test
    void everyOperationAnswersHostileInputWithAProblemAndChangesNothing() throws Exception {
        JsonNode openApi = JSON.readTree(get("/q/openapi?format=json"));
        List<Operation> operations = operations(openApi);
        assertTrue(operations.size() > 20, "the OpenAPI document lists the API: " + operations.size());

        // Sign admin in for real now, so every request below is a cached (and not audited) credential check.
        credentials.forget("admin");
        admin().get("/api/v1/me").then().statusCode(200);
        // Lists read yesterday's activity snapshot and compute it on the first read of the day (a read-through cache of
        // derived data, not a write a request asks for): fill it now, with a valid read, so that it cannot count.
        admin().get("/api/v1/accounts").then().statusCode(200);
        waitForIdleOcrQueue();
        Map<String, Long> before = rowCounts();

        long started = System.nanoTime();
        Run run = new Run();
        for (Operation op : operations) {
            fuzzPath(op, run);
            fuzzQuery(op, run);
            fuzzBody(op, openApi, run);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "HostileInputIT: %d operations (%d JSON body properties), %d hostile requests in"
                + " %.1f s; status counts %s; %d malformed request lines refused by the HTTP layer; %d problem(s)%n",
                operations.size(), propertiesFuzzed, run.sent, seconds, run.statuses, run.refusedByHttpLayer,
                run.failures.size());

        Map<String, Long> after = rowCounts();
        List<String> changed = new ArrayList<>();
        before.forEach((table, count) -> {
            if (!count.equals(after.get(table))) {
                changed.add(table + ": " + count + " -> " + after.get(table));
            }
        });
        List<String> problems = new ArrayList<>(run.failures);
        if (!changed.isEmpty()) {
            problems.add(0, "tables changed: " + changed);
        }
        java.nio.file.Files.write(java.nio.file.Path.of("target", "hostile-input-report.txt"), problems);
        assertTrue(problems.isEmpty(), problems.size() + " problem(s), first ones:\n"
                + String.join("\n", problems.subList(0, Math.min(60, problems.size()))));
        assertTrue(seconds < 120, "the fuzz run must stay under two minutes: " + seconds + " s");
    }

    private void fuzzPath(Operation op, Run run) throws Exception {
        for (Param param : op.pathParams()) {
            for (String bad : values(param)) {
                run.check(op, send(op.method(), op.path(param.name(), bad), null, null));
            }
        }
    }

    private void fuzzQuery(Operation op, Run run) throws Exception {
        String path = op.path(null, null);
        // an undeclared parameter is text at the edge too
        run.check(op, send(op.method(), path + "?hostile=a%00b", null, null));
        for (Param param : op.queryParams()) {
            for (String bad : values(param)) {
                run.check(op, send(op.method(), path + "?" + param.name() + "=" + bad, null, null));
            }
            run.check(op, send(op.method(), path + "?" + param.name() + "=a%00b&" + param.name() + "=2", null, null));
        }
    }

    /** Every bad value, for a parameter of any type: what is bad for an id is also sent to a name, and so on. */
    private static List<String> values(Param param) {
        List<String> values = new ArrayList<>(BAD_VALUES);
        values.addAll(MALFORMED_ESCAPES);
        return values;
    }

    private void fuzzBody(Operation op, JsonNode openApi, Run run) throws Exception {
        if (op.body() == null) {
            return;
        }
        String path = op.path(null, null);
        List<String> accepted = new ArrayList<>();
        op.body().fieldNames().forEachRemaining(accepted::add);
        for (String mediaType : accepted) {
            JsonNode schema = resolve(openApi, op.body().path(mediaType).path("schema"));
            String type = mediaType.toLowerCase(Locale.ROOT);
            if (type.contains("json")) {
                for (byte[] body : brokenJson()) {
                    run.check(op, send(op.method(), path, mediaType, body));
                }
                for (byte[] body : mistypedJson(openApi, schema)) {
                    run.check(op, send(op.method(), path, mediaType, body));
                }
                run.check(op, send(op.method(), path, mediaType + "; charset=x-no-such-charset", utf8("{\"a\":1}")));
            } else if (type.startsWith("multipart/")) {
                for (Map.Entry<String, byte[]> body : brokenMultipart(openApi, schema).entrySet()) {
                    run.check(op, send(op.method(), path, body.getKey(), body.getValue()));
                }
            } else {
                for (byte[] body : brokenText()) {
                    run.check(op, send(op.method(), path, mediaType, body));
                }
            }
        }
        for (String wrong : List.of("text/plain", "application/xml", "application/octet-stream",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=" + BOUNDARY, "text/csv",
                "application/json", "image/png", "no/such-type", "")) {
            String bare = wrong.split(";")[0];
            if (!wrong.isEmpty() && accepted.stream().anyMatch(a -> a.equalsIgnoreCase(bare))) {
                continue;
            }
            run.check(op, send(op.method(), path, wrong.isEmpty() ? null : wrong, utf8("a=%00&{\"x\":\"\u0000\"}")));
        }
    }

    // ---------------------------------------------------------------- bodies

    private static List<byte[]> brokenJson() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", " ", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,2",
                "nul", "null", "true", "12", "\"x\"", "[]", "{}}", "{\"a\":1} trailing", "{\"a\":\"\\u0000\"",
                "{\"\\u0000\":\"\\u0000\"}", "{\"hostile\\u0000\":1}", "{\"a\":\"\\ud800\"}", "{\"a\":1e999999}",
                "{\"a\":\"\u0000\"}", "\uFEFF{}", "[" + "[".repeat(5000), "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}")) {
            bodies.add(utf8(text));
        }
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0});
        bodies.add(new byte[] {0, 0, 0, 0});
        return bodies;
    }

    /** One property at a time, with a value of the wrong type, or text the service cannot store or mean. */
    private List<byte[]> mistypedJson(JsonNode openApi, JsonNode schema) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            propertiesFuzzed++;
            for (JsonNode value : badJsonValues(openApi, resolve(openApi, field.getValue()))) {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.set(field.getKey(), value);
                bodies.add(JSON.writeValueAsBytes(body));
            }
        }
        // a property the schema does not have, whose name and value are hostile text
        ObjectNode unknown = JsonNodeFactory.instance.objectNode();
        unknown.put("hostile\u0000field", "a\u0000b");
        bodies.add(JSON.writeValueAsBytes(unknown));
        for (String text : List.of("a\u0000b", "a\u0001b", "x".repeat(100_000))) {
            ObjectNode notes = JsonNodeFactory.instance.objectNode();
            notes.put("notes", text);
            bodies.add(JSON.writeValueAsBytes(notes));
        }
        return bodies;
    }

    private List<JsonNode> badJsonValues(JsonNode openApi, JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        switch (type) {
            case "integer", "number" -> {
                values.add(f.textNode("x"));
                values.add(f.textNode("12"));
                values.add(f.numberNode(1.5));
                values.add(f.numberNode(new java.math.BigInteger("99999999999999999999999999")));
                values.add(f.booleanNode(true));
                values.add(f.objectNode());
                values.add(f.arrayNode());
            }
            case "boolean" -> {
                values.add(f.textNode("yes"));
                values.add(f.numberNode(1));
                values.add(f.objectNode());
            }
            case "array" -> {
                values.add(f.textNode("x"));
                values.add(f.numberNode(1));
                values.add(f.objectNode());
                for (JsonNode item : badJsonValues(openApi, resolve(openApi, schema.path("items")))) {
                    values.add(f.arrayNode().add(item));
                }
            }
            case "object" -> {
                values.add(f.textNode("x"));
                values.add(f.numberNode(1));
                values.add(f.arrayNode());
            }
            default -> { // string, with or without a format or an enum
                values.add(f.numberNode(12345));
                values.add(f.booleanNode(true));
                values.add(f.objectNode());
                values.add(f.arrayNode());
                for (String text : List.of("\u0000", "a\u0000b", "a\u0001b", "\u001b[2J", "x\u007f", "tab\there",
                        "line\nbreak", "\ud800", OVERLONG_TEXT)) {
                    values.add(f.textNode(text));
                }
                if (schema.has("enum")) {
                    values.add(f.textNode("NOT_A_VALUE"));
                    values.add(f.textNode(""));
                }
                if (format.equals("date")) {
                    values.add(f.textNode("2023-02-30"));
                    values.add(f.textNode("2016-1-1"));
                    values.add(f.textNode("+999999999-12-31"));
                }
                if (format.equals("date-time")) {
                    values.add(f.textNode("2023-02-30T00:00:00Z"));
                    values.add(f.textNode("yesterday"));
                }
            }
        }
        return values;
    }

    private Map<String, byte[]> brokenMultipart(JsonNode openApi, JsonNode schema) {
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String start = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        bodies.put(type + "; truncated", utf8(start + "\u0089PNG\r\n"));
        bodies.put(type, utf8(start + "not an image\r\n--" + BOUNDARY));
        bodies.put(type + "; x=1", utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"postId\"\r\n\r\n12"));
        bodies.put("multipart/form-data", utf8(start + "x\r\n--" + BOUNDARY + "--\r\n"));
        bodies.put("multipart/form-data; boundary=\"\"", utf8("--\r\n--\r\n"));
        bodies.put("multipart/form-data; boundary=" + BOUNDARY + "; charset=x-no-such-charset",
                utf8(start + "x\r\n--" + BOUNDARY + "--\r\n"));
        bodies.put(type + "; garbage", utf8("garbage without any boundary"));
        bodies.put(type + "; headers", utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n" + "X: "
                + "y".repeat(20_000) + "\r\n\r\nz\r\n--" + BOUNDARY + "--\r\n"));
        int i = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = resolve(openApi, field.getValue());
            boolean binary = property.path("format").asText("").equals("binary");
            for (String value : List.of("a\u0000b", "x\u0001y", "\r\n", "2023-02-30", "NOT_A_VALUE", "x".repeat(5000))) {
                String part;
                if (binary) {
                    part = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"; filename=\"" + value.replace("\r\n", "%0D%0A") + "\"\r\nContent-Type: image/png\r\n\r\n"
                            + "not an image\r\n--" + BOUNDARY + "--\r\n";
                } else {
                    part = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                            + value + "\r\n--" + BOUNDARY + "--\r\n";
                }
                bodies.put(type + "; n=" + (i++), utf8(part));
            }
        }
        bodies.put(type + "; n=" + (i++), utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\u0000b\"\r\n\r\n"
                + "x\r\n--" + BOUNDARY + "--\r\n"));
        return bodies;
    }

    private static List<byte[]> brokenText() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", "\u0000", "a\u0000b,c\n", "\"unterminated\n", "x,y\n1,2\u0000\n",
                "platform,handle\n" + "a\u0001,b\n", "\uFEFF\uFEFF")) {
            bodies.add(utf8(text));
        }
        bodies.add(new byte[] {(byte) 0xC3, 0x28, ',', (byte) 0xFF, '\n'});
        return bodies;
    }

    // ---------------------------------------------------------------- the examples of the issue

    @Test
    void nulInAQueryValueIsABadRequestNamingTheParameter() {
        admin().urlEncodingEnabled(false).get("/api/v1/accounts?q=a%00b").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("q"));
        admin().urlEncodingEnabled(false).get("/api/v1/cohorts/x%00y").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("name"));
        admin().urlEncodingEnabled(false).get("/api/v1/users/a%00").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("username"));
        admin().urlEncodingEnabled(false).get("/api/v1/audit?actor=x%01").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("actor"));
        admin().body("{\"platform\":\"wechat\",\"handle\":\"a\\u0000b\"}").post("/api/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("handle"));
        admin().body("{\"platform\":\"wechat\",\"handle\":\"x\",\"cohorts\":[\"ok\",\"a\\u0000\"]}").post("/api/v1/accounts")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("cohorts[1]"));
        admin().body("{\"notes\":\"a\\u0007b\"}").patch("/api/v1/accounts/2147480001").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("notes"));
    }

    @Test
    void aCsvLineWhoseHandleEndsInNulIsALineErrorAndWritesNothing() throws Exception {
        admin().body(Map.of("platform", "hostile", "handle", "demo-wx-002")).post("/api/v1/accounts").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
        long before = count("select count(*) from observation o join account a on a.id = o.account_id"
                + " where a.platform = 'hostile' and a.handle = 'demo-wx-002'");
        String csv = "platform,handle,date,posts,images\n"
                + "hostile,demo-wx-002\u0000,2016-01-01,3,4\n"
                + "hostile,demo-wx-002\u001F,2016-01-02,3,4\n"
                + "hostile,\u0000demo-wx-002,2016-01-03,3,4\n"
                + "hostile,demo-wx-002,2016-01-04,3\u0000,4\n";
        admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/observations/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.line", org.hamcrest.Matchers.contains(2, 3, 4, 5))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("control character"));
        assertEquals(before, count("select count(*) from observation o join account a on a.id = o.account_id"
                + " where a.platform = 'hostile' and a.handle = 'demo-wx-002'"));
    }

    // ---------------------------------------------------------------- throttled sign-in

    /** tracker.security.login.max-failures (application.properties); the test profile's window is 2 s. */
    private static final int MAX_FAILURES_PER_USER = 5;
    private static final int MAX_FAILURES_PER_ADDRESS = 20;

    @Test
    void passwordGuessingIsThrottledPerUserNameWithoutLockingTheRealUserOut() throws Exception {
        // a user of its own: the shared admin/ivan/vera must never be locked out by this test
        String user = unique("guessed");
        String password = "the-right-password-1";
        admin().body(Map.of("username", user, "password", password, "roles", List.of("viewer"))).post("/api/v1/users")
                .then().statusCode(201);

        long started = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> answer = basicGet(user, "wrong-password-" + i);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After within the 2 s window: " + retryAfter);
            } else {
                assertEquals(401, answer.statusCode(), "attempt " + i);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long checked = statuses.stream().filter(s -> s == 401).count();
        assertEquals(List.of(401, 401, 401, 401, 401, 429), statuses.subList(0, 6), "429 right after the threshold");
        // the window may run out while the 300 go: then 5 more are checked, and so on; never more
        assertTrue(checked <= MAX_FAILURES_PER_USER * (1 + (long) Math.ceil(seconds / 2.0)),
                checked + " passwords checked in " + seconds + " s");
        System.out.printf(Locale.ROOT, "HostileInputIT: 300 wrong passwords in %.1f s: %d checked, %d refused with 429%n",
                seconds, checked, 300 - checked);

        // still refused, even with the right password, until the window has passed
        HttpResponse<String> blocked = basicGet(user, password);
        if (blocked.statusCode() == 429) {
            Thread.sleep(1000L * Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()) + 300);
        }
        assertEquals(200, basicGet(user, password).statusCode(), "the real user signs in once the window has passed");
        // real verifications are audited (failures with the address, never the password); cached calls are not
        long failures = count("select count(*) from audit_entry where entity_type = 'sign-in' and entity_id = '" + user
                + "' and action = 'auth.sign-in-failed' and detail->>'address' is not null"
                + " and detail::text not like '%wrong-password%'");
        assertEquals(checked, failures, "one audit row per checked wrong password");
        long signInRows = count("select count(*) from audit_entry where entity_type = 'sign-in' and entity_id = '" + user + "'");
        for (int i = 0; i < 10; i++) {
            assertEquals(200, basicGet(user, password).statusCode());
        }
        assertEquals(signInRows, count("select count(*) from audit_entry where entity_type = 'sign-in' and entity_id = '"
                + user + "'"), "a cached credential is not audited again");

        // a success clears the count: four more failures are still answered 401
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < MAX_FAILURES_PER_USER - 1; i++) {
                assertEquals(401, basicGet(user, "wrong-again-" + i).statusCode());
            }
            credentials.forget(user);
            assertEquals(200, basicGet(user, password).statusCode(), "round " + round);
        }
    }

    @Test
    void aThrottledFormSignInGoesBackToTheSignInPage() throws Exception {
        String user = unique("formguess");
        admin().body(Map.of("username", user, "password", "the-right-password-2", "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(201);
        String location = null;
        for (int i = 0; i <= MAX_FAILURES_PER_USER; i++) {
            location = io.restassured.RestAssured.given().redirects().follow(false).formParam("j_username", user)
                    .formParam("j_password", "wrong-" + i).post("/j_security_check").then().statusCode(303)
                    .extract().header("Location");
        }
        assertTrue(location.endsWith("/login?error=throttled"), location);
        Thread.sleep(2300);
        io.restassured.RestAssured.given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", "the-right-password-2").post("/j_security_check").then()
                .statusCode(org.hamcrest.Matchers.lessThan(400)).cookie("tracker-session");
    }

    @Test
    void guessingManyUserNamesFromOneAddressIsThrottledButSignedInClientsGoOn() throws Exception {
        String user = unique("sameaddress");
        admin().body(Map.of("username", user, "password", "the-right-password-3", "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(201);
        credentials.forget("admin");
        admin().get("/api/v1/me").then().statusCode(200); // admin's credential is fresh in the cache
        int refusedAt = -1;
        for (int i = 0; i < MAX_FAILURES_PER_ADDRESS + 5; i++) {
            int status = basicGet(unique("nobody"), "whatever-password").statusCode();
            if (status == 429) {
                refusedAt = i;
                break;
            }
            assertEquals(401, status);
        }
        assertTrue(refusedAt >= 1 && refusedAt <= MAX_FAILURES_PER_ADDRESS, "429 after at most 20 failures: " + refusedAt);
        assertEquals(429, basicGet(user, "the-right-password-3").statusCode(), "the address is refused, unchecked");
        admin().get("/api/v1/me").then().statusCode(200); // a recently verified credential is not held up
        Thread.sleep(2300);
        assertEquals(200, basicGet(user, "the-right-password-3").statusCode());
    }

    private HttpResponse<String> basicGet(String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/api/v1/me"))
                .header("Authorization", basic(user, password)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- helpers

    private record Operation(String method, String template, List<Param> params, JsonNode body) {
        List<Param> pathParams() {
            return params.stream().filter(p -> p.in().equals("path")).toList();
        }

        List<Param> queryParams() {
            return params.stream().filter(p -> p.in().equals("query")).toList();
        }

        /** The path with one parameter set to a value and every other one to a harmless value that names nothing. */
        String path(String name, String value) {
            String path = template;
            for (Param p : pathParams()) {
                String v = p.name().equals(name) ? value
                        : p.type().equals("integer") ? "2147480001" : "no-such-hostile-value";
                path = path.replace("{" + p.name() + "}", v);
            }
            return path;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private record Param(String name, String in, String type) {
    }

    private static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            if (!entry.getKey().startsWith("/api/")) {
                continue;
            }
            JsonNode item = entry.getValue();
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
                JsonNode op = item.get(method);
                if (op == null) {
                    continue;
                }
                Map<String, Param> params = new LinkedHashMap<>();
                for (JsonNode source : List.of(item.path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : source) {
                        JsonNode resolved = p.has("$ref") ? resolve(openApi, p) : p;
                        String name = resolved.path("name").asText();
                        params.put(resolved.path("in").asText() + ":" + name, new Param(name, resolved.path("in").asText(),
                                resolve(openApi, resolved.path("schema")).path("type").asText("string")));
                    }
                }
                // a template variable the document forgot to declare is still fuzzed
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(entry.getKey());
                while (m.find()) {
                    params.putIfAbsent("path:" + m.group(1), new Param(m.group(1), "path", "string"));
                }
                JsonNode body = op.path("requestBody").path("content");
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), entry.getKey(), List.copyOf(params.values()),
                        body.isObject() && body.size() > 0 ? body : null));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode node) {
        for (int depth = 0; node != null && node.has("$ref") && depth < 10; depth++) {
            String ref = node.get("$ref").asText();
            JsonNode target = openApi;
            for (String part : ref.replaceFirst("^#/", "").split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        if (node != null && node.has("allOf") && node.get("allOf").size() == 1) {
            return resolve(openApi, node.get("allOf").get(0));
        }
        return node == null ? JsonNodeFactory.instance.objectNode() : node;
    }

    /** rawRequestLine: sent over a socket because it is not a valid URI (the HTTP codec refuses it before the service). */
    private record Answer(String method, String target, int status, String contentType, String body, boolean rawRequestLine) {
    }

    /** Collects the answers and everything wrong with them. */
    private static final class Run {
        int sent;
        int refusedByHttpLayer;
        final Map<Integer, Integer> statuses = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        void check(Operation op, Answer answer) {
            sent++;
            statuses.merge(answer.status(), 1, Integer::sum);
            String where = op + " as " + answer.method() + " " + abbreviate(answer.target());
            if (answer.rawRequestLine() && answer.status() == 400 && answer.body().isEmpty()) {
                // not a valid HTTP request line (RFC 3986: '%' must be followed by two hex digits): Vert.x's codec
                // refuses it with a bare 400 before any handler of the service can run
                refusedByHttpLayer++;
            } else if (answer.status() >= 500) {
                failures.add(answer.status() + " for " + where + ": " + abbreviate(answer.body()));
            } else if (answer.status() >= 400 && (answer.contentType() == null
                    || !answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json"))) {
                failures.add(answer.status() + " not problem+json (" + answer.contentType() + ") for " + where);
            }
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + ")" : flat;
    }

    private Answer send(String method, String target, String contentType, byte[] body) throws Exception {
        URI uri;
        try {
            uri = URI.create(base.toString().replaceAll("/$", "") + target);
        } catch (IllegalArgumentException notAUri) {
            return sendRaw(method, target, contentType, body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(method, target, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), false);
    }

    /** HTTP/1.1 over a plain socket, for targets java.net.URI refuses (malformed percent-encoding). */
    private Answer sendRaw(String method, String target, String contentType, byte[] body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD) + "\r\nConnection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String type = null;
            for (String line : response.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
            }
            int split = response.indexOf("\r\n\r\n");
            return new Answer(method, target, status, type, split < 0 ? "" : response.substring(split + 4), true);
        }
    }

    private String get(String target) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + target)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), target);
        return response.body();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            // observation_import keeps a record of every import attempt, a refused one too (the log the uploads page
            // and GET /api/v1/observations/imports show): not data a request changes
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' and table_name not like 'qrtz\\_%'"
                    + " and table_name <> 'observation_import' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("audit_entry"), "the audit trail is counted: " + tables);
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) from \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** OCR work left by earlier test classes adds matches and contacts when it finishes: let it finish first. */
    private void waitForIdleOcrQueue() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (count("select count(*) from ocr_job where status in ('QUEUED', 'LEASED')") > 0) {
            assertFalse(System.nanoTime() > deadline, "the OCR queue did not drain within two minutes");
            Thread.sleep(250);
        }
    }
}
