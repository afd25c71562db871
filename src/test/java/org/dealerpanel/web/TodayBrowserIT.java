package org.dealerpanel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.Api;
import org.dealerpanel.collection.CollectionFixtures;
import org.dealerpanel.collection.CollectionFixtures.Schedule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The /today page in a real browser on the planted schedule of CollectionIT: the signed-in monitor's accounts first,
 * the marks, the coverage tables and charts, recording a missing observation from its row (htmx), the account page's
 * schedule card, in English and Chinese; a viewer sees no write control and a forged write is refused.
 */
@QuarkusTest
class TodayBrowserIT {
    static final LocalDate D = CollectionFixtures.D;

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource dataSource;
    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(base.toString());
    }

    /** A screenshot of the whole page (the window stretched to its height for the shot). */
    void fullScreenshot(String name) {
        org.openqa.selenium.chrome.ChromeDriver chrome = (org.openqa.selenium.chrome.ChromeDriver) browser;
        long width = (Long) chrome.executeScript("return window.innerWidth;");
        long height = (Long) chrome.executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                "height", Math.min(Math.max(height, 600), 8000), "deviceScaleFactor", 1, "mobile", false));
        try {
            Thread.sleep(400); // the charts follow the resize
            Browser.screenshot(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    List<Long> dueRows() {
        return browser.findElements(By.cssSelector("#due tbody tr[data-account]")).stream()
                .map(r -> Long.parseLong(r.getAttribute("data-account"))).toList();
    }

    @Test
    void theMonitorsOwnAccountsFirstMarksCoverageAndRecordingFromTheRow() throws Exception {
        Schedule s = new CollectionFixtures(dataSource).plantSchedule(D);
        Browser.english();
        Browser.signIn(s.u1(), Api.PASSWORD);
        assertTrue(browser.findElement(By.id("nav-today")).isDisplayed(), "the layout links to the page");
        Browser.go("/today?date=" + D + "&cohort=" + s.cohort());
        Browser.waitForElement(By.id("due"));
        assertEquals(List.of(s.id("a12"), s.id("a11"), s.id("a02"), s.id("a05"), s.id("a08"), s.id("a06"), s.id("a03"),
                s.id("a13"), s.id("a07")), dueRows(), "the signed-in monitor's accounts first, then unassigned, then others");
        List<String> heads = browser.findElements(By.cssSelector("#due tr.group-head")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Assigned to me", "Unassigned", "Assigned to others"), heads);
        assertEquals("9", browser.findElement(By.cssSelector("#n-due .n")).getText());
        assertEquals("4", browser.findElement(By.cssSelector("#n-own .n")).getText());
        WebElement a12 = browser.findElement(By.id("due-" + s.id("a12")));
        assertTrue(a12.getAttribute("class").contains("at-risk"));
        assertTrue(a12.findElement(By.cssSelector(".colmark-unknown")).getText().contains("UNKNOWN in 5 days"), a12.getText());
        WebElement a06 = browser.findElement(By.id("due-" + s.id("a06")));
        assertTrue(a06.getText().contains("every 7 days") && a06.getText().contains("from cohort"), a06.getText());
        assertEquals("/accounts/" + s.id("a06"), java.net.URI.create(a06.findElement(By.cssSelector("a.handle"))
                .getAttribute("href")).getPath());
        // heading for UNKNOWN: the weekly account visited on schedule too, soonest first
        List<String> risk = browser.findElements(By.cssSelector("#risk tbody tr")).stream()
                .map(r -> r.getAttribute("data-account")).toList();
        assertEquals(List.of(String.valueOf(s.id("a14")), String.valueOf(s.id("a12"))), risk);
        // coverage (as of the day before) per cohort and per assignee, with the charts drawn
        assertFalse(browser.findElements(By.cssSelector("#coverage-cohorts tr[data-cohort='" + s.cohort() + "']")).isEmpty());
        assertFalse(browser.findElements(By.cssSelector("#coverage-assignees tr[data-assignee='" + s.u1() + "']")).isEmpty());
        Browser.waitFor(d -> d.findElements(By.cssSelector(".coverage-chart.drawn canvas")).size() == 2);
        fullScreenshot("today");

        // only mine
        browser.findElement(By.id("n-own")).click();
        Browser.waitFor(d -> d.getCurrentUrl().contains("who=mine"));
        assertEquals(List.of(s.id("a12"), s.id("a11"), s.id("a02"), s.id("a05")), dueRows());
        Browser.go("/today?date=" + D + "&cohort=" + s.cohort());
        Browser.waitForElement(By.id("due"));

        // record a03's missing observation from its row: the row says so, the API has it, it is no longer due
        WebElement row = browser.findElement(By.id("due-" + s.id("a03")));
        row.findElement(By.name("posts")).sendKeys("2");
        row.findElement(By.name("images")).sendKeys("1");
        row.findElement(By.cssSelector("form.rec button")).click();
        WebElement done = Browser.waitForElement(By.cssSelector("#due-" + s.id("a03") + ".recorded"));
        assertTrue(done.getText().contains("Recorded: 2 posts, 1 image on " + D), done.getText());
        Browser.screenshot("today-recorded");
        Api.viewer().queryParam("from", D.toString()).queryParam("to", D.toString())
                .get("/api/v1/accounts/" + s.id("a03") + "/observations").then().statusCode(200)
                .body("[0].posts", org.hamcrest.Matchers.equalTo(2)).body("[0].images", org.hamcrest.Matchers.equalTo(1));
        Browser.go("/today?date=" + D + "&cohort=" + s.cohort());
        Browser.waitForElement(By.id("due"));
        assertFalse(dueRows().contains(s.id("a03")));
        assertEquals("8", browser.findElement(By.cssSelector("#n-due .n")).getText());

        // a bad count is said in the row, nothing is written
        WebElement a13 = browser.findElement(By.id("due-" + s.id("a13")));
        a13.findElement(By.name("posts")).sendKeys("1");
        a13.findElement(By.name("images")).sendKeys("99999999");
        a13.findElement(By.cssSelector("form.rec button")).click();
        WebElement error = Browser.waitForElement(By.cssSelector("#due-" + s.id("a13") + " .rec-error"));
        assertTrue(error.getText().contains("Images must be a whole number"), error.getText());

        // Chinese
        Browser.go("/lang?to=zh-CN&back=" + java.net.URLEncoder.encode("/today?date=" + D + "&cohort=" + s.cohort(), "UTF-8"));
        Browser.waitFor(d -> "今日回访".equals(d.findElement(By.tagName("h1")).getText()));
        assertEquals(List.of("分配给我", "未分配", "分配给他人"), browser.findElements(By.cssSelector("#due tr.group-head"))
                .stream().map(WebElement::getText).toList());
        assertTrue(browser.findElement(By.id("due-" + s.id("a12"))).getText().contains("5 天后变为“未知”"));
        Browser.waitFor(d -> d.findElements(By.cssSelector(".coverage-chart.drawn canvas")).size() == 2);
        fullScreenshot("today-zh");
        Browser.english();
    }

    @Test
    void theAccountPageSetsTheScheduleAndACohortCadenceIsSetFromToday() throws Exception {
        Schedule s = new CollectionFixtures(dataSource).plantSchedule(D);
        Browser.english();
        Browser.signIn(s.u1(), Api.PASSWORD);
        Browser.go("/accounts/" + s.id("a05"));
        WebElement cadence = Browser.waitForElement(By.id("plan-cadence"));
        assertTrue(cadence.getText().contains("every 7 days"), cadence.getText());
        assertEquals(s.u1(), browser.findElement(By.id("plan-assignee")).getText());
        WebElement input = browser.findElement(By.id("plan-cadence-in"));
        input.clear();
        // the browser itself refuses 400 (max=366); without that check the service says why
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('max')", input);
        input.sendKeys("400");
        browser.findElement(By.id("plan-save")).click();
        WebElement errors = Browser.waitForElement(By.id("plan-errors"));
        assertTrue(errors.getText().contains("from 1 to 366"), errors.getText());
        input = browser.findElement(By.id("plan-cadence-in"));
        input.clear();
        input.sendKeys("3");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("plan-assignee-in"))).selectByValue(s.u2());
        browser.findElement(By.id("plan-save")).click();
        Browser.waitFor(d -> d.findElements(By.id("plan-notice")).size() == 1);
        assertTrue(browser.findElement(By.id("plan-cadence")).getText().contains("every 3 days"));
        assertEquals(s.u2(), browser.findElement(By.id("plan-assignee")).getText());
        Api.viewer().get("/api/v1/accounts/" + s.id("a05") + "/collection").then().statusCode(200)
                .body("cadenceDays", org.hamcrest.Matchers.equalTo(3)).body("assignee", org.hamcrest.Matchers.equalTo(s.u2()));
        fullScreenshot("account-schedule");

        // the cohort cadence form on /today
        Browser.go("/today?date=" + D + "&cohort=" + s.cohort());
        Browser.waitForElement(By.id("cadence-form"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("cad-cohort"))).selectByValue(s.cohort());
        browser.findElement(By.id("cad-days")).sendKeys("2");
        browser.findElement(By.id("cad-submit")).click();
        Browser.waitForElement(By.id("notice"));
        Api.viewer().get("/api/v1/cohorts/" + s.cohort() + "/collection").then().statusCode(200)
                .body("cadenceDays", org.hamcrest.Matchers.equalTo(2));
        WebElement cohortRow = browser.findElement(By.cssSelector("#coverage-cohorts tr[data-cohort='" + s.cohort() + "']"));
        assertTrue(cohortRow.getText().contains("every 2 days"), cohortRow.getText());
    }

    @Test
    void aViewerSeesTheListWithoutWriteControlsAndAForgedWriteIsRefused() throws Exception {
        Schedule s = new CollectionFixtures(dataSource).plantSchedule(D);
        Api.viewer(); // vera exists
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/today?date=" + D + "&cohort=" + s.cohort());
        Browser.waitForElement(By.id("due"));
        assertEquals(9, dueRows().size());
        assertTrue(browser.findElements(By.cssSelector("main form[method='post']")).isEmpty(), "no write form at all");
        Browser.waitFor(d -> d.findElements(By.cssSelector(".coverage-chart.drawn canvas")).size() == 2);
        Browser.screenshot("today-viewer");
        Browser.go("/accounts/" + s.id("a05"));
        Browser.waitForElement(By.id("plan-cadence"));
        assertTrue(browser.findElements(By.id("plan-form")).isEmpty());

        PageSession session = PageSession.signIn("vera", Api.PASSWORD, "/today");
        session.request().contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrfToken)
                .formParam("accountId", s.id("a03")).formParam("date", D.toString()).formParam("posts", "7")
                .formParam("images", "9").post("/today/observe").then().statusCode(403);
        session.request().contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrfToken)
                .formParam("cohort", s.cohort()).formParam("cadenceDays", "30").post("/today/cohort-cadence")
                .then().statusCode(403);
        session.request().contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrfToken)
                .formParam("cadenceDays", "30").post("/accounts/" + s.id("a03") + "/collection").then().statusCode(403);
        assertEquals(0, Api.viewer().queryParam("from", D.toString()).queryParam("to", D.toString())
                .get("/api/v1/accounts/" + s.id("a03") + "/observations").then().statusCode(200).extract().jsonPath()
                .getList("$").size(), "nothing was written");
        Api.viewer().get("/api/v1/cohorts/" + s.cohort() + "/collection").then().statusCode(200)
                .body("cadenceDays", org.hamcrest.Matchers.nullValue());
    }
}
