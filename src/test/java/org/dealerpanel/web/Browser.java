package org.dealerpanel.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.dealerpanel.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium + chromium-driver) shared by every browser test of the JVM, so the
 * suite pays its start once. Selenium Manager never runs: the driver and the browser binary are given explicitly.
 * Screenshots go to target/screenshots/.
 */
public final class Browser {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ChromeDriver driver;
    private static String baseUrl;

    private Browser() {
    }

    /** The shared browser, signed out of nothing in particular; {@code base} is the app's URL (no trailing slash). */
    public static synchronized WebDriver open(String base) {
        baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (driver == null) {
            System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            try {
                Path profile = Files.createTempDirectory("tracker-chromium-");
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1440,1000", "--user-data-dir=" + profile,
                        "--lang=en-US");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    driver.quit();
                } catch (RuntimeException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }
        return driver;
    }

    public static WebDriver driver() {
        return driver;
    }

    public static String url(String path) {
        return baseUrl + path;
    }

    public static void go(String path) {
        driver.get(url(path));
    }

    /** Signs out whoever is signed in, then signs in through the form. */
    public static void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        go("/login");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.id("login-error")).isEmpty());
    }

    public static void signInAsAdmin() {
        signIn("admin", Api.ADMIN_PASSWORD);
    }

    /** Makes the English pages the current choice (the language cookie), whatever an earlier test chose. */
    public static void english() {
        go("/lang?to=en&back=/login");
    }

    /** Polls the condition (up to 45 s); an element htmx swapped between its lookup and its use means: poll again. */
    public static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(45)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    public static WebElement waitForElement(By by) {
        return waitFor(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Saves a PNG of the current page as target/screenshots/NAME.png. */
    public static Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
