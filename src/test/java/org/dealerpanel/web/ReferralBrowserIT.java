package org.dealerpanel.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.dealerpanel.Api;
import org.dealerpanel.referral.ReferralFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

@QuarkusTest
class ReferralBrowserIT {
    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(base.toString());
    }

    @Test
    void anInvestigatorCreatesSubmitsAndDownloadsAReferral() throws Exception {
        ReferralFixtures.Fixture f = ReferralFixtures.fixture("page", true);
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        // the "refer" link of the account page: /referrals/new?accountId=ID
        Browser.go("/referrals/new?accountId=" + f.accountId());
        Browser.waitForElement(By.id("prefill-account"));
        assertTrue(browser.findElement(By.id("prefill-account")).getText().contains(f.handle()));
        assertEquals(String.valueOf(f.accountId()), browser.findElement(By.id("r-accounts")).getAttribute("value"));
        browser.findElement(By.id("r-title")).sendKeys("Ivory bracelets <script>alert(1)</script>");
        browser.findElement(By.id("r-agency")).sendKeys("Guangzhou Forest Police");
        new Select(browser.findElement(By.id("r-tlp"))).selectByValue("RED");
        new Select(browser.findElement(By.id("r-language"))).selectByValue("zh-CN");
        browser.findElement(By.id("r-summary")).sendKeys("Offers ivory bangles and rhino horn cups; contact by WeChat.");
        browser.findElement(By.id("create-referral")).click();
        Browser.waitForElement(By.id("notice"));
        assertTrue(browser.getCurrentUrl().matches(".*/referrals/\\d+\\?notice=created"), browser.getCurrentUrl());
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/referrals/(\\d+).*", "$1"));
        assertEquals("DRAFT", browser.findElement(By.id("state")).getAttribute("data-state"));
        assertTrue(browser.findElement(By.id("referral-heading")).getText().contains("<script>"), "the title is shown as text");
        assertEquals("TLP:RED", browser.findElement(By.id("tlp")).getText());
        assertEquals(1, browser.findElements(By.cssSelector("#evidence-table tbody tr")).size());
        Browser.screenshot("referral-draft");

        browser.findElement(By.id("submit-referral")).click();
        Browser.waitFor(d -> d.getCurrentUrl().contains("notice=submitted"));
        assertEquals("SUBMITTED", browser.findElement(By.id("state")).getAttribute("data-state"));
        String shown = browser.findElement(By.id("bundle-sha")).getText();
        String stored = Api.investigator().get("/api/v1/referrals/" + id).then().statusCode(200).extract().path("bundle.sha256");
        assertEquals(stored, shown);
        assertTrue(browser.findElements(By.id("submit-referral")).isEmpty(), "no submit once submitted");
        assertTrue(browser.findElements(By.id("edit-form")).isEmpty(), "no edit once frozen");
        assertTrue(browser.findElements(By.cssSelector("#history-table tr[data-action='referral.submit']")).size() == 1);
        assertTrue(browser.findElements(By.cssSelector("#outcome-table tbody tr")).size() == 1);
        Browser.screenshot("referral");

        // the download link: the same stored bytes, application/zip, audited
        String href = browser.findElement(By.id("download-bundle")).getAttribute("href");
        Cookie session = browser.manage().getCookieNamed("tracker-session");
        Response zip = given().cookie("tracker-session", session.getValue()).get(href.replace(Browser.url(""), ""));
        assertEquals(200, zip.statusCode());
        assertTrue(zip.contentType().startsWith("application/zip"), zip.contentType());
        assertEquals(stored, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip.asByteArray())));
        Browser.go("/referrals/" + id);
        Browser.waitFor(d -> !d.findElements(By.cssSelector("#history-table tr[data-action='referral.bundle-download']")).isEmpty());

        Browser.go("/lang?to=zh-CN&back=/referrals/" + id);
        Browser.waitFor(d -> d.findElement(By.id("referral-heading")).getText().startsWith("转介 " + id));
        assertEquals("已提交", browser.findElement(By.id("state")).getText());
        Browser.screenshot("referral-zh");
        Browser.go("/referrals");
        Browser.waitForElement(By.id("referrals"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("案件转介"));
        Browser.english();
        Browser.go("/referrals?state=SUBMITTED");
        Browser.waitForElement(By.id("referrals"));
        assertTrue(browser.findElements(By.cssSelector("#referrals tbody tr")).stream()
                .allMatch(r -> "SUBMITTED".equals(r.getAttribute("data-state"))));
        assertTrue(!browser.findElements(By.cssSelector("#referrals tr[data-referral='" + id + "']")).isEmpty());
        Browser.screenshot("referrals");
        Browser.go("/reports/referrals");
        Browser.waitForElement(By.id("by-recipient"));
        Browser.screenshot("report-referrals");
    }

    @Test
    void aViewerSeesNoWriteControlsAndAForgedSubmitIsRefused() {
        ReferralFixtures.Fixture f = ReferralFixtures.fixture("view", false);
        long id = ReferralFixtures.draft(Api.unique("Viewer case"), List.of(f.accountId()), "en");
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/referrals/" + id);
        Browser.waitForElement(By.id("referral-facts"));
        assertTrue(browser.findElements(By.id("submit-referral")).isEmpty());
        assertTrue(browser.findElements(By.id("edit-form")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("form[method='post']")).stream().allMatch(form -> "/logout".equals(
                form.getAttribute("action").replace(Browser.url(""), ""))), "the only writing form is sign-out");
        Browser.go("/referrals");
        Browser.waitForElement(By.id("filters"));
        assertTrue(browser.findElements(By.id("new-referral")).isEmpty());
        Browser.screenshot("referral-viewer");

        PageSession vera = PageSession.signIn("vera", Api.PASSWORD, "/referrals/" + id);
        vera.request().formParam("csrf", vera.csrfToken).post("/referrals/" + id + "/submit").then().statusCode(403);
        vera.request().get("/referrals/new").then().statusCode(403);
        Api.viewer().get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("DRAFT"));
        // a POST without the CSRF token is refused even for an investigator
        PageSession ivan = PageSession.signIn("ivan", Api.PASSWORD, "/referrals/" + id);
        ivan.request().post("/referrals/" + id + "/submit").then().statusCode(403);
        Api.viewer().get("/api/v1/referrals/" + id).then().body("state", org.hamcrest.Matchers.equalTo("DRAFT"));
    }
}
