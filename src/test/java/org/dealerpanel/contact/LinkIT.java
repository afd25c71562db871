package org.dealerpanel.contact;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.dealerpanel.image.TestImages;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LinkIT {

    static long post(long account, String text) {
        return investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void accountsSharingAWeChatIdOrAnImageAreLinkedWithEvidence() {
        String wechat = "link" + unique("w").replaceAll("\\D", "") + "x";
        long a = createAccount("wechat", unique("link-a"), List.of());
        long b = createAccount("weibo", unique("link-b"), List.of());
        long c = createAccount("qq", unique("link-c"), List.of());
        long d = createAccount("qq", unique("link-d"), List.of());
        long postA = post(a, "象牙手镯 加微信: " + wechat.toUpperCase());
        long postB = post(b, "需要的联系 V信：" + wechat);
        post(d, "微信: someone_else1");
        byte[] photo = TestImages.noise(21 + System.nanoTime() % 1000, 64, 64);
        String sha = investigator().contentType("multipart/form-data").multiPart("file", "p.png", photo, "image/png")
                .multiPart("postedOn", "2016-02-01").post("/api/v1/accounts/" + a + "/images")
                .then().statusCode(202).extract().path("sha256");
        investigator().contentType("multipart/form-data").multiPart("file", "same.png", photo, "image/png")
                .multiPart("postedOn", "2016-02-03").post("/api/v1/accounts/" + c + "/images").then().statusCode(202);

        JsonPath links = viewer().get("/api/v1/accounts/" + a + "/links").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of((int) b, (int) c), links.getList("accountId"));
        assertEquals(List.of(Map.of("type", "CONTACT", "kind", "wechat", "value", wechat,
                        "here", List.of(Map.of("postId", (int) postA)), "there", List.of(Map.of("postId", (int) postB)))),
                links.getList("find { it.accountId == " + b + " }.evidence"));
        assertEquals(List.of(Map.of("type", "IMAGE", "sha256", sha,
                        "here", List.of(Map.of("postedOn", "2016-02-01")), "there", List.of(Map.of("postedOn", "2016-02-03")))),
                links.getList("find { it.accountId == " + c + " }.evidence"));
        assertFalse(links.getList("accountId").contains((int) d));
        String handleOfA = viewer().get("/api/v1/accounts/" + a).then().extract().path("handle");
        viewer().get("/api/v1/accounts/" + b + "/links").then().statusCode(200)
                .body("accountId", equalTo(List.of((int) a))).body("[0].handle", equalTo(handleOfA))
                .body("[0].platform", equalTo("wechat"));
        viewer().get("/api/v1/accounts/" + d + "/links").then().statusCode(200).body("$", empty());
        viewer().get("/api/v1/accounts/99999999/links").then().statusCode(404).contentType("application/problem+json");
    }
}
