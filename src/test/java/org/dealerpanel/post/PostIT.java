package org.dealerpanel.post;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostIT {

    static JsonPath post(long account, String text) {
        return investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath();
    }

    /** The one match of {@code category}; asserts the original text under its offsets. */
    static void assertHit(String text, String category, String expectedTerm, String expectedOriginal) {
        long account = createAccount("weibo", unique("match"), List.of());
        JsonPath p = post(account, text);
        List<Map<String, Object>> hits = p.getList("matches.findAll { it.category == '" + category + "' }");
        assertEquals(1, hits.size(), text + " -> " + p.getList("matches"));
        Map<String, Object> hit = hits.get(0);
        assertEquals(expectedTerm, hit.get("term"), text);
        assertEquals(expectedOriginal, text.substring((Integer) hit.get("start"), (Integer) hit.get("end")), text);
        assertEquals(1.0f, ((Number) hit.get("confidence")).floatValue());
        assertEquals("EXACT", hit.get("kind"));
    }

    @Test
    void matcherSeesThroughDealerTricks() {
        assertHit("出售 象 · 牙 手镯，保真", "IVORY", "象牙手镯", "象 · 牙 手镯");            // split by spaces and punctuation
        assertHit("正品鶴頂紅擺件", "HELMETED_HORNBILL", "鹤顶红", "鶴頂紅");                  // traditional characters
        assertHit("ＩＶＯＲＹ bangle for sale", "IVORY", "ivory", "ＩＶＯＲＹ");              // full width, upper case
        assertHit("好货 穿🐘山💰甲 现货", "PANGOLIN_SCALE", "穿山甲", "穿🐘山💰甲");           // emoji between characters
        assertHit("虎\u200b骨\u200d酒 一瓶", "TIGER_BONE", "虎骨酒", "虎\u200b骨\u200d酒");    // zero-width characters
        long account = createAccount("weibo", unique("plain"), List.of());
        assertEquals(List.of(), post(account, "今天天气很好，出售二手自行车").getList("matches"));
    }

    @Test
    void postKeepsMatchesAndContactsAndIsReadBack() {
        long account = createAccount("wechat", unique("posts"), List.of());
        String text = "老象牙印章 加VX: dealer_abc1 或 QQ：12345678";
        JsonPath created = investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text, "externalId", "p-1"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/posts/"))
                .body("accountId", equalTo((int) account)).body("externalId", equalTo("p-1"))
                .body("postedAt", equalTo("2016-03-01T08:00:00Z"))
                .body("matches.category", hasItem("IVORY"))
                .body("matches[0].term", equalTo("老象牙")).body("matches[0].start", equalTo(0)).body("matches[0].end", equalTo(3))
                .extract().jsonPath();
        List<Map<String, String>> contacts = created.getList("contacts");
        assertTrue(contacts.contains(Map.of("kind", "wechat", "value", "dealer_abc1")), contacts.toString());
        assertTrue(contacts.contains(Map.of("kind", "qq", "value", "12345678")), contacts.toString());
        long id = created.getLong("id");
        viewer().get("/api/v1/posts/" + id).then().statusCode(200).body("text", equalTo(text))
                .body("matches", equalTo(created.getList("matches"))).body("contacts", hasSize(contacts.size()));
        viewer().get("/api/v1/accounts/" + account + "/posts").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo((int) id));
        viewer().queryParam("from", "2016-03-02").get("/api/v1/accounts/" + account + "/posts").then().statusCode(200)
                .body("items", empty());

        // the same externalId again for this account: 409, nothing added
        investigator().body(Map.of("postedAt", "2016-03-05T08:00:00Z", "text", "象牙", "externalId", "p-1"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(409)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("post " + id));
        viewer().get("/api/v1/accounts/" + account + "/posts").then().body("total", equalTo(1));
        // but another account may use it
        long other = createAccount("wechat", unique("posts"), List.of());
        investigator().body(Map.of("postedAt", "2016-03-05T08:00:00Z", "externalId", "p-1"))
                .post("/api/v1/accounts/" + other + "/posts").then().statusCode(201).body("matches", empty())
                .body("text", equalTo(null));
    }

    @Test
    void badPostsAreRefused() {
        long account = createAccount("wechat", unique("bad"), List.of());
        investigator().body(Map.of("text", "象牙")).post("/api/v1/accounts/" + account + "/posts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("postedAt"));
        investigator().body(Map.of("postedAt", "yesterday")).post("/api/v1/accounts/" + account + "/posts").then()
                .statusCode(400).body("errors[0].field", equalTo("postedAt"));
        Map<String, Object> unknown = new HashMap<>(Map.of("postedAt", "2016-03-01T08:00:00Z", "colour", "red"));
        investigator().body(unknown).post("/api/v1/accounts/" + account + "/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z")).post("/api/v1/accounts/99999999/posts").then()
                .statusCode(404);
        viewer().body(Map.of("postedAt", "2016-03-01T08:00:00Z")).post("/api/v1/accounts/" + account + "/posts").then()
                .statusCode(403);
        viewer().get("/api/v1/posts/99999999").then().statusCode(404).contentType("application/problem+json");
    }
}
