package org.dealerpanel.web;

import static org.dealerpanel.Api.createAccount;
import static org.dealerpanel.Api.investigator;
import static org.dealerpanel.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dealerpanel.Api;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.watch.TestSmtp;
import org.dealerpanel.watch.service.DigestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Watch buttons on the account, dealer, lexicon and watchlist pages, and the /digest page in English and Chinese. */
@QuarkusTest
class DigestBrowserIT {
    @TestHTTPResource("/")
    URL base;
    WebDriver browser;
    @Inject
    DigestService digests;

    @BeforeEach
    void open() {
        TestSmtp.server();
        browser = Browser.open(base.toString());
    }

    static String user(String prefix) {
        String name = unique(prefix);
        Api.admin().body(Map.of("username", name, "password", Api.PASSWORD, "roles", List.of("viewer")))
                .post("/api/v1/users").then().statusCode(201);
        return name;
    }

    static long post(long account, String text) {
        return investigator().body(Map.of("postedAt", "2016-03-01T08:00:00Z", "text", text))
                .post("/api/v1/accounts/" + account + "/posts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private void clickWatch(String formId) {
        WebElement button = Browser.waitForElement(By.cssSelector("#" + formId + " button"));
        assertEquals("false", browser.findElement(By.id(formId)).getAttribute("data-watching"));
        button.click();
        Browser.waitFor(d -> {
            var forms = d.findElements(By.id(formId));
            return !forms.isEmpty() && "true".equals(forms.get(0).getAttribute("data-watching"));
        });
    }

    @Test
    void aViewerWatchesFromThePagesAndReadsTheDigestInEnglishAndChinese() {
        LocalDate today = PanelClock.today();
        String user = user("dig-page");
        String cohort = unique("dig-page-cohort");
        String wechat = "wxpage" + unique("w").replaceAll("\\D", "") + "k";
        long removed = createAccount("weibo", unique("dig-page-<i>gone</i>"), List.of(cohort));
        long linked = createAccount("wechat", unique("dig-page-linked"), List.of());
        post(linked, "犀牛角 加微信: " + wechat);
        long dealer = investigator().body(Map.of("name", unique("Dig page dealer"), "accountIds", List.of(linked)))
                .post("/api/v1/dealers").then().statusCode(201).extract().jsonPath().getLong("id");

        Browser.english();
        Browser.signIn(user, Api.PASSWORD);
        // the account page: a viewer may watch
        Browser.go("/accounts/" + removed);
        Browser.waitForElement(By.id("facts"));
        assertEquals("☆ Watch", browser.findElement(By.cssSelector("#watch-account-" + removed + " button")).getText());
        clickWatch("watch-account-" + removed);
        assertTrue(browser.getCurrentUrl().endsWith("/accounts/" + removed), browser.getCurrentUrl());
        assertEquals("★ Watching", browser.findElement(By.cssSelector("#watch-account-" + removed + " .when-on")).getText());
        Browser.screenshot("digest-account-watching");
        // the dealer page, the watchlist filtered by a cohort, the lexicon
        Browser.go("/dealers/" + dealer);
        Browser.waitForElement(By.id("dealer-head"));
        clickWatch("watch-dealer-" + dealer);
        Browser.go("/?cohort=" + cohort);
        Browser.waitForElement(By.id("status-counts"));
        long cohortId = Long.parseLong(browser.findElement(By.cssSelector("form.watch-form input[name=target]"))
                .getAttribute("value"));
        clickWatch("watch-cohort-" + cohortId);
        Browser.go("/lexicon");
        WebElement termWatch = Browser.waitForElement(By.cssSelector("form.watch-form[id^=watch-term-]"));
        assertEquals("false", termWatch.getAttribute("data-watching"));

        // the digest page: the watches, and the settings form with a mistake shown in words
        Browser.go("/digest");
        Browser.waitForElement(By.id("watch-table"));
        assertEquals(3, browser.findElements(By.cssSelector("#watch-table tbody tr")).size());
        assertTrue(browser.findElement(By.id("no-digests")).isDisplayed());
        browser.findElement(By.id("s-email")).sendKeys("not-an-address");
        browser.findElement(By.id("s-webhook-url")).sendKeys("ftp://example.org/x");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('s-email').type='text'; document.getElementById('s-webhook-url').type='text';");
        browser.findElement(By.id("s-save")).click();
        WebElement errors = Browser.waitForElement(By.id("settings-errors"));
        assertTrue(errors.getText().contains("E-mail address: enter an address"), errors.getText());
        assertTrue(errors.getText().contains("Webhook URL: enter an http:// or https:// address"), errors.getText());
        assertEquals("not-an-address", browser.findElement(By.id("s-email")).getAttribute("value"));
        WebElement email = browser.findElement(By.id("s-email"));
        email.clear();
        email.sendKeys(user + "@example.org");
        browser.findElement(By.id("s-webhook-url")).clear();
        browser.findElement(By.id("s-save")).click();
        Browser.waitForElement(By.id("notice"));
        assertEquals(user + "@example.org", browser.findElement(By.id("s-email")).getAttribute("value"));

        // the night: one account removed by the platform, another linked to the dealer's account
        investigator().body(Map.of("platformState", "REMOVED_BY_PLATFORM", "platformStateSince", PanelClock.yesterday().toString()))
                .patch("/api/v1/accounts/" + removed).then().statusCode(200);
        long other = createAccount("qq", unique("dig-page-other"), List.of());
        post(other, "联系 V信：" + wechat);
        digests.run(today, "browser-test");
        DigestService.Delivery mail = digests.list(user, 0, 1).items().get(0).mail();
        if (mail.failed() && mail.note() != null && mail.note().contains("TimeoutException")) {
            // the mail client now and then never completes a send (quarkusio/quarkus#46216; once in the last four CI runs
            // here): the service records it FAILED and the retry job sends it again, as here
            digests.deliverPending(today);
            assertEquals(2, digests.list(user, 0, 1).items().get(0).mail().attempts());
        }

        Browser.go("/digest");
        WebElement digest = Browser.waitForElement(By.id("digest-" + today));
        assertEquals("2", digest.getAttribute("data-items"));
        assertEquals("SENT", browser.findElement(By.id("delivery-mail-" + today)).getAttribute("data-state"));
        assertEquals("SKIPPED", browser.findElement(By.id("delivery-webhook-" + today)).getAttribute("data-state"));
        WebElement platform = browser.findElement(By.cssSelector("#group-" + today + "-platform li.digest-item"));
        assertTrue(platform.getText().contains("Removed by"), platform.getText());
        assertTrue(platform.getText().contains("<i>gone</i>"), "the hostile handle shows as text: " + platform.getText());
        assertTrue(browser.findElements(By.cssSelector(".digest-item i")).isEmpty(), "no markup from a handle");
        assertEquals(Browser.url("/accounts/" + removed), platform.findElement(By.cssSelector("a.acct")).getAttribute("href"));
        WebElement link = browser.findElement(By.cssSelector("#group-" + today + "-links li.digest-item"));
        assertTrue(link.getText().contains(wechat), link.getText());
        assertTrue(link.findElement(By.cssSelector("a.linked")).getAttribute("href").endsWith("/accounts/" + other));
        assertTrue(link.findElement(By.cssSelector("a.evidence")).getAttribute("href").contains("/accounts/" + other + "#post-"));
        assertTrue(link.getText().contains("Dealer"), "says which watch brought it: " + link.getText());
        Browser.screenshot("digest");

        Browser.go("/lang?to=zh-CN&back=/digest");
        Browser.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("每日摘要"));
        WebElement zh = browser.findElement(By.cssSelector("#group-" + today + "-platform li.digest-item"));
        assertTrue(zh.getText().contains("被平台删除"), zh.getText());
        assertTrue(browser.findElement(By.id("delivery-mail-" + today)).getText().contains("已发送"));
        assertFalse(browser.findElement(By.tagName("main")).getText().contains("Stop watching"));
        Browser.screenshot("digest-zh");
        Browser.english();

        // stop watching from the list
        Browser.signIn(user, Api.PASSWORD);
        Browser.go("/digest");
        WebElement first = Browser.waitForElement(By.cssSelector("#watch-table tbody tr button"));
        first.click();
        Browser.waitForElement(By.id("notice"));
        assertEquals(2, browser.findElements(By.cssSelector("#watch-table tbody tr")).size());
    }
}
