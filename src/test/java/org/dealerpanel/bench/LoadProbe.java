package org.dealerpanel.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load at a fixed arrival rate: requests are due on schedule whether or not earlier ones have answered,
 * and each latency is measured from its due time, so a slow service shows up as latency, not as a lower rate (no
 * coordinated omission). Prints one line: {@code rate, sent, non-2xx, p50, p95, p99, max}. Used by {@code bin/bench}.
 *
 * <p>The service and this probe share the machine's cores, so the probe is kept cheap: {@value #CONNECTIONS}
 * keep-alive HTTP/1.1 connections on plain blocking sockets, each worker taking the next due request from one
 * queue (a request waits there while every connection is busy, and that wait counts).
 *
 * <p>Arguments: url user password ratePerSecond seconds [url2 ...] (several urls are used in turn).
 */
public final class LoadProbe {
    static final int CONNECTIONS = 32;

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
        List<byte[]> requests = urls.stream().map(u -> request(u, auth)).toList();
        URI target = urls.get(0);

        // warm-up: JIT, connection pool, caches
        try (Connection c = new Connection(target)) {
            for (int i = 0; i < 50; i++) {
                c.exchange(requests.get(i % requests.size()));
            }
        }
        long total = (long) rate * seconds;
        BlockingQueue<long[]> due = new ArrayBlockingQueue<>((int) Math.min(total + CONNECTIONS, Integer.MAX_VALUE - 8));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        for (int w = 0; w < CONNECTIONS; w++) {
            Thread worker = new Thread(() -> {
                Connection c = null;
                try {
                    while (true) {
                        long[] job = due.take();
                        if (job[0] < 0) {
                            return;
                        }
                        int status;
                        try {
                            if (c == null) {
                                c = new Connection(target);
                            }
                            status = c.exchange(requests.get((int) job[1]));
                        } catch (IOException e) {
                            status = -1;
                            if (c != null) {
                                c.close();
                            }
                            c = null;
                        }
                        latencies.add(System.nanoTime() - job[0]);
                        if (status / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (c != null) {
                        c.close();
                    }
                    done.countDown();
                }
            }, "probe-" + w);
            worker.setDaemon(true);
            worker.start();
        }
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long at = start + n * intervalNanos;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            due.add(new long[] {at, n % requests.size()});
        }
        for (int w = 0; w < CONNECTIONS; w++) {
            due.add(new long[] {-1, 0});
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("rate %d/s target, %.0f/s achieved, %d requests, %d not 2xx, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                rate, sorted.size() / elapsed, sorted.size(), failures.get(), pct(sorted, 0.50), pct(sorted, 0.95),
                pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        System.exit(0);
    }

    private static byte[] request(URI uri, String auth) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nAuthorization: " + auth
                + "\r\nAccept: application/json\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    /** One keep-alive HTTP/1.1 connection: sends a request, reads the status and the whole body. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] skip = new byte[64 * 1024];

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    skipFully(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skipFully(length);
            }
            return status;
        }

        private void skipFully(long n) throws IOException {
            while (n > 0) {
                int r = in.read(skip, 0, (int) Math.min(skip.length, n));
                if (r < 0) {
                    throw new IOException("connection closed in a body");
                }
                n -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
