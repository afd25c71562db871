package org.dealerpanel.web;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.dealerpanel.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dealerpanel.Api;
import org.dealerpanel.image.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The search box of the layout (on the watchlist) leads to /search with the hits highlighted: post and image hits,
 * accounts linking to their pages, traditional characters and a space in the query finding a simplified post, every
 * piece of the text escaped; the page in Chinese; the re-match progress fragment for the lexicon page.
 */
@QuarkusTest
class SearchBrowserIT {
    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(base.toString());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void searchBoxOnTheWatchlistLeadsToHighlightedHits() throws Exception {
        String marker = unique("").replaceAll("\\D", "");
        String handle = unique("seller");
        long account = createAccount("wechat", handle, List.of());
        long other = createAccount("weibo", unique("seller"), List.of());
        long post = investigator().body(Map.of("postedAt", "2016-09-12T08:00:00Z", "text",
                        "批号" + marker + "：新到一批象牙手镯，品相完美 <script>alert('x')</script> 价格私聊"))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        investigator().body(Map.of("postedAt", "2016-09-10T08:00:00Z", "text", "批号" + marker + "：象·牙 手鐲 一对，另有犀角杯"))
                .post("/api/v1/accounts/" + other + "/posts").then().statusCode(201);
        byte[] ad = TestImages.ad(2001, "象牙手镯 批号" + marker, "微信: bangle_" + marker.substring(0, Math.min(6, marker.length())));
        String sha = sha256(ad);
        investigator().contentType("multipart/form-data").multiPart("file", "ad.png", ad, "image/png")
                .multiPart("postedOn", "2016-09-11").post("/api/v1/accounts/" + account + "/images").then().statusCode(202);
        long deadline = System.nanoTime() + 180_000_000_000L;
        JsonPath image;
        do {
            Thread.sleep(500);
            image = viewer().get("/api/v1/images/" + sha).then().statusCode(200).extract().jsonPath();
        } while ("QUEUED".equals(image.getString("status")) && System.nanoTime() < deadline);
        assertEquals("DONE", image.getString("status"), image.prettify());

        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/");
        Browser.waitForElement(By.id("watchlist"));
        WebElement box = Browser.waitForElement(By.id("top-search"));
        assertEquals("Search posts and images…", box.getAttribute("placeholder"));
        // traditional 鐲 and a space inside the word, plus the batch number: the simplified posts and the image
        box.sendKeys("象牙 手鐲" + Keys.ENTER);
        Browser.waitFor(d -> d.getCurrentUrl().contains("/search?q="));
        assertEquals("象牙 手鐲", URLDecoder.decode(browser.getCurrentUrl().replaceAll(".*[?&]q=([^&]*).*", "$1"), StandardCharsets.UTF_8));
        Browser.waitForElement(By.id("search-results"));
        // narrow to this test's texts with the batch number
        WebElement q = browser.findElement(By.id("s-q"));
        q.clear();
        q.sendKeys("批号 " + marker);
        browser.findElement(By.id("s-submit")).click();
        Browser.waitFor(d -> d.getCurrentUrl().contains("q=%E6%89%B9%E5%8F%B7") && !d.findElements(By.id("search-results")).isEmpty());
        List<WebElement> rows = browser.findElements(By.cssSelector("#search-results tbody tr"));
        assertEquals(3, rows.size(), "two posts and the image");
        assertTrue(browser.findElement(By.id("search-total")).getText().contains("3 hits"));
        // newest day first: the post of 12 September, the image posted on the 11th, the other post of the 10th
        assertEquals(String.valueOf(post), rows.get(0).getAttribute("data-post"));
        assertEquals("IMAGE", rows.get(1).getAttribute("data-kind"));
        assertEquals(sha, rows.get(1).getAttribute("data-sha256"));
        assertEquals("POST", rows.get(2).getAttribute("data-kind"));
        assertEquals("2016-09-11", rows.get(1).findElements(By.tagName("td")).get(2).getText());
        for (WebElement row : rows) {
            List<WebElement> marks = row.findElements(By.cssSelector("td.snippet mark.hit"));
            assertFalse(marks.isEmpty(), "a highlighted hit in every snippet: " + row.getText());
            assertTrue(marks.get(0).getText().replaceAll("\\s", "").startsWith(marker) || marks.get(0).getText().contains("批号"),
                    marks.get(0).getText());
        }
        // everything the dealer wrote is shown as text, never run
        WebElement first = rows.get(0).findElement(By.cssSelector("td.snippet"));
        assertTrue(first.getText().contains("<script>alert('x')</script>"), first.getText());
        assertTrue(first.findElements(By.tagName("script")).isEmpty());
        // accounts link to their pages
        WebElement accountLink = rows.get(0).findElement(By.cssSelector("a.handle"));
        assertEquals("wechat/" + handle, accountLink.getText());
        assertTrue(accountLink.getAttribute("href").endsWith("/accounts/" + account));
        Browser.screenshot("search");

        // the simplified post is found by traditional characters with a space inside; the hit is marked
        Browser.go("/search?q=" + java.net.URLEncoder.encode("象 牙手鐲", StandardCharsets.UTF_8) + "&account=" + account);
        Browser.waitForElement(By.id("search-results"));
        List<WebElement> mine = browser.findElements(By.cssSelector("#search-results tbody tr[data-post]"));
        assertEquals(1, mine.size());
        assertEquals("象牙手镯", mine.get(0).findElement(By.cssSelector("mark.hit")).getText());
        assertTrue(browser.findElement(By.id("search-read-as")).getText().contains("“象牙手镯”"));
        assertTrue(browser.findElement(By.id("search-read-as")).getText().contains("wechat/" + handle));
        Browser.screenshot("search-traditional");

        // in Chinese
        Browser.go("/lang?to=zh-CN&back=" + java.net.URLEncoder.encode("/search?q=" + java.net.URLEncoder.encode("批号 " + marker,
                StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        Browser.waitForElement(By.id("search-results"));
        assertEquals("检索档案", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.id("search-total")).getText().contains("共 3 条结果"));
        assertEquals("检索帖子和图片…", browser.findElement(By.id("top-search")).getAttribute("placeholder"));
        assertEquals("图片", browser.findElement(By.cssSelector("tr[data-kind='IMAGE'] .badge")).getText());
        Browser.screenshot("search-zh");
        Browser.english();

        // the image hit opens the image
        Browser.go("/search?q=" + marker);
        Browser.waitForElement(By.id("search-results"));
        String href = browser.findElement(By.cssSelector("tr[data-kind='IMAGE'] a.open-hit")).getAttribute("href");
        assertTrue(href.endsWith("/search/images/" + sha), href);
        byte[] served = PageSession.signIn("admin", Api.ADMIN_PASSWORD, "/search").request().get(href.substring(href.indexOf("/search")))
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertEquals(sha, sha256(served));
    }

    @Test
    void badQueriesAreExplainedInWordsAndTheRescanProgressIsAFragment() {
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/search?q=%E8%B1%A1");
        WebElement errors = Browser.waitForElement(By.id("search-errors"));
        assertTrue(errors.getText().contains("at least two letters or digits"), errors.getText());
        assertEquals("q", errors.findElement(By.tagName("li")).getAttribute("data-field"));
        Browser.go("/search");
        assertTrue(Browser.waitForElement(By.id("search-hint")).getText().contains("traditional or simplified"));
        Browser.go("/search/rescan-progress");
        WebElement progress = Browser.waitForElement(By.id("rescan-progress"));
        String state = progress.getAttribute("data-state");
        assertTrue(state.equals("IDLE") || state.equals("RUNNING"), state);
        assertTrue(progress.getText().contains("lexicon version " + progress.getAttribute("data-version")), progress.getText());
        // a viewer may search too (it only reads)
        viewer();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/search?q=" + java.net.URLEncoder.encode("象牙", StandardCharsets.UTF_8));
        Browser.waitFor(d -> !d.findElements(By.id("search-total")).isEmpty());
    }
}
