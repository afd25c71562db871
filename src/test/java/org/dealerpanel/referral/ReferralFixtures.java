package org.dealerpanel.referral;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.image.TestImages;

/** Accounts with evidence and draft referrals, made through the API, for the referral tests. */
public final class ReferralFixtures {
    private ReferralFixtures() {
    }

    /** An account with two weeks of observations, a post with Chinese terms and a contact id, and one image. */
    public static Fixture fixture(String prefix, boolean withImage) {
        String handle = unique(prefix) + "-象牙行";
        long id = createAccount("wechat", handle, List.of());
        StringBuilder csv = new StringBuilder("platform,handle,date,posts,images\n");
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        for (int i = 0; i < 14; i++) {
            if (i == 5) {
                continue; // an unobserved day
            }
            csv.append("wechat,").append(handle).append(',').append(start.plusDays(i)).append(',').append(i % 4).append(',').append(i % 3).append('\n');
        }
        investigator().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/observations/import").then().statusCode(200);
        investigator().body(Map.of("postedAt", start.plusDays(2) + "T08:00:00Z", "text", "出售老象牙手镯，犀角杯，加微信 xiangya8899 <script>"))
                .post("/api/v1/accounts/" + id + "/posts").then().statusCode(201)
                .body("matches.term", hasItem("象牙手镯"));
        String sha = null;
        if (withImage) {
            byte[] png = TestImages.noise(System.nanoTime(), 48 + (int) (id % 50), 40);
            sha = investigator().contentType("multipart/form-data").multiPart("file", "ad.png", png, "image/png")
                    .multiPart("postedOn", start.plusDays(3).toString())
                    .post("/api/v1/accounts/" + id + "/images").then().statusCode(202).extract().path("sha256");
        }
        return new Fixture(id, handle, sha);
    }

    public record Fixture(long accountId, String handle, String imageSha) {
    }

    public static long draft(String title, List<Long> accountIds, String language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("agency", "Forestry Police " + title);
        body.put("accountIds", accountIds);
        body.put("summary", "Sells ivory bracelets and rhino horn cups; see the evidence.");
        body.put("tlp", "AMBER+STRICT");
        body.put("language", language);
        return investigator().body(body).post("/api/v1/referrals").then().statusCode(201)
                .header("Location", containsString("/api/v1/referrals/"))
                .body("state", equalTo("DRAFT")).body("tlp", equalTo("AMBER+STRICT")).body("bundle", nullValue())
                .extract().jsonPath().getLong("id");
    }

}
