package org.dealerpanel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.dealerpanel.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

@QuarkusTest
class WatchlistBrowserIT {
    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    @BeforeEach
    void open() {
        DemoPanel.ensureLoaded();
        browser = Browser.open(base.toString());
    }

    @Test
    void anonymousBrowserIsSentToTheSignInFormAndAWrongPasswordShowsAnError() {
        browser.manage().deleteAllCookies();
        Browser.english();
        Browser.go("/?status=DORMANT");
        Browser.waitFor(d -> d.getCurrentUrl().contains("/login"));
        Browser.screenshot("login");
        Browser.signIn("admin", "certainly-not-the-password");
        WebElement error = Browser.waitForElement(By.id("login-error"));
        assertTrue(error.getText().contains("Wrong user name or password"), error.getText());
        Browser.screenshot("login-wrong-password");
    }

    @Test
    void signInThenSignOut() {
        Browser.english();
        Browser.signInAsAdmin();
        Browser.waitForElement(By.id("watchlist"));
        assertTrue(browser.findElement(By.className("who")).getText().contains("admin"));
        browser.findElement(By.id("logout")).click();
        Browser.waitForElement(By.id("logged-out"));
        // signed out: the watchlist sends the browser back to the form
        Browser.go("/");
        Browser.waitFor(d -> d.getCurrentUrl().contains("/login"));
    }

    @Test
    void watchlistFilteredToDormantDemoAccounts() {
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/?cohort=other-platforms&status=DORMANT");
        Browser.waitForElement(By.id("watchlist"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#watchlist tbody tr"));
        assertFalse(rows.isEmpty(), "the demo panel has dormant accounts");
        for (WebElement row : rows) {
            assertEquals("DORMANT", row.getAttribute("data-status"));
            assertEquals("Dormant", row.findElement(By.cssSelector(".badge")).getText());
        }
        // the count at the top agrees with the rows and with the API
        int apiTotal = Api.admin().queryParam("cohort", "other-platforms").queryParam("status", "DORMANT")
                .get("/api/v1/accounts").then().statusCode(200).extract().jsonPath().getInt("total");
        assertEquals(apiTotal, rows.size());
        assertEquals(String.valueOf(apiTotal), browser.findElement(By.cssSelector("#count-DORMANT .n")).getText());
        // sparklines are drawn by the charting library (uPlot canvases), one per row
        Browser.waitFor(d -> d.findElements(By.cssSelector(".spark.drawn canvas")).size() == rows.size());
        Browser.screenshot("watchlist-dormant");
        Browser.go("/?cohort=wechat-2015");
        Browser.waitForElement(By.id("watchlist"));
        assertEquals("58", browser.findElement(By.cssSelector("#count-ALL .n")).getText());
        Browser.screenshot("watchlist");
    }

    @Test
    void languageSwitchTurnsTheHeadingsIntoChineseAndBack() {
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/?cohort=wechat-2015");
        Browser.waitForElement(By.id("watchlist"));
        assertEquals("Status", header(5));
        browser.findElement(By.id("lang-zh")).click();
        Browser.waitFor(d -> "状态".equals(header(5)));
        assertEquals("监测名单", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.getCurrentUrl().contains("cohort=wechat-2015"), "the switch keeps the page and its filters");
        Browser.screenshot("watchlist-zh");
        browser.findElement(By.id("lang-en")).click();
        Browser.waitFor(d -> "Status".equals(header(5)));
    }

    @Test
    void csvDownloadHasExactlyTheFilteredRows() {
        PageSession session = PageSession.signIn("admin", Api.ADMIN_PASSWORD, "/");
        String csv = session.request().queryParam("cohort", "wechat-2015").queryParam("status", "CEASED")
                .get("/watchlist.csv").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        int total = Api.admin().queryParam("cohort", "wechat-2015").queryParam("status", "CEASED")
                .get("/api/v1/accounts").then().extract().jsonPath().getInt("total");
        assertEquals(total + 1, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",CEASED,")));
    }

    private String header(int index) {
        return browser.findElements(By.cssSelector("#watchlist thead th")).get(index).getText().replace("▲", "").replace("▼", "").strip();
    }
}
