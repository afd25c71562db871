package org.dealerpanel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load at a fixed arrival rate (requests are sent on schedule whether or not earlier ones have
 * answered, so a slow service shows up as latency, not as a lower rate). Prints one line:
 * {@code rate, sent, non-2xx, p50, p95, p99, max}. Used by {@code bin/bench}.
 *
 * <p>Arguments: url user password ratePerSecond seconds [url2 ...] (several urls are used in turn).
 */
public final class LoadProbe {
    public static void main(String[] args) throws Exception {
        String user = args[1], password = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        List<URI> urls = new ArrayList<>();
        urls.add(URI.create(args[0]));
        for (int i = 5; i < args.length; i++) {
            urls.add(URI.create(args[i]));
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        // warm-up: JIT, connection pool, caches
        for (int i = 0; i < 50; i++) {
            client.send(request(urls.get(i % urls.size()), auth), HttpResponse.BodyHandlers.discarding());
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long sent = due; // measured from the scheduled time: no coordinated omission
            inFlight.add(client.sendAsync(request(urls.get((int) (n % urls.size())), auth), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies.add(System.nanoTime() - sent);
                        if (error != null || response.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("rate %d/s target, %.0f/s achieved, %d requests, %d not 2xx, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                rate, sorted.size() / elapsed, sorted.size(), failures.get(), pct(sorted, 0.50), pct(sorted, 0.95),
                pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        System.exit(0);
    }

    private static HttpRequest request(URI uri, String auth) {
        return HttpRequest.newBuilder(uri).header("Authorization", auth).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
