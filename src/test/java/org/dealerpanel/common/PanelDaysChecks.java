package org.dealerpanel.common;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same instants, read in the panel's time zone: run once in UTC ({@link UtcDaysIT}) and once in
 * Asia/Shanghai ({@link ShanghaiDaysIT}). A post at 2016-12-31T20:00Z is a 2016 post in UTC and a 2017 post in
 * Shanghai (04:00 on 1 January), so it crosses the 2017-01-01 before/after line of the reports.
 */
abstract class PanelDaysChecks {
    static final String POSTED_AT = "2016-12-31T20:00:00Z";

    /** The zone the running service was started with, and whether POSTED_AT falls in 2017 there. */
    abstract ZoneId zone();

    abstract boolean postIn2017();

    @Test
    void aPostsDayIsItsLocalDayEverywhere() {
        String cohort = unique("tz-cohort");
        long account = createAccount("weibo", unique("tz"), List.of(cohort));
        investigator().body(Map.of("postedAt", POSTED_AT, "text", "出售老象牙手镯"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201)
                .body("postedAt", equalTo(POSTED_AT)); // instants stay UTC in the API
        int in2017 = postIn2017() ? 1 : 0;

        // the law's before/after line: 2017-01-01
        viewer().queryParam("from", "2016-12-01").queryParam("to", "2017-01-31").queryParam("cohort", cohort)
                .queryParam("event", "2017-01-01").get("/api/v1/reports/category-shares").then().statusCode(200)
                .body("posts", equalTo(1))
                .body("event.before.posts", equalTo(1 - in2017)).body("event.after.posts", equalTo(in2017));

        // monthly buckets
        viewer().queryParam("from", "2016-12-01").queryParam("to", "2017-01-31").queryParam("cohort", cohort)
                .get("/api/v1/reports/monthly-trend").then().statusCode(200)
                .body("months[0].month", equalTo("2016-12")).body("months[0].newPosts", equalTo(1 - in2017))
                .body("months[1].month", equalTo("2017-01")).body("months[1].newPosts", equalTo(in2017));

        // date filters of an account's posts
        viewer().queryParam("from", "2017-01-01").queryParam("to", "2017-01-01")
                .get("/api/v1/accounts/" + account + "/posts").then().statusCode(200).body("total", equalTo(in2017));
        viewer().queryParam("from", "2016-12-31").queryParam("to", "2016-12-31")
                .get("/api/v1/accounts/" + account + "/posts").then().statusCode(200).body("total", equalTo(1 - in2017));

        // the archive's day of the post
        String day = postIn2017() ? "2017-01-01" : "2016-12-31";
        viewer().queryParam("q", "老象牙手镯").queryParam("from", day).queryParam("to", day)
                .get("/api/v1/search").then().statusCode(200).body("items.accountIds.flatten()", hasItem((int) account));
    }

    @Test
    void yesterdayIsTheLocalYesterday() {
        long account = createAccount("weibo", unique("tz-y"), List.of());
        LocalDate before = LocalDate.now(zone()).minusDays(1);
        String asOf = viewer().get("/api/v1/accounts/" + account + "/activity").then().statusCode(200)
                .extract().path("asOf");
        LocalDate after = LocalDate.now(zone()).minusDays(1);
        assertTrue(asOf.equals(before.toString()) || asOf.equals(after.toString()),
                "asOf " + asOf + " is not yesterday in " + zone() + " (" + before + ")");
    }
}
