package org.dealerpanel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dealerpanel.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The uploads page follows a running import (started through the API) and shows how it ended. */
@QuarkusTest
class ImportsBrowserIT {
    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource dataSource;
    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(base.toString());
        Api.investigator();
    }

    @Test
    void aRunningImportShowsItsProgressOnTheUploadsPageAndThenItsResult() throws Exception {
        List<String> handles = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("insert into account (platform, handle) values ('pagetest', ?)")) {
            for (int i = 0; i < 40; i++) {
                String h = Api.unique("page-import");
                handles.add(h);
                st.setString(1, h);
                st.addBatch();
            }
            st.executeBatch();
        }
        String label = Api.unique("nightly-export");
        Browser.english();
        Browser.signIn("vera", Api.PASSWORD); // a viewer sees the imports too
        Browser.go("/uploads");
        // the upload sends half of its rows, then waits until the page has been looked at
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> sent = slowImport(handles, label, proceed);
        By row = By.xpath("//table[@id='imports-running']//tr[td[contains(@class,'filename') and text()='" + label + "']]");
        WebElement running = Browser.waitFor(d -> {
            var found = d.findElements(row);
            return !found.isEmpty() && Long.parseLong(found.get(0).getAttribute("data-rows-read")) > 0 ? found.get(0) : null;
        });
        assertTrue(running.getText().contains("ivan"), running.getText());
        assertTrue(running.getText().contains("rows read"), running.getText());
        assertEquals("RECEIVING", running.getAttribute("data-phase"));
        // the card refreshes itself (htmx every 2 s): it shows the rows read up to where the upload waits
        Browser.waitFor(d -> {
            var found = d.findElements(row);
            return !found.isEmpty() && Long.parseLong(found.get(0).getAttribute("data-rows-read")) >= 15_000 ? true : null;
        });
        Browser.screenshot("uploads-import-running");
        Browser.go("/lang?to=zh-CN&back=/uploads");
        WebElement zh = Browser.waitFor(d -> d.findElements(row).isEmpty() ? null : d.findElements(row).get(0));
        assertTrue(zh.getText().contains("已读取"), zh.getText());
        assertEquals("观察记录导入", browser.findElement(By.cssSelector("#imports-card h2")).getText());
        Browser.screenshot("uploads-import-running-zh");
        Browser.english();
        Browser.go("/uploads");

        proceed.countDown();
        HttpResponse<String> done = sent.get();
        assertEquals(200, done.statusCode(), done.body());
        By finished = By.xpath("//table[@id='imports-finished']//tr[td[contains(@class,'filename') and text()='" + label
                + "']]");
        WebElement result = Browser.waitFor(d -> d.findElements(finished).isEmpty() ? null : d.findElements(finished).get(0));
        assertEquals("IMPORTED", result.getAttribute("data-state"));
        assertTrue(result.getText().contains("40000 rows: 40000 new, 0 changed, 0 unchanged"), result.getText());
        Browser.screenshot("uploads-import-finished");
    }

    /** 40 000 rows sent by the investigator through the API: 20 000, then the rest once {@code proceed} opens. */
    private CompletableFuture<HttpResponse<String>> slowImport(List<String> handles, String label, CountDownLatch proceed) {
        InputStream body = new InputStream() {
            private final LocalDate start = LocalDate.of(2014, 1, 1);
            private byte[] line = "platform,handle,date,posts,images\n".getBytes(StandardCharsets.UTF_8);
            private int pos;
            private int row;

            @Override
            public int read() throws IOException {
                if (pos == line.length) {
                    if (row == handles.size() * 1000) {
                        return -1;
                    }
                    if (row == 20_000) {
                        try {
                            if (!proceed.await(3, TimeUnit.MINUTES)) {
                                throw new IOException("the test did not let the upload go on");
                            }
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    line = ("pagetest," + handles.get(row / 1000) + "," + start.plusDays(row % 1000) + "," + (row % 5)
                            + ",1\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                    row++;
                }
                return line[pos++] & 0xff;
            }
        };
        String auth = "Basic " + Base64.getEncoder().encodeToString(("ivan:" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/observations/import?source=" + label))
                .header("Authorization", auth).header("Content-Type", "text/csv").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
