package org.dealerpanel.report;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dealerpanel.PanelWriter;
import org.dealerpanel.activity.service.ActivityService;
import org.dealerpanel.demo.DemoPanelGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportIT {
    /** Numbers as doubles (REST Assured's default, float, would round the exact figures). */
    static final io.restassured.path.json.config.JsonPathConfig DOUBLES = io.restassured.path.json.config.JsonPathConfig
            .jsonPathConfig().numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void cohortComparisonReproducesTheSeedFigures() throws SQLException {
        String cohort = unique("wechat-2015");
        DemoPanelGenerator demo = new DemoPanelGenerator(ActivityService.yesterday());
        Map<String, Long> ids = new HashMap<>();
        try (PanelWriter writer = new PanelWriter(dataSource, cohort, "wechat", DemoPanelGenerator.BASELINE_FROM)) {
            demo.generate(o -> {
                try {
                    Long id = ids.get(o.accountKey());
                    if (id == null) {
                        DemoPanelGenerator.DemoAccount a = demo.accounts().stream()
                                .filter(x -> x.key().equals(o.accountKey())).findFirst().orElseThrow();
                        if (!DemoPanelGenerator.COHORT.equals(a.cohort())) {
                            return;
                        }
                        id = writer.account(cohort + "-" + a.handle(), a.state(), a.stateSince());
                        ids.put(o.accountKey(), id);
                    }
                    writer.observation(id, o.day(), o.posts(), o.images());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertEquals(58, ids.size());
        JsonPath r = viewer().queryParam("cohort", cohort).queryParam("baselineFrom", "2015-01-01").queryParam("baselineTo", "2015-12-31")
                .queryParam("followupFrom", "2016-01-01").queryParam("followupTo", "2016-12-31")
                .get("/api/v1/reports/cohort-comparison").then().statusCode(200)
                .body("monitored", equalTo(58)).body("ceased", equalTo(31)).body("active", equalTo(27)).body("unknown", equalTo(0))
                .body("baseline.accounts", equalTo(58))
                .body("baselineOfActive.accounts", equalTo(27))
                .body("baselineOfActive.postsPerDay", equalTo(115.0f))
                .body("baselineOfActive.imagesPerDay", equalTo(596.0f))
                .body("followup.accounts", equalTo(27))
                .body("followup.postsPerDay", equalTo(135.0f))
                .body("followup.imagesPerDay", equalTo(704.0f))
                .body("accounts.size()", equalTo(58))
                .body("change.posts.accountsUsed", equalTo(27))
                .body("change.posts.pValue", lessThan(0.05f))
                .extract().jsonPath().using(DOUBLES);
        // exactly, not to float precision
        assertEquals(115.0, r.getDouble("baselineOfActive.postsPerDay"));
        assertEquals(135.0 / 27, r.getDouble("followup.postsPerAccountDay"), 1e-12);
        assertEquals(135.0 / 115.0, r.getDouble("change.posts.ratio"), 1e-9, "equal exposure: the pooled ratio");
        assertTrue(r.getDouble("change.posts.ciLow") < r.getDouble("change.posts.ratio"));
        assertEquals(704.0 / 596.0, r.getDouble("change.images.ratio"), 1e-9);

        String csv = viewer().accept("text/csv").queryParam("cohort", cohort).queryParam("baselineFrom", "2015-01-01")
                .queryParam("baselineTo", "2015-12-31").queryParam("followupFrom", "2016-01-01").queryParam("followupTo", "2016-12-31")
                .get("/api/v1/reports/cohort-comparison").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        assertTrue(csv.startsWith("row,accountId,platform,handle,outcome"), csv);
        assertTrue(csv.contains("\r\nbaselineOfActive,,,,,27,365,41975,217540,115.0,596.0,"), csv);
        assertEquals(1 + 4 + 3 + 2 + 58, csv.split("\r\n").length);

        // bad input: 400 naming the parameter, 404 for an unknown cohort
        viewer().queryParam("cohort", cohort).queryParam("baselineFrom", "2015-01-01").queryParam("baselineTo", "2015-12-31")
                .queryParam("followupFrom", "2016-01-01").get("/api/v1/reports/cohort-comparison").then().statusCode(400)
                .body("errors[0].field", equalTo("followupTo"));
        viewer().queryParam("cohort", cohort).queryParam("baselineFrom", "2015-01-01").queryParam("baselineTo", "2014-12-31")
                .queryParam("followupFrom", "2016-01-01").queryParam("followupTo", "2016-12-31")
                .get("/api/v1/reports/cohort-comparison").then().statusCode(400).body("errors[0].field", equalTo("baselineTo"));
        viewer().queryParam("cohort", "no-such-cohort-x").queryParam("baselineFrom", "2015-01-01").queryParam("baselineTo", "2015-12-31")
                .queryParam("followupFrom", "2016-01-01").queryParam("followupTo", "2016-13-01")
                .get("/api/v1/reports/cohort-comparison").then().statusCode(400).body("errors[0].field", equalTo("followupTo"));
        viewer().queryParam("cohort", "no-such-cohort-x").queryParam("baselineFrom", "2015-01-01").queryParam("baselineTo", "2015-12-31")
                .queryParam("followupFrom", "2016-01-01").queryParam("followupTo", "2016-12-31")
                .get("/api/v1/reports/cohort-comparison").then().statusCode(404);
        viewer().get("/api/v1/reports/cohort-comparison").then().statusCode(400).body("errors[0].field", equalTo("cohort"));
    }

    /** The seed's 2016 category proportions, planted as counts per 10 000 matched posts. */
    static final Map<String, Integer> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put("IVORY", 6318);
        PLANTED.put("RHINO_HORN", 1810);
        PLANTED.put("HAWKSBILL", 770);
        PLANTED.put("HELMETED_HORNBILL", 470);
        PLANTED.put("TIGER_BONE", 400);
        PLANTED.put("SAIGA_HORN", 160);
        PLANTED.put("PANGOLIN_SCALE", 50);
        PLANTED.put("LEOPARD_BONE", 16);
        PLANTED.put("WHALE", 6);
    }

    static final Map<String, Double> SEED_PERCENT = Map.of("IVORY", 63.2, "RHINO_HORN", 18.1, "HAWKSBILL", 7.7,
            "HELMETED_HORNBILL", 4.7, "TIGER_BONE", 4.0, "SAIGA_HORN", 1.6, "PANGOLIN_SCALE", 0.5, "LEOPARD_BONE", 0.2, "WHALE", 0.1);

    /** Category of planted post g (1..10000), null for the 2000 unmatched ones (10001..12000). */
    static String category(int g) {
        int upper = 0;
        for (Map.Entry<String, Integer> e : PLANTED.entrySet()) {
            upper += e.getValue();
            if (g <= upper) {
                return e.getKey();
            }
        }
        return null;
    }

    static int accountIndex(int g) {
        return g % 10 < 5 ? 0 : g % 10 < 8 ? 1 : 2;
    }

    @Test
    void categorySharesMonthlyTrendAndConcentrationFromPlantedPosts() throws SQLException {
        String cohort = unique("shares");
        long[] acc = {createAccount("weibo", unique("a"), List.of(cohort)), createAccount("weibo", unique("b"), List.of(cohort)),
                createAccount("taobao", unique("c"), List.of(cohort))};
        long outsider = createAccount("weibo", unique("outsider"), List.of());
        StringBuilder cases = new StringBuilder("case");
        int upper = 0;
        for (Map.Entry<String, Integer> e : PLANTED.entrySet()) {
            upper += e.getValue();
            cases.append(" when g <= ").append(upper).append(" then '").append(e.getKey()).append("'");
        }
        cases.append(" end");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("""
                    create temp table planted on commit drop as
                    select g, (array[?, ?, ?]::bigint[])[case when g %% 10 < 5 then 1 when g %% 10 < 8 then 2 else 3 end] as account_id,
                           timestamptz '2016-01-01 12:00:00+00' + ((g %% 366) || ' days')::interval as posted_at, %s as category
                      from generate_series(1, 12000) g""".formatted(cases))) {
                st.setLong(1, acc[0]);
                st.setLong(2, acc[1]);
                st.setLong(3, acc[2]);
                st.execute();
            }
            try (var st = c.createStatement()) {
                st.execute("alter table planted add column post_id bigint");
                st.execute("""
                        with ins as (insert into post (account_id, posted_at, external_id, text, created_by)
                                     select account_id, posted_at, 'planted-' || g, 'ad ' || g, 'test' from planted returning id, account_id, external_id)
                        update planted set post_id = ins.id from ins where ins.account_id = planted.account_id and ins.external_id = 'planted-' || planted.g""");
                String term = "(select min(id) from term where category = %s)";
                // one text match in its category for every planted post
                st.execute("insert into term_match (term_id, category, post_id, confidence) select " + term.formatted("p.category")
                        + ", p.category, p.post_id, 0.7 from planted p where p.category is not null");
                // ivory posts 1..300: one more ivory match from a linked image, and one rhino match of higher confidence: 2 > 1, ivory wins
                st.execute("""
                        insert into image (sha256, media_type, byte_size, width, height, status)
                        select md5('%1$s' || g) || md5(g || '%1$s'), 'image/png', 100, 10, 10, 'DONE' from planted where g <= 300""".formatted(cohort));
                st.execute("""
                        insert into image_link (sha256, account_id, post_id, uploaded_by)
                        select md5('%1$s' || g) || md5(g || '%1$s'), account_id, post_id, 'test' from planted where g <= 300""".formatted(cohort));
                st.execute("insert into term_match (term_id, category, image_sha256, confidence, kind) select " + term.formatted("'IVORY'")
                        + ", 'IVORY', md5('%1$s' || g) || md5(g || '%1$s'), 0.6, 'OCR_CONFUSION' from planted where g <= 300".formatted(cohort));
                st.execute("insert into term_match (term_id, category, post_id, confidence) select " + term.formatted("'RHINO_HORN'")
                        + ", 'RHINO_HORN', post_id, 1.0 from planted where g <= 300");
                // rhino posts 6319..6418: one ivory match of lower confidence: a tie on counts, rhino wins on confidence
                st.execute("insert into term_match (term_id, category, post_id, confidence) select " + term.formatted("'IVORY'")
                        + ", 'IVORY', post_id, 0.5 from planted where g between 6319 and 6418");
                // confounders outside the report: a matched post in 2015, and one by an account outside the cohort
                st.execute("""
                        with p as (insert into post (account_id, posted_at, text, created_by)
                                   values (%d, timestamptz '2015-12-31 23:59:59+00', 'old', 'test'), (%d, timestamptz '2016-05-01 00:00:00+00', 'other', 'test')
                                   returning id)
                        insert into term_match (term_id, category, post_id, confidence) select %s, 'WHALE', p.id, 1.0 from p"""
                        .formatted(acc[0], outsider, term.formatted("'WHALE'")));
            }
            c.commit();
        }
        JsonPath r = viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", cohort)
                .get("/api/v1/reports/category-shares").then().statusCode(200)
                .body("posts", equalTo(10000)).body("shares.size()", equalTo(9)).body("shares[0].category", equalTo("IVORY"))
                .extract().jsonPath().using(DOUBLES);
        for (Map.Entry<String, Integer> e : PLANTED.entrySet()) {
            Map<String, Object> share = r.getMap("shares.find { it.category == '" + e.getKey() + "' }");
            assertEquals(e.getValue(), ((Number) share.get("posts")).intValue(), e.getKey());
            assertEquals(e.getValue() / 10000.0, ((Number) share.get("share")).doubleValue(), 1e-12, e.getKey());
            assertEquals(SEED_PERCENT.get(e.getKey()), Math.round(((Number) share.get("share")).doubleValue() * 1000) / 10.0, e.getKey());
        }
        String csv = viewer().accept("text/csv").queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", cohort)
                .get("/api/v1/reports/category-shares").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.contains("all,2016-01-01,2016-12-31,IVORY,6318,0.6318\r\n"), csv);

        // before / after an event date: every post counted once on one side
        int before = 0;
        for (int g = 1; g <= 10000; g++) {
            if (LocalDate.of(2016, 1, 1).plusDays(g % 366).isBefore(LocalDate.of(2016, 7, 1))) {
                before++;
            }
        }
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", cohort).queryParam("event", "2016-07-01")
                .get("/api/v1/reports/category-shares").then().statusCode(200)
                .body("event.before.posts", equalTo(before)).body("event.after.posts", equalTo(10000 - before));

        // monthly trend: new posts (12 000 planted) and matched posts (10 000) per month
        int[] newPosts = new int[12];
        int[] matched = new int[12];
        for (int g = 1; g <= 12000; g++) {
            int m = LocalDate.of(2016, 1, 1).plusDays(g % 366).getMonthValue() - 1;
            newPosts[m]++;
            if (category(g) != null) {
                matched[m]++;
            }
        }
        JsonPath t = viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", cohort)
                .queryParam("event", "2016-07-01").get("/api/v1/reports/monthly-trend").then().statusCode(200)
                .body("months.size()", equalTo(12)).body("months[0].month", equalTo("2016-01")).extract().jsonPath().using(DOUBLES);
        for (int m = 0; m < 12; m++) {
            assertEquals(newPosts[m], t.getInt("months[" + m + "].newPosts"));
            assertEquals(matched[m], t.getInt("months[" + m + "].matchedPosts"));
        }
        int firstHalf = 0;
        for (int m = 0; m < 6; m++) {
            firstHalf += newPosts[m];
        }
        assertEquals(firstHalf / 6.0, t.getDouble("event.before.newPostsPerMonth"), 1e-9);
        viewer().accept("text/csv").queryParam("from", "2016-01-01").queryParam("to", "2016-03-31").queryParam("cohort", cohort)
                .get("/api/v1/reports/monthly-trend").then().statusCode(200)
                .body(containsString("month,newPosts,matchedPosts,matchedShare\r\n2016-01," + newPosts[0] + "," + matched[0] + ","));

        // concentration: accounts and platforms by matched posts
        long[] byAccount = new long[3];
        for (int g = 1; g <= 10000; g++) {
            byAccount[accountIndex(g)]++;
        }
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", cohort)
                .get("/api/v1/reports/concentration").then().statusCode(200)
                .body("matchedPosts", equalTo(10000))
                .body("accounts[0].accountId", equalTo((int) acc[0])).body("accounts[0].matchedPosts", equalTo((int) byAccount[0]))
                .body("platforms[0].platform", equalTo("weibo"))
                .body("platforms[0].matchedPosts", equalTo((int) (byAccount[0] + byAccount[1])))
                .body("platforms[1].share", equalTo((float) (byAccount[2] / 10000.0)));
        viewer().accept("text/csv").queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", cohort)
                .queryParam("event", "2016-07-01").get("/api/v1/reports/concentration").then().statusCode(200)
                .body(containsString("before,platform,,weibo,"));

        // bad input: 400 naming the parameter, never a 500
        viewer().queryParam("from", "2016-01-01").get("/api/v1/reports/category-shares").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2015-01-01").get("/api/v1/reports/monthly-trend").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("event", "2018-01-01")
                .get("/api/v1/reports/concentration").then().statusCode(400).body("errors[0].field", equalTo("event"));
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("top", "many")
                .get("/api/v1/reports/concentration").then().statusCode(400).body("errors[0].field", equalTo("top"));
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").queryParam("cohort", "no-such-cohort-y")
                .get("/api/v1/reports/category-shares").then().statusCode(404);
        viewer().queryParam("from", "2016-01-01").queryParam("to", "2016-12-31").get("/api/v1/reports/category-shares")
                .then().statusCode(200).body("posts", notNullValue());
    }

    @Test
    void openApiShowsTheActivityAndReportEndpoints() {
        String doc = io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/v1/accounts/{id}/activity", "/api/v1/flags", "/api/v1/activity/recompute",
                "/api/v1/reports/cohort-comparison", "/api/v1/reports/category-shares", "/api/v1/reports/monthly-trend",
                "/api/v1/reports/concentration")) {
            assertTrue(doc.contains(path + ":"), path);
        }
    }
}
