package org.dealerpanel.watch.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Tracker-Signature: sha256=<hex>}, the lower-case hex HMAC-SHA256 of the exact
 * request body bytes, keyed with the UTF-8 bytes of the user's webhook secret. A receiver recomputes it over the raw
 * body it received and compares in constant time; the body's {@code digestId} identifies the digest across retries
 * and its {@code sentAt} lets a receiver refuse old replays.
 */
public final class WebhookSigner {
    public static final String HEADER = "X-Tracker-Signature";
    public static final String PREFIX = "sha256=";

    private WebhookSigner() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** True when {@code header} is the signature of {@code body} under {@code secret} (constant-time compare). */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
