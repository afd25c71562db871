package org.dealerpanel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dealerpanel.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@QuarkusTest
class ReportPagesBrowserIT {
    static final String DEMO = "wechat-2015";
    static final String DEMO_WINDOWS = "baselineFrom=2015-01-01&baselineTo=2015-12-31&followupFrom=2016-01-01&followupTo=2016-12-31";

    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    @BeforeEach
    void open() {
        DemoPanel.ensureLoaded();
        browser = Browser.open(base.toString());
    }

    @Test
    void demoCohortReportShowsTheSeedFiguresAndItsChart() {
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/reports/cohort");
        Browser.waitForElement(By.id("cohort-form"));
        assertFalse(browser.findElements(By.id("pick")).isEmpty(), "no cohort chosen: the page asks for one");
        assertEquals("current", browser.findElement(By.id("nav-cohort")).getAttribute("class"));
        // choose the demo cohort and leave the dates empty: the page proposes 2015 against 2016
        new Select(browser.findElement(By.id("f-cohort"))).selectByValue(DEMO);
        browser.findElement(By.id("f-run")).click();
        Browser.waitForElement(By.id("cohort-counts"));
        assertEquals("2015-01-01", value("f-baselineFrom"));
        assertEquals("2015-12-31", value("f-baselineTo"));
        assertEquals("2016-01-01", value("f-followupFrom"));
        assertEquals("2016-12-31", value("f-followupTo"));

        assertEquals("58", text("#n-MONITORED .n"));
        assertEquals("31", text("#n-CEASED .n"));
        assertEquals("27", text("#n-ACTIVE .n"));
        assertEquals("0", text("#n-UNKNOWN .n"));
        assertEquals("Ceased", text("#n-CEASED .badge"));
        // the survivors, before and after
        assertEquals("115", text("#change-posts .before"));
        assertEquals("135", text("#change-posts .after"));
        assertEquals("596", text("#change-images .before"));
        assertEquals("704", text("#change-images .after"));
        String sentence = text("#change-posts .sentence");
        assertTrue(sentence.contains("27 survivors") && sentence.contains("1.17 times") && sentence.contains("+17.4 %")
                && sentence.contains("95 % confidence interval") && sentence.contains("statistically significant"), sentence);
        // the rates of both windows
        assertEquals("58", text("#rates-all td.num"));
        assertEquals("115", text("#rates-survivorsBaseline .posts-per-day"));
        assertEquals("596", text("#rates-survivorsBaseline .images-per-day"));
        assertEquals("135", text("#rates-survivorsFollowup .posts-per-day"));
        assertEquals("704", text("#rates-survivorsFollowup .images-per-day"));
        // the per-account table: 58 rows, each handle linking to its account page
        List<WebElement> rows = browser.findElements(By.cssSelector("#accounts tbody tr"));
        assertEquals(58, rows.size());
        assertEquals(31, browser.findElements(By.cssSelector("#accounts tbody tr[data-outcome=CEASED]")).size());
        WebElement link = rows.get(0).findElement(By.cssSelector("a.handle"));
        assertTrue(link.getAttribute("href").endsWith("/accounts/" + rows.get(0).getAttribute("data-account")), link.getAttribute("href"));
        // the chart has been drawn by ECharts (a canvas in the element)
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#cohort-chart.drawn canvas")).isEmpty());
        fullPageScreenshot("report-cohort");

        // the same report in Chinese
        Browser.go("/lang?to=zh-CN&back=" + URLEncoder.encode("/reports/cohort?cohort=" + DEMO + "&" + DEMO_WINDOWS, StandardCharsets.UTF_8));
        Browser.waitFor(d -> "群组对比".equals(d.findElement(By.tagName("h1")).getText()));
        assertEquals("58", text("#n-MONITORED .n"));
        assertEquals("已停止", text("#n-CEASED .badge"));
        assertEquals("115", text("#change-posts .before"));
        assertEquals("135", text("#change-posts .after"));
        assertTrue(text("#change-posts .sentence").contains("27 个存活账号"), text("#change-posts .sentence"));
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#cohort-chart.drawn canvas")).isEmpty());
        fullPageScreenshot("report-cohort-zh");
        Browser.english();
    }

    @Test
    void categoriesAndTrendPagesShowTheFiguresOfTheApi() {
        String cohort = Api.unique("rpt-pages");
        String hostile = Api.unique("<script>alert('x')</script>");
        long a = Api.createAccount("weibo", Api.unique("ivory-seller"), List.of(cohort));
        long b = Api.createAccount("taobao", hostile, List.of(cohort));
        post(a, "2016-01-10T08:00:00Z", "出售象牙手镯，货真价实");
        post(a, "2016-01-12T08:00:00Z", "老象牙挂件");
        post(a, "2016-01-20T08:00:00Z", "象牙");
        post(a, "2016-02-15T08:00:00Z", "犀角杯一只");
        post(a, "2016-03-05T08:00:00Z", "今日上新，欢迎咨询");
        post(b, "2016-02-20T08:00:00Z", "象牙筷一套");
        post(b, "2016-03-10T08:00:00Z", "穿山甲片");
        post(b, "2016-03-11T08:00:00Z", "穿山甲鳞片，量大从优");
        post(b, "2016-03-12T08:00:00Z", "普通茶具");
        Map<String, String> params = Map.of("from", "2016-01-01", "to", "2016-03-31", "cohort", cohort, "event", "2016-02-01");
        String query = "?from=2016-01-01&to=2016-03-31&cohort=" + cohort + "&event=2016-02-01";

        String empty = Api.unique("rpt-empty");
        Api.createAccount("weibo", Api.unique("quiet"), List.of(empty));

        Browser.english();
        Browser.signInAsAdmin();
        // without dates: the last twelve months, here without any matched post
        Browser.go("/reports/categories?cohort=" + empty);
        Browser.waitForElement(By.id("empty"));
        assertFalse(value("f-from").isEmpty(), "the period is proposed");
        assertEquals("0", text("#n-matched .n"));
        Browser.go("/reports/trend?cohort=" + empty);
        Browser.waitForElement(By.id("concentration-empty"));
        assertEquals(12, browser.findElements(By.cssSelector("#months tbody tr")).size());
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#trend-chart.drawn canvas")).isEmpty());

        // category shares
        Browser.go("/reports/categories" + query);
        Browser.waitForElement(By.id("shares"));
        JsonPath shares = Api.viewer().queryParams(params).get("/api/v1/reports/category-shares").then().statusCode(200)
                .extract().jsonPath();
        long total = shares.getLong("posts");
        assertTrue(total >= 7, "the planted posts matched: " + total);
        assertEquals(String.valueOf(total), text("#total-posts"));
        assertEquals(String.valueOf(total), text("#n-matched .n"));
        assertEquals(shares.getString("event.before.posts"), text("#n-before .n"));
        assertEquals(shares.getString("event.after.posts"), text("#n-after .n"));
        List<Map<String, Object>> apiShares = shares.getList("shares");
        List<WebElement> rows = browser.findElements(By.cssSelector("#shares tbody tr"));
        assertEquals(apiShares.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> s = apiShares.get(i);
            WebElement row = rows.get(i);
            assertEquals(s.get("category"), row.getAttribute("data-category"));
            assertEquals(String.valueOf(s.get("posts")), row.findElement(By.className("posts")).getText());
            assertPercent(((Number) s.get("share")).doubleValue(), row.findElement(By.className("share")).getText());
        }
        assertEquals("Ivory", browser.findElement(By.cssSelector("#shares tr[data-category=IVORY] td")).getText());
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#categories-chart.drawn canvas")).isEmpty());
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#compare-chart.drawn canvas")).isEmpty());
        fullPageScreenshot("report-categories");

        // monthly trend and concentration
        browser.findElement(By.id("nav-trend")).click();
        Browser.waitForElement(By.id("months"));
        assertTrue(browser.getCurrentUrl().contains("cohort=" + cohort), "the sub-navigation keeps the choice");
        JsonPath trend = Api.viewer().queryParams(params).get("/api/v1/reports/monthly-trend").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> months = trend.getList("months");
        assertEquals(3, months.size());
        assertEquals(3, browser.findElements(By.cssSelector("#months tbody tr")).size());
        for (Map<String, Object> m : months) {
            WebElement row = browser.findElement(By.cssSelector("#months tr[data-month='" + m.get("month") + "']"));
            assertEquals(String.valueOf(m.get("newPosts")), row.findElement(By.className("new")).getText());
            assertEquals(String.valueOf(m.get("matchedPosts")), row.findElement(By.className("matched")).getText());
        }
        assertEquals(4, ((Number) months.get(2).get("newPosts")).intValue(), "March: 4 new posts");
        JsonPath concentration = Api.viewer().queryParams(params).get("/api/v1/reports/concentration").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> holders = concentration.getList("accounts");
        List<WebElement> top = browser.findElements(By.cssSelector("#top-accounts tbody tr"));
        assertEquals(2, holders.size());
        assertEquals(holders.size(), top.size());
        for (int i = 0; i < top.size(); i++) {
            Map<String, Object> h = holders.get(i);
            assertEquals(String.valueOf(h.get("accountId")), top.get(i).getAttribute("data-account"));
            assertEquals(h.get("handle"), top.get(i).findElement(By.cssSelector("a.handle")).getText());
            assertEquals(String.valueOf(h.get("matchedPosts")), top.get(i).findElement(By.className("matched")).getText());
            assertPercent(((Number) h.get("share")).doubleValue(), top.get(i).findElement(By.className("share")).getText());
        }
        // the hostile handle is shown as text, never run
        assertTrue(browser.findElements(By.cssSelector("#top-accounts a.handle")).stream().anyMatch(e -> e.getText().equals(hostile)));
        assertEquals(concentration.getList("platforms").size(), browser.findElements(By.cssSelector("#top-platforms tbody tr")).size());
        assertEquals(trend.getString("event.before.months"), browser.findElement(By.cssSelector("#summary-before td.num")).getText());
        assertTrue(browser.findElement(By.id("trend-chart")).getAttribute("data-chart").contains("\"month\":\"2016-02\""),
                "the event is marked on the chart");
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#trend-chart.drawn canvas")).isEmpty());
        fullPageScreenshot("report-trend");

        // both pages in Chinese
        Browser.go("/lang?to=zh-CN&back=" + URLEncoder.encode("/reports/categories" + query, StandardCharsets.UTF_8));
        Browser.waitFor(d -> "品类占比".equals(d.findElement(By.tagName("h1")).getText()));
        assertEquals("象牙", browser.findElement(By.cssSelector("#shares tr[data-category=IVORY] td")).getText());
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#compare-chart.drawn canvas")).isEmpty());
        fullPageScreenshot("report-categories-zh");
        browser.findElement(By.id("nav-trend")).click();
        Browser.waitFor(d -> "月度趋势".equals(d.findElement(By.tagName("h1")).getText()));
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#trend-chart.drawn canvas")).isEmpty());
        fullPageScreenshot("report-trend-zh");
        Browser.english();
        Browser.go("/reports/trend" + query);
        Browser.waitForElement(By.id("download-trend-csv"));

        // the CSV links answer what the API answers for text/csv
        PageSession session = PageSession.signIn("vera", Api.PASSWORD, "/reports/trend" + query);
        String trendCsv = session.request().get(browser.findElement(By.id("download-trend-csv")).getAttribute("href"))
                .then().statusCode(200).extract().asString();
        assertEquals(Api.viewer().accept("text/csv").queryParams(params).get("/api/v1/reports/monthly-trend").asString(), trendCsv);
    }

    @Test
    void badInputIsShownInWordsOnThePage() {
        Api.viewer(); // creates the viewer vera
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/reports/cohort?cohort=" + DEMO + "&" + DEMO_WINDOWS);
        Browser.waitForElement(By.id("cohort-counts"));
        WebElement from = browser.findElement(By.id("f-baselineFrom"));
        from.clear();
        from.sendKeys("2015-02-30");
        WebElement to = browser.findElement(By.id("f-followupTo"));
        to.clear();
        to.sendKeys("2015-06-01");
        browser.findElement(By.id("f-run")).click();
        WebElement errors = Browser.waitForElement(By.id("errors"));
        assertTrue(errors.getText().contains("Baseline from: “2015-02-30” is not a date"), errors.getText());
        assertTrue(errors.getText().contains("Follow-up to: must not be before the start of its window (2016-01-01)"), errors.getText());
        assertTrue(browser.findElements(By.id("cohort-counts")).isEmpty(), "no report from a bad form");
        assertEquals("2015-02-30", value("f-baselineFrom"), "the form keeps what was typed");
        fullPageScreenshot("report-cohort-error");

        Browser.go("/reports/cohort?cohort=no-such-cohort&" + DEMO_WINDOWS);
        assertTrue(Browser.waitForElement(By.id("errors")).getText().contains("There is no cohort named “no-such-cohort”"));
        Browser.go("/reports/categories?from=2016-01-01&to=2016-13-01");
        assertTrue(Browser.waitForElement(By.id("errors")).getText().contains("To: “2016-13-01” is not a date"));
        Browser.go("/reports/trend?from=2016-01-01&to=2016-03-31&event=2017-01-01");
        assertTrue(Browser.waitForElement(By.id("errors")).getText()
                .contains("Event date: must be after 2016-01-01 and on or before 2016-03-31"));

        // in Chinese too, and as an HTML page (not a 500, not JSON)
        PageSession session = PageSession.signIn("vera", Api.PASSWORD, "/reports/cohort");
        Response page = session.request().cookie("tracker-lang", "zh-CN")
                .get("/reports/cohort?cohort=" + DEMO + "&baselineFrom=2015-02-30&baselineTo=2015-12-31&followupFrom=2016-01-01&followupTo=2016-12-31");
        assertEquals(200, page.statusCode());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.asString().contains("基线起始日期：“2015-02-30”不是有效日期"), page.asString());
    }

    @Test
    void csvLinkReturnsTheCohortReportWithItsAccountRows() {
        Api.viewer(); // creates the viewer vera
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/reports/cohort?cohort=" + DEMO + "&" + DEMO_WINDOWS);
        String href = Browser.waitForElement(By.id("download-csv")).getAttribute("href");
        assertTrue(href.contains("/reports/cohort.csv?"), href);
        PageSession session = PageSession.signIn("vera", Api.PASSWORD, "/reports/cohort");
        Response csv = session.request().get(href);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").contains("cohort-comparison.csv"));
        List<String> lines = csv.asString().lines().toList();
        assertTrue(lines.get(0).startsWith("row,accountId,platform,handle,outcome"), lines.get(0));
        assertEquals(58, lines.stream().filter(l -> l.startsWith("account,")).count());
        assertEquals(31, lines.stream().filter(l -> l.startsWith("account,") && l.contains(",CEASED,")).count());
        assertTrue(lines.contains("counts,,,,,58,,,,,,,,,,,,,,,,,"), "the counts row");
        // the same bytes as the API's CSV
        String api = Api.viewer().accept("text/csv").queryParam("cohort", DEMO).queryParam("baselineFrom", "2015-01-01")
                .queryParam("baselineTo", "2015-12-31").queryParam("followupFrom", "2016-01-01").queryParam("followupTo", "2016-12-31")
                .get("/api/v1/reports/cohort-comparison").then().statusCode(200).extract().asString();
        assertEquals(api, csv.asString());
        // a bad request is a 400 in words, not a CSV
        Response bad = session.request().get("/reports/cohort.csv?cohort=" + DEMO + "&baselineFrom=x");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("Baseline from"), bad.asString());
    }

    /** A screenshot of the whole page: the window grows to the page's height for the shot, then returns to its size. */
    private void fullPageScreenshot(String name) {
        Dimension size = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        try {
            browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 160, 6000)));
            Browser.screenshot(name);
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    private static void post(long account, String postedAt, String text) {
        Api.investigator().body(Map.of("postedAt", postedAt, "text", text)).post("/api/v1/accounts/" + account + "/posts")
                .then().statusCode(201);
    }

    private static void assertPercent(double share, String shown) {
        assertTrue(shown.endsWith(" %"), shown);
        double pct = Double.parseDouble(shown.substring(0, shown.length() - 2));
        assertEquals(share * 100, pct, 0.05, shown);
    }

    private String text(String css) {
        WebElement e = browser.findElement(By.cssSelector(css));
        assertNotNull(e);
        return e.getText().strip();
    }

    private String value(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }
}
