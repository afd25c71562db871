package org.dealerpanel.security.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static LoginThrottle throttle(int perUser, int perAddress, Duration window, int maxTracked) {
        LoginThrottle throttle = new LoginThrottle();
        throttle.maxPerUser = perUser;
        throttle.maxPerAddress = perAddress;
        throttle.window = window;
        throttle.maxTracked = maxTracked;
        return throttle;
    }

    private static void fail(LoginThrottle throttle, String user, String address) {
        LoginThrottle.Decision decision = throttle.begin(user, address);
        assertNull(decision.refusal(), "refused too early");
        decision.attempt().failed();
    }

    @Test
    void aUserNameIsRefusedAfterItsFailuresUntilTheWindowHasPassed() throws Exception {
        LoginThrottle throttle = throttle(3, 100, Duration.ofMillis(300), 100);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "ivan", "10.0.0." + i);
        }
        LoginThrottle.Refusal refusal = throttle.begin("ivan", "10.0.0.9").refusal();
        assertNotNull(refusal, "the fourth attempt is refused, from any address");
        assertEquals(1, refusal.retryAfterSeconds());
        assertNull(throttle.begin("vera", "10.0.0.9").refusal(), "other user names are not affected");
        Thread.sleep(350);
        LoginThrottle.Decision after = throttle.begin("ivan", "10.0.0.9");
        assertNull(after.refusal(), "no permanent lockout");
        after.attempt().succeeded();
    }

    @Test
    void aSuccessClearsTheUserNamesCount() {
        LoginThrottle throttle = throttle(3, 100, Duration.ofMinutes(5), 100);
        for (int round = 0; round < 3; round++) {
            fail(throttle, "ivan", "10.0.0.1");
            fail(throttle, "ivan", "10.0.0.1");
            throttle.begin("ivan", "10.0.0.1").attempt().succeeded();
        }
        assertNull(throttle.begin("ivan", "10.0.0.1").refusal());
    }

    @Test
    void parallelAttemptsCannotGoPastTheLimitWhileTheyAreChecked() {
        LoginThrottle throttle = throttle(3, 100, Duration.ofMinutes(5), 100);
        List<LoginThrottle.Attempt> granted = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            LoginThrottle.Decision decision = throttle.begin("admin", "10.0.0.1");
            if (decision.refusal() == null) {
                granted.add(decision.attempt());
            } else {
                refused++;
            }
        }
        assertEquals(3, granted.size());
        assertEquals(5, refused);
        granted.forEach(LoginThrottle.Attempt::abandoned); // e.g. the database was down: nobody is blamed
        assertNull(throttle.begin("admin", "10.0.0.1").refusal());
    }

    @Test
    void anAddressIsRefusedAfterFailuresForManyUserNames() {
        LoginThrottle throttle = throttle(5, 4, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 4; i++) {
            fail(throttle, "guess-" + i, "192.0.2.7");
        }
        assertNotNull(throttle.begin("ivan", "192.0.2.7").refusal());
        assertNull(throttle.begin("ivan", "192.0.2.8").refusal());
    }

    @Test
    void theCountersAreBounded() {
        LoginThrottle throttle = throttle(5, 1_000_000, Duration.ofMinutes(5), 50);
        for (int i = 0; i < 5_000; i++) {
            fail(throttle, "junk-" + i, "192.0.2." + (i % 200));
        }
        assertTrue(throttle.tracked() <= 100, "at most 50 user names and 50 addresses: " + throttle.tracked());
    }

    @Test
    void ipv6AddressesCountByTheirNetwork() {
        assertEquals(LoginThrottle.addressKey("2001:db8:1:2::1"), LoginThrottle.addressKey("2001:db8:1:2:ffff::9"));
        assertTrue(!LoginThrottle.addressKey("2001:db8:1:2::1").equals(LoginThrottle.addressKey("2001:db8:1:3::1")));
        assertEquals("192.0.2.1", LoginThrottle.addressKey("192.0.2.1"));
    }
}
