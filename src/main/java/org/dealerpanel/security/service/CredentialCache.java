package org.dealerpanel.security.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dealerpanel.security.Role;

/**
 * Remembers recently verified credentials for a few minutes, so that API clients sending Basic
 * credentials on every call don't pay a bcrypt verification each time. Only a keyed HMAC of the
 * password is kept (the key lives in memory only), and every user change drops the entry.
 */
@ApplicationScoped
public class CredentialCache {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(byte[] mac, Set<Role> roles, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    public CredentialCache() {
        new SecureRandom().nextBytes(key);
    }

    public Set<Role> lookup(String username, char[] password) {
        Entry entry = entries.get(username);
        if (entry == null || entry.expiresAt < System.nanoTime()) {
            return null;
        }
        return MessageDigest.isEqual(entry.mac, mac(username, password)) ? entry.roles : null;
    }

    public void remember(String username, char[] password, Set<Role> roles) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(username, new Entry(mac(username, password), Set.copyOf(roles), System.nanoTime() + TTL.toNanos()));
    }

    public void forget(String username) {
        entries.remove(username);
    }

    private byte[] mac(String username, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
