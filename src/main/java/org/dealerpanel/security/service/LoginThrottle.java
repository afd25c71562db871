package org.dealerpanel.security.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Slows password guessing. Failed sign-ins are counted per user name and per client address, and a count is forgotten
 * once {@code window} has passed without a new attempt. When a user name reaches {@code max-failures} (an address
 * {@code max-failures-per-address}), further attempts are refused for {@code window}, without a database look-up or a
 * bcrypt check. There is no permanent lockout: once the window has passed the real user signs in again, and a success
 * clears the user name's count. An attempt is counted when it starts (and given back when it succeeds), so a burst of
 * parallel guesses cannot slip past the limit while bcrypt runs.
 *
 * <p>The counters live in memory, per instance, in maps bounded to {@code max-tracked} entries each: expired entries
 * go first, then the oldest. One address can only add {@code max-failures-per-address} user names per window, so a
 * single client cannot flush the counts; many addresses together could (the limit then is per instance, not global).
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    @Inject
    @ConfigProperty(name = "tracker.security.login.max-failures", defaultValue = "5")
    int maxPerUser;
    @Inject
    @ConfigProperty(name = "tracker.security.login.max-failures-per-address", defaultValue = "20")
    int maxPerAddress;
    @Inject
    @ConfigProperty(name = "tracker.security.login.window", defaultValue = "5M")
    Duration window;
    @Inject
    @ConfigProperty(name = "tracker.security.login.max-tracked", defaultValue = "10000")
    int maxTracked;

    private Counters users;
    private Counters addresses;

    /** Counts of one key: attempts not yet forgotten, the last one, and when a block (if any) ends; in nanoTime. */
    private static final class Counter {
        long lastAttempt;
        int attempts;
        long blockedUntil;
    }

    /** An insertion-ordered map that never holds more than its bound. */
    private final class Counters {
        private final LinkedHashMap<String, Counter> map = new LinkedHashMap<>();

        Counter get(String key, long now) {
            Counter counter = map.get(key);
            if (counter != null && expired(counter, now)) {
                map.remove(key);
                counter = null;
            }
            if (counter == null) {
                if (map.size() >= Math.max(1, maxTracked)) {
                    evict(now);
                }
                counter = new Counter();
                counter.lastAttempt = now;
                map.put(key, counter);
            }
            return counter;
        }

        Counter peek(String key) {
            return map.get(key);
        }

        void remove(String key) {
            map.remove(key);
        }

        int size() {
            return map.size();
        }

        private void evict(long now) {
            for (Iterator<Counter> it = map.values().iterator(); it.hasNext(); ) {
                if (expired(it.next(), now)) {
                    it.remove();
                }
            }
            Iterator<String> oldest = map.keySet().iterator();
            while (map.size() >= Math.max(1, maxTracked) && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** One attempt that was let through: the caller reports how it ended, exactly once. */
    public final class Attempt {
        private final String user;
        private final String address;
        private boolean done;

        private Attempt(String user, String address) {
            this.user = user;
            this.address = address;
        }

        /** Wrong password, unknown or disabled user: the attempt stays counted; reaching the limit starts a block. */
        public void failed() {
            synchronized (LoginThrottle.this) {
                if (done) {
                    return;
                }
                done = true;
                long now = System.nanoTime();
                block(users.peek(user), maxPerUser, now, "user name", user);
                block(addresses.peek(address), maxPerAddress, now, "address", address);
            }
        }

        /** The right password: the user name's count is cleared and the address gets this attempt back. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                if (done) {
                    return;
                }
                done = true;
                users.remove(user);
                giveBack(addresses.peek(address));
            }
        }

        /** The check itself failed (e.g. the database was unreachable): not held against anyone. */
        public void abandoned() {
            synchronized (LoginThrottle.this) {
                if (done) {
                    return;
                }
                done = true;
                giveBack(users.peek(user));
                giveBack(addresses.peek(address));
            }
        }
    }

    /** Why an attempt was refused, and when to try again. */
    public record Refusal(long retryAfterSeconds, String reason) {
    }

    /** Either an attempt that may go on to the password check, or a refusal. */
    public record Decision(Attempt attempt, Refusal refusal) {
    }

    private synchronized void init() {
        if (users == null) {
            users = new Counters();
            addresses = new Counters();
        }
    }

    /** Called before a password is checked; a refusal means: answer 429 and check nothing. */
    public synchronized Decision begin(String userName, String clientAddress) {
        init();
        String user = userKey(userName);
        String address = addressKey(clientAddress);
        long now = System.nanoTime();
        Counter byAddress = addresses.get(address, now);
        Refusal refusal = refusal(byAddress, maxPerAddress, now, "too many failed sign-ins from this address");
        if (refusal == null) {
            Counter byUser = users.get(user, now);
            refusal = refusal(byUser, maxPerUser, now, "too many failed sign-ins for this user name");
            if (refusal == null) {
                byUser.attempts++;
                byUser.lastAttempt = now;
                byAddress.attempts++;
                byAddress.lastAttempt = now;
                return new Decision(new Attempt(user, address), null);
            }
        }
        return new Decision(null, refusal);
    }

    private Refusal refusal(Counter counter, int max, long now, String reason) {
        if (counter.blockedUntil > now) {
            return new Refusal(seconds(counter.blockedUntil - now), reason);
        }
        if (counter.attempts >= Math.max(1, max)) {
            // the limit is taken by attempts still being checked: the block starts when they fail
            return new Refusal(seconds(window.toNanos()), reason);
        }
        return null;
    }

    private void block(Counter counter, int max, long now, String kind, String key) {
        if (counter != null && counter.attempts >= Math.max(1, max) && counter.blockedUntil <= now) {
            counter.blockedUntil = now + window.toNanos();
            LOG.warnf("Sign-in throttled for %s '%s': %d failures; refused for %s", kind, printable(key), counter.attempts,
                    window);
        }
    }

    /** A client's user name in a log line: no control characters (no forged lines), bounded. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) ? '?' : c);
        }
        return out.toString();
    }

    private static void giveBack(Counter counter) {
        if (counter != null && counter.attempts > 0) {
            counter.attempts--;
        }
    }

    private boolean expired(Counter counter, long now) {
        return counter.blockedUntil <= now && now - counter.lastAttempt >= window.toNanos();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** How many user names and addresses are tracked now (never more than max-tracked of each). */
    synchronized int tracked() {
        init();
        return users.size() + addresses.size();
    }

    /** User names are case-sensitive; a name longer than any real one (64) is cut, which only merges junk names. */
    static String userKey(String userName) {
        String name = userName == null ? "" : userName;
        return name.length() > 80 ? name.substring(0, 80) : name;
    }

    /** IPv4 addresses as they are; IPv6 ones by their /64 network, which one client usually owns whole. */
    static String addressKey(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1)
                    : address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException | RuntimeException e) {
            return address;
        }
    }
}
