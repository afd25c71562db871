package org.dealerpanel.referral;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outcome report on a planted panel. Referral day R = 60 days ago, window 28 days. Referral 1: A removed by the
 * platform on R+5, B on R+40 (both posting 4 a day until then), C still posting 2 a day. Referral 2 (same recipient):
 * D posted 3 a day until R+9, then observed silent (dormant). Everyone posted 4 (D: 3) a day in the 28 days before R.
 */
@QuarkusTest
class ReferralOutcomeIT {
    @Test
    void theReportGivesThePlantedFigures() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate r = today.minusDays(60);
        LocalDate yesterday = today.minusDays(1);
        String agency = unique("Customs");
        String a = unique("out-a"), b = unique("out-b"), c = unique("out-c"), d = unique("out-d");
        long ida = createAccount("wechat", a, List.of());
        long idb = createAccount("wechat", b, List.of());
        long idc = createAccount("wechat", c, List.of());
        long idd = createAccount("wechat", d, List.of());
        StringBuilder csv = new StringBuilder("platform,handle,date,posts,images\n");
        for (LocalDate day = r.minusDays(28); day.isBefore(r); day = day.plusDays(1)) {
            row(csv, a, day, 4);
            row(csv, b, day, 4);
            row(csv, c, day, 4);
            row(csv, d, day, 3);
        }
        for (LocalDate day = r; !day.isAfter(yesterday); day = day.plusDays(1)) {
            if (day.isBefore(r.plusDays(5))) {
                row(csv, a, day, 4);
            }
            if (day.isBefore(r.plusDays(40))) {
                row(csv, b, day, 4);
            }
            row(csv, c, day, 2);
            row(csv, d, day, day.isBefore(r.plusDays(10)) ? 3 : 0);
        }
        investigator().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/observations/import").then().statusCode(200);
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", r.plusDays(5).toString()))
                .patch("/api/v1/accounts/" + ida).then().statusCode(200);
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", r.plusDays(40).toString()))
                .patch("/api/v1/accounts/" + idb).then().statusCode(200);

        long first = referral(agency, List.of(ida, idb, idc), r);
        long second = referral(agency, List.of(idd), r.plusDays(1).minusDays(1));

        JsonPath report = viewer().queryParam("agency", agency).queryParam("from", r.minusDays(1).toString())
                .queryParam("to", today.toString()).get("/api/v1/reports/referrals").then().statusCode(200)
                .body("windowDays", equalTo(28)).extract().jsonPath();
        assertEquals(2, report.getList("referrals").size());
        Map<String, Object> one = report.getMap("referrals.find { it.referralId == " + first + " }");
        assertEquals(3, one.get("accounts"));
        assertEquals(2, one.get("ceased"));
        assertEquals(2, one.get("removedByPlatform"));
        assertEquals(1, one.get("keptPosting"));
        assertEquals(List.of(5, 40), one.get("daysToCease"));
        assertEquals(22.5, ((Number) one.get("medianDaysToCease")).doubleValue(), 1e-6);
        assertEquals(4.0, report.getDouble("referrals.find { it.referralId == " + first + " }.before.postsPerAccountDay"), 1e-6);
        // after: A 20 posts in 5 days + 23 days removed (zero), B 4 x 28, C 2 x 28 = 188 posts / 84 account-days
        assertEquals(188.0 / 84, report.getDouble("referrals.find { it.referralId == " + first + " }.after.postsPerAccountDay"), 1e-6);
        String accounts = "referrals.find { it.referralId == " + first + " }.accountOutcomes";
        assertEquals("REMOVED_BY_PLATFORM", report.getString(accounts + ".find { it.accountId == " + ida + " }.outcome"));
        assertEquals(5, report.getInt(accounts + ".find { it.accountId == " + ida + " }.daysToCease"));
        assertEquals(20.0 / 28, report.getDouble(accounts + ".find { it.accountId == " + ida + " }.after.postsPerDay"), 1e-6);
        assertEquals(40, report.getInt(accounts + ".find { it.accountId == " + idb + " }.daysToCease"));
        assertEquals("KEPT_POSTING", report.getString(accounts + ".find { it.accountId == " + idc + " }.outcome"));
        assertEquals(2.0, report.getDouble(accounts + ".find { it.accountId == " + idc + " }.after.postsPerDay"), 1e-6);

        Map<String, Object> two = report.getMap("referrals.find { it.referralId == " + second + " }");
        assertEquals(1, two.get("dormantOrCeased"));
        assertEquals(List.of(10), two.get("daysToCease"));
        assertEquals("DORMANT", report.getString("referrals.find { it.referralId == " + second + " }.accountOutcomes[0].outcome"));

        // per recipient: 2 referrals, 4 accounts, 3 ceased after 5, 10 and 40 days
        assertEquals(1, report.getList("recipients").size());
        assertEquals(2, report.getInt("recipients[0].referrals"));
        assertEquals(4, report.getInt("recipients[0].accounts"));
        assertEquals(3, report.getInt("recipients[0].ceased"));
        assertEquals(10.0, report.getDouble("recipients[0].medianDaysToCease"), 1e-6);
        assertEquals((28 * 4 * 3 + 28 * 3) / (28.0 * 4), report.getDouble("recipients[0].before.postsPerAccountDay"), 1e-6);

        // CSV with Accept: text/csv
        String text = viewer().accept("text/csv").queryParam("agency", agency).get("/api/v1/reports/referrals").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(text.startsWith("level,referralId,title,agency,recipientKind,referredOn"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("recipient,") && l.contains(agency) && l.contains(",4,3,2,0,1,")), text);
        assertEquals(4, text.lines().filter(l -> l.startsWith("account,")).count());
        viewer().queryParam("from", "soon").get("/api/v1/reports/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        // and on the referral page
        investigator().get("/api/v1/referrals/" + first).then().body("referredOn", equalTo(r.toString()));
    }

    private static long referral(String agency, List<Long> ids, LocalDate referredOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "outcome " + agency);
        body.put("agency", agency);
        body.put("accountIds", ids);
        body.put("summary", "planted");
        body.put("tlp", "GREEN");
        body.put("referredOn", referredOn.toString());
        long id = investigator().body(body).post("/api/v1/referrals").then().statusCode(201).extract().jsonPath().getLong("id");
        investigator().post("/api/v1/referrals/" + id + "/submit").then().statusCode(200)
                .body("referredOn", equalTo(referredOn.toString()));
        return id;
    }

    private static void row(StringBuilder csv, String handle, LocalDate day, int posts) {
        csv.append("wechat,").append(handle).append(',').append(day).append(',').append(posts).append(",0\n");
    }
}
