package org.dealerpanel.watch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local webhook receiver (the JDK's HTTP server) that checks each delivery's signature the way a user's receiver
 * would: its own HMAC-SHA256 of the raw body with the secret it was given, against {@code X-Tracker-Signature}.
 */
public final class WebhookReceiver {
    /** One delivery as received. */
    public record Delivery(String path, String signature, String event, String deliveryId, String contentType,
                           String body, boolean signatureValid) {
    }

    private static WebhookReceiver instance;

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Delivery> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Tracker-Signature");
            String secret = secrets.get(path);
            boolean valid = secret != null && signature != null && MessageDigest.isEqual(
                    ("sha256=" + hmac(secret, body)).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
            received.add(new Delivery(path, signature, exchange.getRequestHeaders().getFirst("X-Tracker-Event"),
                    exchange.getRequestHeaders().getFirst("X-Tracker-Delivery"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8), valid));
            AtomicInteger fail = failures.get(path);
            int status = fail != null && fail.getAndDecrement() > 0 ? 500 : valid ? 204 : 401;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static synchronized WebhookReceiver get() {
        if (instance == null) {
            try {
                instance = new WebhookReceiver();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.server.stop(0)));
        }
        return instance;
    }

    /** A URL of its own for a test user, checked with this secret. */
    public String url(String name, String secret) {
        String path = "/hook/" + name;
        secrets.put(path, secret);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code n} deliveries to this URL are answered 500. */
    public void failNext(String url, int n) {
        failures.put(url.substring(url.indexOf("/hook/")), new AtomicInteger(n));
    }

    public List<Delivery> to(String url) {
        String path = url.substring(url.indexOf("/hook/"));
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : received) {
            if (d.path().equals(path)) {
                out.add(d);
            }
        }
        return out;
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
