package org.dealerpanel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.dealerpanel.Api;
import org.dealerpanel.image.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The account page (/accounts/{id}) and the dealer page (/dealers/{id}) in a real browser. */
@QuarkusTest
class AccountPageBrowserIT {
    static final String EVIL = "<script>alert(1)</script>";

    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    @BeforeEach
    void open() {
        DemoPanel.ensureLoaded();
        Api.investigator(); // makes sure the test users ivan and vera exist
        browser = Browser.open(base.toString());
    }

    static LocalDate yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    /** The demo panel's account with this handle (other tests may use the same handle on another platform). */
    static long accountId(String handle) {
        return Api.admin().queryParam("q", handle).queryParam("size", "1000").get("/api/v1/accounts").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.handle == '" + handle
                        + "' && it.displayName != null && it.displayName.startsWith('[DEMO]') }.id");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    WebElement drawnChart(String id) {
        return Browser.waitFor(d -> {
            var found = d.findElements(By.cssSelector("#" + id + ".drawn"));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** The values of a series as the chart itself holds them (not only what the page wrote). */
    long nonNullInChart(String id, int series) {
        return (Long) js("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c.getOption().series[arguments[1]].data.filter(function (v) {"
                + " return v !== null && v !== undefined && v !== '-'; }).length;", id, series);
    }

    /** A screenshot of the whole page: the viewport is made as tall as the page (DevTools), then put back. */
    void fullScreenshot(String name) {
        ChromeDriver chrome = (ChromeDriver) browser;
        long width = (Long) js("return window.innerWidth;");
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight);");
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", Math.min(Math.max(height, 600), 8000), "deviceScaleFactor", 1, "mobile", false));
        try {
            Thread.sleep(400); // the charts follow the resize
            Browser.screenshot(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void demoAccountTimelineIsDrawnWithData() {
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        long id = accountId("demo-wx-002");
        Browser.go("/accounts/" + id);
        assertEquals("demo-wx-002", Browser.waitForElement(By.id("handle")).getText());
        WebElement chart = drawnChart("timeline");
        assertFalse(chart.findElements(By.tagName("canvas")).isEmpty(), "ECharts drew on a canvas");
        // the data the page passed holds observed days, and so does the chart's own series
        JsonPath data = JsonPath.from(chart.getAttribute("data-chart"));
        List<Integer> posts = data.getList("posts");
        assertTrue(posts.stream().filter(v -> v != null).count() > 30, "observed days in the window: " + posts.size());
        assertTrue(posts.stream().anyMatch(v -> v != null && v > 0), "some posts in the window");
        assertTrue(nonNullInChart("timeline", 0) > 30, "the posts series of the chart holds the values");
        assertTrue(nonNullInChart("timeline", 1) > 30, "the images series of the chart holds the values");
        assertEquals(posts.size(), data.getList("days").size());
        // the demo's status is explained in words, the demo's cohort and the empty dealer are shown
        assertFalse(browser.findElement(By.id("status-rule")).getText().isBlank());
        assertTrue(browser.findElement(By.id("facts")).getText().contains("wechat-2015"));
        fullScreenshot("account");

        Browser.go("/lang?to=zh-CN&back=/accounts/" + id);
        Browser.waitFor(d -> "时间线".equals(d.findElement(By.cssSelector("#timeline-card h2")).getText()));
        drawnChart("timeline");
        assertEquals("基本信息", browser.findElement(By.cssSelector("#facts h2")).getText());
        assertEquals("每日帖子数", JsonPath.from(browser.findElement(By.id("timeline")).getAttribute("data-chart"))
                .getString("labels.posts"));
        fullScreenshot("account-zh");
        Browser.english();
    }

    @Test
    void ceasedDemoAccountShowsItsOldDataAndWhyItCeased() {
        long id = Api.admin().queryParam("cohort", "wechat-2015").queryParam("status", "CEASED").queryParam("size", "1")
                .get("/api/v1/accounts").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/accounts/" + id);
        JsonPath data = JsonPath.from(drawnChart("timeline").getAttribute("data-chart"));
        // nothing was observed in the last year: the window is put around the account's observed days (2015-2016)
        List<String> days = data.getList("days");
        assertTrue(days.get(0).startsWith("2015-") && days.get(days.size() - 1).equals("2016-12-31"), days.get(0));
        assertTrue(nonNullInChart("timeline", 0) > 600, "the observed days are drawn, zeros included");
        String marks = browser.findElement(By.id("timeline-marks")).getText();
        assertTrue(marks.contains("Last active") && marks.contains("Platform: "), marks);
        assertTrue(browser.findElement(By.id("status-platform")).getText().contains("whatever its counts say"));
        fullScreenshot("account-ceased");
    }

    @Test
    void flagEvidenceIsGivenInWordsAndMarkedOnTheTimeline() {
        List<Map<String, Object>> flags = Api.admin().queryParam("cohort", "other-platforms").get("/api/v1/flags")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> flag = flags.stream().filter(f -> "STEPPED_UP".equals(f.get("type"))).findFirst()
                .orElseGet(() -> flags.stream().filter(f -> !"REACTIVATED".equals(f.get("type"))).findFirst().orElseThrow());
        long id = ((Number) flag.get("accountId")).longValue();
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/accounts/" + id);
        WebElement evidence = Browser.waitForElement(By.cssSelector("#flag-evidence .flag-ev[data-flag='" + flag.get("type") + "']"));
        String text = evidence.getText();
        assertTrue(text.contains("Recent window") && text.contains("Baseline window") && text.contains("per observed day"), text);
        assertTrue(text.contains("95 % interval") && text.contains("One-sided p-value"), text);
        assertTrue(text.contains("It still holds without"), text);
        JsonPath data = JsonPath.from(drawnChart("timeline").getAttribute("data-chart"));
        assertFalse(data.getList("areas").isEmpty(), "the flag's window is shaded on the timeline");
        assertTrue(data.getList("areas.kind").contains(flag.get("type")));
        fullScreenshot("account-flags");
        Browser.go("/lang?to=zh-CN&back=/accounts/" + id);
        WebElement zh = Browser.waitForElement(By.cssSelector("#flag-evidence .flag-ev[data-flag='" + flag.get("type") + "']"));
        assertTrue(zh.getText().contains("近期窗口") && zh.getText().contains("95% 置信区间"), zh.getText());
        drawnChart("timeline");
        fullScreenshot("account-flags-zh");
        Browser.english();
    }

    @Test
    void ocrHitIsHighlightedInTheGallery() throws Exception {
        long account = Api.createAccount("weibo", Api.unique("gallery"), List.of());
        long other = Api.createAccount("xianyu", Api.unique("gallery-twin"), List.of());
        long post = Api.investigator().body(Map.of("postedAt", yesterday() + "T09:30:00Z",
                        "text", "新到一批象牙手镯，老料，价格私聊。加微信 ivory_gallery77"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        Api.investigator().body(Map.of("postedAt", yesterday() + "T10:00:00Z", "text", "老货转让 微信 ivory_gallery77"))
                .post("/api/v1/accounts/" + other + "/posts").then().statusCode(201);
        byte[] ad = TestImages.ad(7101, "精品象牙手镯 诚信出售", "价格面议 包邮", "微信: ivory_gallery77");
        String sha = Api.investigator().contentType("multipart/form-data").multiPart("file", "ad.png", ad, "image/png")
                .multiPart("postedOn", yesterday().toString())
                .post("/api/v1/accounts/" + account + "/images").then().statusCode(202).extract().jsonPath().getString("sha256");
        JsonPath image = awaitOcr(sha, 240);
        assertEquals("DONE", image.getString("status"), "OCR finished: " + image.prettify());
        List<Map<String, Object>> matches = image.getList("matches");
        assertTrue(matches.stream().anyMatch(m -> "IVORY".equals(m.get("category")) && m.get("start") != null), matches.toString());

        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/accounts/" + account);
        WebElement figure = Browser.waitForElement(By.cssSelector("#gallery figure[data-sha='" + sha + "']"));
        assertEquals("DONE", figure.getAttribute("data-ocr"));
        List<WebElement> hits = figure.findElements(By.cssSelector(".ocrtext mark.hit"));
        assertFalse(hits.isEmpty(), "a matched term is marked in the OCR text");
        assertTrue(hits.stream().anyMatch(h -> h.getText().replaceAll("\\s", "").contains("象牙")),
                hits.stream().map(WebElement::getText).toList().toString());
        // the thumbnail is the stored image, streamed by the page route
        assertTrue((Boolean) js("var img = arguments[0]; return img.complete && img.naturalWidth > 0;",
                figure.findElement(By.tagName("img"))), "the thumbnail loaded");
        assertTrue(figure.getText().contains("OCR done"));
        // the post is highlighted too, and the account sharing the WeChat id is linked with its evidence
        WebElement postItem = browser.findElement(By.id("post-" + post));
        assertTrue(postItem.findElements(By.cssSelector("mark.hit")).stream().anyMatch(m -> m.getText().contains("象牙")));
        WebElement link = browser.findElement(By.cssSelector("#links-table tr[data-linked='" + other + "']"));
        assertTrue(link.getText().contains("ivory_gallery77") && link.getText().contains("WeChat"), link.getText());
        fullScreenshot("account-gallery");
    }

    static JsonPath awaitOcr(String sha, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            JsonPath image = Api.viewer().get("/api/v1/images/" + sha).then().statusCode(200).extract().jsonPath();
            if (!"QUEUED".equals(image.getString("status")) || System.nanoTime() > deadline) {
                return image;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void viewerSeesNoWriteControlsAndAForgedPostIsRefused() {
        long account = Api.createAccount("qq", Api.unique("viewer-page"), List.of());
        Api.investigator().body(Map.of("notes", "original notes")).patch("/api/v1/accounts/" + account).then().statusCode(200);
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/accounts/" + account);
        Browser.waitForElement(By.id("facts"));
        assertTrue(browser.findElements(By.id("observation-form")).isEmpty());
        assertTrue(browser.findElements(By.id("details-form")).isEmpty());
        assertTrue(browser.findElements(By.id("state-form")).isEmpty());
        assertTrue(browser.findElements(By.id("refer")).isEmpty(), "a viewer cannot refer");
        // the only form that writes is the viewer's own watch button (a personal setting, not panel data)
        assertTrue(browser.findElements(By.cssSelector("main form[method='post']:not(.watch-form)")).isEmpty(),
                "no write form at all");
        assertTrue(browser.findElements(By.cssSelector("main input, main textarea, main select")).stream()
                .filter(e -> e.findElements(By.xpath("ancestor::form[contains(@class, 'watch-form')]")).isEmpty())
                .allMatch(e -> "from".equals(e.getAttribute("name")) || "to".equals(e.getAttribute("name"))),
                "only the timeline's window can be chosen");
        fullScreenshot("account-viewer");

        // a forged write with a valid CSRF token of the viewer's own session: refused by role, nothing written
        PageSession session = PageSession.signIn("vera", Api.PASSWORD, "/accounts/" + account);
        String day = yesterday().toString();
        session.request().contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrfToken)
                .formParam("date", day).formParam("posts", "7").formParam("images", "9")
                .post("/accounts/" + account + "/observations").then().statusCode(403);
        session.request().contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrfToken)
                .formParam("displayName", "forged").formParam("notes", "forged")
                .post("/accounts/" + account + "/details").then().statusCode(403);
        session.request().contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrfToken)
                .formParam("state", "REMOVED_BY_PLATFORM").formParam("since", day)
                .post("/accounts/" + account + "/platform-state").then().statusCode(403);
        assertEquals(0, Api.viewer().get("/api/v1/accounts/" + account + "/observations").then().statusCode(200)
                .extract().jsonPath().getList("$").size(), "no observation was written");
        JsonPath after = Api.viewer().get("/api/v1/accounts/" + account).then().statusCode(200).extract().jsonPath();
        assertEquals("original notes", after.getString("notes"));
        assertNull(after.getString("displayName"));
        assertEquals("LIVE", after.getString("platformState"));
    }

    @Test
    void investigatorEntersAnObservationThroughTheForm() {
        long account = Api.createAccount("taobao", Api.unique("obs-form"), List.of());
        LocalDate day = yesterday().minusDays(3);
        LocalDate zeroDay = day.minusDays(2); // observed, nothing posted
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/accounts/" + account);
        assertNotNull(Browser.waitForElement(By.id("timeline-empty")), "nothing observed yet: said in words, no empty chart");
        assertTrue(browser.findElement(By.id("refer")).getAttribute("href").endsWith("/referrals/new?accountId=" + account));
        enterObservation(zeroDay, "0", "0");
        enterObservation(day, "4", "11");
        WebElement notice = Browser.waitForElement(By.id("notice"));
        assertTrue(notice.getText().contains("The observation was saved."), notice.getText());
        assertTrue(browser.findElement(By.id("notice-observation")).getText().contains(day + ": posts 4, images 11"));
        WebElement row = browser.findElement(By.cssSelector("#observations-table tr[data-day='" + day + "']"));
        assertTrue(row.getText().contains("4") && row.getText().contains("11") && row.getText().contains("ivan"), row.getText());
        // the API shows it
        List<Map<String, Object>> stored = Api.viewer().get("/api/v1/accounts/" + account + "/observations")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, stored.size());
        Map<String, Object> obs = stored.stream().filter(o -> day.toString().equals(o.get("date"))).findFirst().orElseThrow();
        assertEquals(4, obs.get("posts"));
        assertEquals(11, obs.get("images"));
        assertEquals("ivan", obs.get("recordedBy"));
        // the chart: the zero day is drawn at 0, the unobserved day between is a gap (null) inside a grey band
        JsonPath data = JsonPath.from(drawnChart("timeline").getAttribute("data-chart"));
        List<String> days = data.getList("days");
        List<Integer> posts = data.getList("posts");
        assertEquals(4, posts.get(days.indexOf(day.toString())));
        assertEquals(0, posts.get(days.indexOf(zeroDay.toString())));
        assertNull(posts.get(days.indexOf(zeroDay.plusDays(1).toString())));
        List<List<String>> gaps = data.getList("gaps");
        assertTrue(gaps.contains(List.of(zeroDay.toString(), day.toString())), gaps.toString());

        // a bad entry is refused with the reasons in words, and nothing is written
        Browser.go("/accounts/" + account);
        js("var f = document.getElementById('observation-form');"
                + "f.querySelectorAll('input').forEach(function (i) { i.removeAttribute('required'); i.removeAttribute('min'); });"
                + "document.getElementById('obs-posts').setAttribute('type', 'text');"
                + "document.getElementById('obs-date').setAttribute('type', 'text');");
        setValue("obs-date", "2016-02-30");
        setValue("obs-posts", "-2");
        setValue("obs-images", "");
        browser.findElement(By.id("obs-submit")).click();
        WebElement errors = Browser.waitForElement(By.id("observation-errors"));
        assertTrue(errors.getText().contains("Day: must be a date (yyyy-mm-dd)"), errors.getText());
        assertTrue(errors.getText().contains("Posts: must not be negative"), errors.getText());
        assertTrue(errors.getText().contains("Images: is required"), errors.getText());
        assertEquals(2, Api.viewer().get("/api/v1/accounts/" + account + "/observations").then().extract().jsonPath()
                .getList("$").size());
    }

    private void setValue(String id, String value) {
        js("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private void enterObservation(LocalDate day, String posts, String images) {
        Browser.waitForElement(By.id("observation-form"));
        setValue("obs-date", day.toString());
        setValue("obs-posts", posts);
        setValue("obs-images", images);
        browser.findElement(By.id("obs-submit")).click();
        Browser.waitFor(d -> d.getCurrentUrl().contains("day=" + day));
    }

    @Test
    void userDataIsShownAsText() {
        long account = Api.createAccount("weibo", Api.unique("xss") + EVIL, List.of());
        Api.investigator().body(Map.of("displayName", EVIL, "notes", "notes " + EVIL))
                .patch("/api/v1/accounts/" + account).then().statusCode(200);
        Api.investigator().body(Map.of("postedAt", yesterday() + "T08:00:00Z", "text", EVIL + " 出售象牙手镯 " + EVIL))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201);
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/accounts/" + account);
        WebElement handle = Browser.waitForElement(By.id("handle"));
        assertTrue(handle.getText().endsWith(EVIL), handle.getText());
        assertEquals(EVIL, browser.findElement(By.id("display-name")).getText());
        assertTrue(browser.findElement(By.id("notes")).getText().contains(EVIL));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        String source = browser.getPageSource();
        assertTrue(source.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped in the page");
        assertTrue(browser.findElements(By.xpath("//script[contains(., 'alert(1)')]")).isEmpty(), "no script element made of it");
        // the post text is highlighted and still escaped around the hit
        WebElement post = browser.findElement(By.cssSelector("#posts li.post"));
        assertTrue(post.getText().contains(EVIL));
        assertTrue(post.findElements(By.cssSelector("mark.hit")).stream().anyMatch(m -> m.getText().contains("象牙")));
        // and in the forms' current values
        assertEquals(EVIL, browser.findElement(By.id("details-name")).getAttribute("value"));
        assertTrue(browser.findElement(By.id("details-notes")).getAttribute("value").contains(EVIL));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void investigatorEditsNotesAndPlatformState() {
        long account = Api.createAccount("xianyu", Api.unique("edit-form"), List.of());
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/accounts/" + account);
        WebElement name = Browser.waitForElement(By.id("details-name"));
        name.clear();
        name.sendKeys("Seller Wang");
        browser.findElement(By.id("details-notes")).sendKeys("Moved to a new handle in May.");
        browser.findElement(By.id("details-submit")).click();
        Browser.waitFor(d -> d.getCurrentUrl().contains("notice=details"));
        assertEquals("Seller Wang", browser.findElement(By.id("display-name")).getText());
        assertEquals("Moved to a new handle in May.", browser.findElement(By.id("notes")).getText());

        LocalDate since = yesterday().minusDays(10);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state-select"))).selectByValue("REMOVED_BY_PLATFORM");
        setValue("state-since", since.toString());
        browser.findElement(By.id("state-submit")).click();
        Browser.waitFor(d -> d.getCurrentUrl().contains("notice=state"));
        assertTrue(browser.findElement(By.id("platform-state")).getText().contains("Removed by platform"));
        JsonPath api = Api.viewer().get("/api/v1/accounts/" + account).then().statusCode(200).extract().jsonPath();
        assertEquals("Seller Wang", api.getString("displayName"));
        assertEquals("REMOVED_BY_PLATFORM", api.getString("platformState"));
        assertEquals(since.toString(), api.getString("platformStateSince"));
        assertEquals("CEASED", api.getString("status"));

        // a day in the future is refused in words
        setValue("state-since", yesterday().plusDays(30).toString());
        browser.findElement(By.id("state-submit")).click();
        WebElement errors = Browser.waitForElement(By.id("state-errors"));
        assertTrue(errors.getText().contains("Since: is in the future"), errors.getText());
        assertEquals(since.toString(), Api.viewer().get("/api/v1/accounts/" + account).then().extract().jsonPath()
                .getString("platformStateSince"));
    }

    @Test
    void dealerPageShowsItsAccountsSideBySide() {
        List<Map<String, Object>> dealers = Api.admin().get("/api/v1/dealers").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> dealer = dealers.stream().filter(d -> "[DEMO] Guangzhou carving shop".equals(d.get("name")))
                .findFirst().orElseThrow();
        long id = ((Number) dealer.get("id")).longValue();
        int accounts = ((List<?>) dealer.get("accounts")).size();
        assertTrue(accounts >= 2, "the demo dealer owns several accounts");
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/dealers/" + id);
        assertEquals("[DEMO] Guangzhou carving shop", Browser.waitForElement(By.id("dealer-name")).getText());
        List<WebElement> rows = browser.findElements(By.cssSelector("#dealer-table tbody tr"));
        assertEquals(accounts, rows.size());
        for (WebElement row : rows) {
            assertTrue(row.findElement(By.cssSelector("a.handle")).getAttribute("href").contains("/accounts/"));
        }
        for (String chart : List.of("dealer-posts", "dealer-images")) {
            WebElement el = drawnChart(chart);
            assertFalse(el.findElements(By.tagName("canvas")).isEmpty());
            assertEquals((long) accounts, js("return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series.length;", chart));
            assertTrue(nonNullInChart(chart, 0) > 30, chart + " holds observed days");
        }
        fullScreenshot("dealer");
        // from the dealer to an account and back
        rows.get(0).findElement(By.cssSelector("a.handle")).click();
        Browser.waitForElement(By.id("dealer-link")).click();
        Browser.waitForElement(By.id("dealer-table"));
    }

    @Test
    void unknownAccountAndDealerAreSaidInWords() {
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/accounts/987654321");
        assertEquals("There is no account 987654321.", Browser.waitForElement(By.id("missing")).getText());
        Browser.go("/dealers/987654321");
        assertEquals("There is no dealer 987654321.", Browser.waitForElement(By.id("missing")).getText());
    }
}
