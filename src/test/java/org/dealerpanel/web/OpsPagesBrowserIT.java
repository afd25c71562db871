package org.dealerpanel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.dealerpanel.Api;
import org.dealerpanel.image.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;

/** The lexicon, uploads and users pages in a real browser. */
@QuarkusTest
class OpsPagesBrowserIT {
    static final Path FILES = Path.of("target", "ops-upload-files");

    @TestHTTPResource("/")
    URL base;
    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(base.toString());
        Api.investigator(); // makes sure the test users ivan (investigator) and vera (viewer) exist
    }

    @Test
    void observationsCsvWithBadLinesListsEveryOneAndWritesNothingThenAGoodFileShowsItsCounts() throws IOException {
        String handle = Api.unique("ops-csv");
        long id = Api.createAccount("weibo", handle, List.of());
        String unknown = Api.unique("nobody");
        Path bad = write("observations-bad.csv", "platform,handle,date,posts,images\n"
                + "weibo," + handle + ",2016-02-01,3,1\n"
                + "weibo," + handle + ",2016-02-02,-4,0\n"
                + "weibo," + handle + ",2016-02-03,2,2\n"
                + "weibo," + unknown + ",2016-02-03,1,1\n");
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/uploads");
        browser.findElement(By.id("csv-file")).sendKeys(bad.toAbsolutePath().toString());
        browser.findElement(By.id("csv-submit")).click();
        WebElement outcome = Browser.waitForElement(By.cssSelector("#csv-result #csv-outcome[data-outcome=failed]"));
        assertTrue(outcome.getText().contains("Nothing was written: the file has 2 bad lines."), outcome.getText());
        List<WebElement> rows = browser.findElements(By.cssSelector("#csv-errors tbody tr"));
        assertEquals(List.of("3", "5"), rows.stream().map(r -> r.getAttribute("data-line")).toList());
        assertEquals("3", rows.get(0).findElement(By.cssSelector("td")).getText());
        assertTrue(rows.get(0).getText().contains("posts '-4' is not a non-negative whole number"), rows.get(0).getText());
        assertTrue(rows.get(1).getText().contains("unknown account weibo/" + unknown), rows.get(1).getText());
        assertEquals("/uploads", new URL(browser.getCurrentUrl()).getPath(), "the script sent the form; the page stayed");
        Browser.screenshot("uploads-bad-csv");
        // all or nothing: not even the good lines 2 and 4 were written
        Api.viewer().get("/api/v1/accounts/" + id + "/observations").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));

        byte[] goodBytes = ("platform,handle,date,posts,images\n"
                + "weibo," + handle + ",2016-02-01,3,1\n"
                + "weibo," + handle + ",2016-02-02,4,0\n"
                + "weibo," + handle + ",2016-02-03,2,2\n").getBytes(StandardCharsets.UTF_8);
        Path good = write("observations-good.csv", new String(goodBytes, StandardCharsets.UTF_8));
        browser.findElement(By.id("csv-file")).sendKeys(good.toAbsolutePath().toString());
        browser.findElement(By.id("csv-submit")).click();
        Browser.waitForElement(By.cssSelector("#csv-result #csv-outcome[data-outcome=ok]"));
        assertEquals("3", browser.findElement(By.id("csv-rows")).getText());
        assertEquals("3", browser.findElement(By.id("csv-inserted")).getText());
        assertEquals("0", browser.findElement(By.id("csv-updated")).getText());
        assertEquals("0", browser.findElement(By.id("csv-unchanged")).getText());
        assertEquals(sha256(goodBytes), browser.findElement(By.id("csv-sha256")).getText());
        Api.viewer().get("/api/v1/accounts/" + id + "/observations").then().statusCode(200)
                .body("posts", org.hamcrest.Matchers.contains(3, 4, 2));
        Browser.screenshot("uploads-good-csv");
    }

    @Test
    void aLargeCsvShowsItsUploadProgressAndCountsEveryBadLineListingTheFirst100() throws IOException {
        int lines = 80_000;
        StringBuilder csv = new StringBuilder("platform,handle,date,posts,images\n");
        for (int i = 0; i < lines; i++) {
            csv.append("weibo,large-file-account-").append(i).append(",2016-01-01,-1,0\n");
        }
        Path big = write("observations-large.csv", csv.toString());
        assertTrue(Files.size(big) > 3_000_000);
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/uploads");
        ChromeDriver chrome = (ChromeDriver) browser;
        // a slow uplink (1 MB/s), so the upload takes a few seconds and its progress can be seen
        chrome.setNetworkConditions(new ChromiumNetworkConditions().setUploadThroughput(1_000_000).setDownloadThroughput(-1));
        try {
            browser.findElement(By.id("csv-file")).sendKeys(big.toAbsolutePath().toString());
            browser.findElement(By.id("csv-submit")).click();
            Browser.waitFor(d -> {
                Object part = ((JavascriptExecutor) d).executeScript("var box = document.getElementById('csv-progress'),"
                        + " bar = box.querySelector('progress');"
                        + "return !box.hidden && bar.hasAttribute('value') && bar.value > 0 && bar.value < bar.max;");
                return Boolean.TRUE.equals(part) ? part : null;
            });
            assertTrue(browser.findElement(By.id("csv-submit")).getAttribute("disabled") != null, "no second submit meanwhile");
            Browser.screenshot("uploads-progress");
        } finally {
            chrome.deleteNetworkConditions();
        }
        WebElement outcome = Browser.waitForElement(By.cssSelector("#csv-result #csv-outcome[data-outcome=failed]"));
        assertTrue(outcome.getText().contains("the file has 80000 bad lines"), outcome.getText());
        assertTrue(outcome.getText().contains("The first 100 of 80000 bad lines are listed."), outcome.getText());
        List<WebElement> rows = browser.findElements(By.cssSelector("#csv-errors tbody tr"));
        assertEquals(100, rows.size());
        assertEquals("2", rows.get(0).getAttribute("data-line"));
        assertEquals("101", rows.get(99).getAttribute("data-line"));
        assertFalse(browser.findElement(By.id("csv-progress")).isDisplayed(), "the progress bar goes away when done");
    }

    @Test
    void csvUploadWithoutScriptGetsThePageWithScriptTheFragmentAndWithoutTokenA403() {
        String handle = Api.unique("ops-nojs");
        Api.createAccount("qq", handle, List.of());
        byte[] csv = ("platform,handle,date,posts,images\nqq," + handle + ",2016-03-01,x,1\n").getBytes(StandardCharsets.UTF_8);
        PageSession session = PageSession.signIn("ivan", Api.PASSWORD, "/uploads");
        Response page = session.request().multiPart("csrf", session.csrfToken).multiPart("file", "a<b>.csv", csv, "text/csv")
                .post("/uploads/observations");
        assertEquals(400, page.statusCode());
        String html = page.asString();
        assertTrue(html.startsWith("<!DOCTYPE html>"), "without script: the whole page");
        assertTrue(html.contains("data-line=\"2\"") && html.contains("is not a non-negative whole number"), html);
        assertTrue(html.contains("a&lt;b&gt;.csv"), "the file name is escaped");
        Response fragment = session.request().header("X-Requested-With", "XMLHttpRequest")
                .multiPart("csrf", session.csrfToken).multiPart("file", "a.csv", csv, "text/csv").post("/uploads/observations");
        assertEquals(400, fragment.statusCode());
        assertFalse(fragment.asString().contains("<html"), "with script: the fragment only");
        assertTrue(fragment.asString().contains("id=\"csv-errors\""));
        session.request().multiPart("file", "a.csv", csv, "text/csv").post("/uploads/observations").then().statusCode(403);
    }

    @Test
    void lexiconListsSeedTermsAndAnInvestigatorAddsAndDeactivatesATerm() {
        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/lexicon?category=IVORY");
        WebElement ivory = Browser.waitForElement(By.id("terms-IVORY"));
        assertTrue(browser.findElement(By.cssSelector("#group-IVORY h2")).getText().startsWith("Ivory"));
        assertTrue(ivory.findElements(By.cssSelector("td.term")).stream().anyMatch(td -> td.getText().equals("象牙")));
        assertTrue(browser.findElements(By.id("terms-PANGOLIN_SCALE")).isEmpty(), "the filter shows one category");

        String term = "测试鳞片" + Api.unique("x").replace("-", "");
        String note = "<script>alert('note')</script> a test note";
        browser.findElement(By.id("new-term")).sendKeys(term);
        new Select(browser.findElement(By.id("new-category"))).selectByValue("PANGOLIN_SCALE");
        browser.findElement(By.id("new-source")).sendKeys("ops browser test");
        browser.findElement(By.id("new-note")).sendKeys(note);
        browser.findElement(By.id("add-term-submit")).click();
        WebElement notice = Browser.waitForElement(By.id("lexicon-notice"));
        assertTrue(notice.getText().contains("“" + term + "” added"), notice.getText());
        WebElement row = Browser.waitForElement(By.cssSelector("#terms-PANGOLIN_SCALE tr.highlight"));
        assertEquals(term, row.findElement(By.cssSelector("td.term")).getText());
        assertTrue(row.getText().contains(note), "the note is shown as text (escaped): " + row.getText());
        assertTrue(row.getText().contains("ops browser test") && row.getText().contains("ivan"));
        assertTrue(row.getText().contains(LocalDate.now(ZoneOffset.UTC).toString()), "added on today");
        long termId = Long.parseLong(row.getAttribute("data-term-id"));
        List<String> apiTerms = Api.viewer().queryParam("category", "PANGOLIN_SCALE").get("/api/v1/terms").then()
                .statusCode(200).extract().jsonPath().getList("term");
        assertTrue(apiTerms.contains(term), "GET /api/v1/terms has the new term");
        Browser.screenshot("lexicon");

        // the same term with a space inside normalises the same: refused, in words
        browser.findElement(By.id("new-term")).sendKeys(term.substring(0, 2) + " " + term.substring(2));
        new Select(browser.findElement(By.id("new-category"))).selectByValue("PANGOLIN_SCALE");
        browser.findElement(By.id("add-term-submit")).click();
        WebElement error = Browser.waitForElement(By.id("lexicon-error"));
        assertTrue(error.getText().contains("Not added: an active term of this category has the same normalised form"),
                error.getText());
        assertTrue(error.getText().contains(term), error.getText());

        browser.findElement(By.id("deactivate-" + termId)).click();
        notice = Browser.waitForElement(By.id("lexicon-notice"));
        assertTrue(notice.getText().contains("“" + term + "” deactivated"), notice.getText());
        assertTrue(browser.findElements(By.cssSelector("tr[data-term-id='" + termId + "']")).isEmpty(),
                "hidden unless deactivated terms are shown");
        Browser.go("/lexicon?category=PANGOLIN_SCALE&deactivated=1");
        row = Browser.waitForElement(By.cssSelector("tr[data-term-id='" + termId + "']"));
        assertEquals("false", row.getAttribute("data-active"));
        assertTrue(row.getText().contains("Deactivated on " + LocalDate.now(ZoneOffset.UTC)), row.getText());
        assertTrue(row.findElements(By.cssSelector("button.deactivate")).isEmpty());
        assertFalse(Api.viewer().queryParam("category", "PANGOLIN_SCALE").get("/api/v1/terms").then().statusCode(200)
                .extract().jsonPath().getList("term").contains(term), "no longer in the active lexicon");
        Api.viewer().get("/api/v1/terms/" + termId).then().statusCode(200).body("active", org.hamcrest.Matchers.equalTo(false));

        Browser.go("/lang?to=zh-CN&back=/lexicon?category=IVORY");
        Browser.waitFor(d -> "暗语词库".equals(d.findElement(By.tagName("h1")).getText()));
        assertTrue(browser.findElement(By.cssSelector("#group-IVORY h2")).getText().startsWith("象牙"));
        assertEquals("添加词条", browser.findElement(By.id("add-term-submit")).getText());
        Browser.screenshot("lexicon-zh");
        Browser.english();
    }

    @Test
    void aViewerSeesTheLexiconAndUploadsWithoutWriteControlsAndGets403OnAdmin() {
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD);
        Browser.go("/lexicon");
        Browser.waitForElement(By.id("terms-IVORY"));
        assertTrue(browser.findElements(By.id("add-term-form")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("button.deactivate")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("nav a[href='/admin']")).isEmpty(), "no Users link");
        Browser.go("/uploads");
        Browser.waitForElement(By.id("ocr-backlog"));
        assertTrue(browser.findElements(By.id("csv-form")).isEmpty() && browser.findElements(By.id("images-form")).isEmpty());
        assertTrue(browser.findElement(By.id("csv-readonly")).isDisplayed());

        Browser.go("/admin");
        assertTrue(browser.findElements(By.id("users")).isEmpty(), "no user list for a viewer");
        // the refusal is a page in the user's language, not JSON
        assertTrue(Browser.waitForElement(By.id("error-page")).getText().contains("403"), browser.getPageSource());

        PageSession viewer = PageSession.signIn("vera", Api.PASSWORD, "/lexicon");
        viewer.request().get("/admin").then().statusCode(403);
        viewer.request().formParam("csrf", viewer.csrfToken).formParam("term", "伪造").formParam("category", "IVORY")
                .post("/lexicon").then().statusCode(403);
        viewer.request().formParam("csrf", viewer.csrfToken).formParam("username", "forged-user")
                .formParam("password", "forged-password-1").formParam("roles", "admin").post("/admin/users").then().statusCode(403);
        Api.admin().get("/api/v1/users/forged-user").then().statusCode(404);
    }

    @Test
    void anAdminCreatesAUserWhoCanSignInAndDisablesThem() {
        String user = Api.unique("ops-user");
        String password = "a-long-enough-password";
        Browser.english();
        Browser.signInAsAdmin();
        Browser.go("/admin");
        Browser.waitForElement(By.id("users"));
        browser.findElement(By.id("new-username")).sendKeys(user);
        browser.findElement(By.id("new-password")).sendKeys(password);
        new Select(browser.findElement(By.id("new-role"))).selectByValue("investigator");
        browser.findElement(By.id("create-user-submit")).click();
        WebElement notice = Browser.waitForElement(By.id("admin-notice"));
        assertEquals("User " + user + " created.", notice.getText());
        WebElement row = browser.findElement(By.cssSelector("tr[data-user='" + user + "']"));
        assertEquals("true", row.getAttribute("data-enabled"));
        assertEquals("investigator", new Select(row.findElement(By.cssSelector(".role-form select"))).getFirstSelectedOption()
                .getAttribute("value"));
        Api.admin().get("/api/v1/users/" + user).then().statusCode(200)
                .body("roles", org.hamcrest.Matchers.contains("investigator"));
        Browser.screenshot("admin");
        Browser.go("/lang?to=zh-CN&back=/admin");
        Browser.waitFor(d -> "用户".equals(d.findElement(By.tagName("h1")).getText()));
        assertEquals("创建用户", browser.findElement(By.id("create-user-submit")).getText());
        Browser.screenshot("admin-zh");
        Browser.english();
        Browser.go("/admin");

        // the same name again is refused in words; a short password too
        browser.findElement(By.id("new-username")).sendKeys(user);
        browser.findElement(By.id("new-password")).sendKeys(password);
        browser.findElement(By.id("create-user-submit")).click();
        assertTrue(Browser.waitForElement(By.id("admin-error")).getText().contains("a user with this name exists already"));

        Browser.signIn(user, password);
        assertTrue(Browser.waitForElement(By.className("who")).getText().contains(user));
        assertTrue(browser.findElements(By.cssSelector("nav a[href='/admin']")).isEmpty(), "not an admin: no Users link");

        // the admin makes them a viewer with a new password: the old one no longer works, the new one does
        String newPassword = "another-long-password";
        Browser.signInAsAdmin();
        Browser.go("/admin");
        WebElement roleForm = browser.findElement(By.cssSelector("tr[data-user='" + user + "'] .role-form"));
        new Select(roleForm.findElement(By.tagName("select"))).selectByValue("viewer");
        roleForm.findElement(By.tagName("button")).click();
        assertEquals("Role of " + user + " changed.", Browser.waitForElement(By.id("admin-notice")).getText());
        WebElement passwordForm = browser.findElement(By.cssSelector("tr[data-user='" + user + "'] .password-form"));
        passwordForm.findElement(By.name("password")).sendKeys(newPassword);
        passwordForm.findElement(By.tagName("button")).click();
        assertEquals("Password of " + user + " reset.", Browser.waitForElement(By.id("admin-notice")).getText());
        Api.admin().get("/api/v1/users/" + user).then().statusCode(200).body("roles", org.hamcrest.Matchers.contains("viewer"));
        Browser.signIn(user, password);
        assertTrue(Browser.waitForElement(By.id("login-error")).isDisplayed(), "the old password no longer works");
        Browser.signIn(user, newPassword);
        Browser.waitForElement(By.className("readonly-note"));

        Browser.signInAsAdmin();
        Browser.go("/admin");
        browser.findElement(By.cssSelector("tr[data-user='" + user + "'] button.toggle-enabled")).click();
        assertEquals(user + " is disabled and can no longer sign in.", Browser.waitForElement(By.id("admin-notice")).getText());
        assertEquals("false", browser.findElement(By.cssSelector("tr[data-user='" + user + "']")).getAttribute("data-enabled"));
        Browser.signIn(user, password);
        assertTrue(Browser.waitForElement(By.id("login-error")).isDisplayed(), "a disabled user cannot sign in");
    }

    @Test
    void anImageBatchIsQueuedDuplicatesAndNonImagesAreSaidSoAndTheBacklogCountsIt() throws IOException {
        String handle = Api.unique("ops-img");
        long id = Api.createAccount("xianyu", handle, List.of());
        byte[] png = TestImages.ad(id, "象牙 " + handle);
        Path first = FILES.resolve(handle + "-a.png");
        Path copy = FILES.resolve(handle + "-b.png");
        Files.createDirectories(FILES);
        Files.write(first, png);
        Files.write(copy, png);
        Path text = write(handle + "-notes<b>.txt", "not an image at all");

        Browser.english();
        Browser.signIn("ivan", Api.PASSWORD);
        Browser.go("/uploads");
        Browser.waitForElement(By.id("ocr-backlog"));
        long totalBefore = backlog().get(4);
        new Select(browser.findElement(By.id("img-platform"))).selectByValue("xianyu");
        browser.findElement(By.id("img-handle")).sendKeys(handle);
        browser.findElement(By.id("img-files")).sendKeys(first.toAbsolutePath() + "\n" + copy.toAbsolutePath() + "\n"
                + text.toAbsolutePath());
        browser.findElement(By.id("images-submit")).click();
        Browser.waitForElement(By.cssSelector("#images-result #images-outcome[data-outcome=ok]"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#images-files tbody tr"));
        assertEquals(List.of("queued", "duplicate", "refused"), rows.stream().map(r -> r.getAttribute("data-outcome")).toList());
        String sha = sha256(png);
        assertEquals(sha, rows.get(0).getAttribute("data-sha256"));
        assertEquals(sha, rows.get(1).getAttribute("data-sha256"));
        assertTrue(rows.get(2).getText().contains(handle + "-notes<b>.txt"), "file names are shown as text");
        assertTrue(rows.get(2).getText().contains("not a readable image: is not an image"), rows.get(2).getText());
        assertEquals("xianyu / " + handle, browser.findElement(By.id("images-account")).getText());
        assertTrue(browser.findElement(By.id("images-outcome")).getText()
                .contains("1 queued for OCR, 1 already stored, 1 refused"));
        // the image belongs to the account and is in the OCR queue (or already read)
        Api.viewer().get("/api/v1/images/" + sha).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "DONE"))
                .body("links.accountId", org.hamcrest.Matchers.hasItem((int) id));
        // the backlog refreshes itself (htmx, every 3 s) and counts the new job
        Browser.waitFor(d -> backlog().get(4) >= totalBefore + 1);
        // one snapshot of the fragment (htmx may swap it between two reads): the numbers add up, the bar agrees
        List<Long> b = backlog();
        assertEquals(b.get(4), b.get(0) + b.get(1) + b.get(2) + b.get(3));
        assertEquals(b.get(2) + b.get(3), b.get(5), "the bar's value is the finished jobs");
        assertEquals(Math.max(1, b.get(4)), b.get(6), "the bar's maximum is all jobs");
        Browser.screenshot("uploads");
        Browser.go("/lang?to=zh-CN&back=/uploads");
        Browser.waitFor(d -> "上传".equals(d.findElement(By.tagName("h1")).getText()));
        assertEquals("导入", browser.findElement(By.id("csv-submit")).getText());
        Browser.screenshot("uploads-zh");
        Browser.english();
    }

    /** queued, running, done, failed, total, the bar's value and maximum, read at once from the page. */
    @SuppressWarnings("unchecked")
    private List<Long> backlog() {
        List<Object> values = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "var b = document.getElementById('ocr-backlog'), p = document.getElementById('ocr-progress');"
                        + "return [b.dataset.queued, b.dataset.running, b.dataset.done, b.dataset.failed, b.dataset.total,"
                        + " p.getAttribute('value'), p.getAttribute('max')];");
        return values.stream().map(v -> Long.parseLong(String.valueOf(v))).toList();
    }

    private static Path write(String name, String content) throws IOException {
        Files.createDirectories(FILES);
        Path file = FILES.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
