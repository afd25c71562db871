package org.dealerpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PanelClockTest {
    @Test
    void parsesIanaRegionsAndUtcOnly() {
        assertEquals(ZoneId.of("Asia/Shanghai"), PanelClock.parse(" Asia/Shanghai "));
        assertEquals(ZoneOffset.UTC, PanelClock.parse("UTC"));
        assertEquals(ZoneOffset.UTC, PanelClock.parse("Etc/UTC"));
        assertEquals(ZoneId.of("America/Argentina/Buenos_Aires"), PanelClock.parse("America/Argentina/Buenos_Aires"));
        for (String bad : new String[] {"UTC+8", "+08:00", "Mars/Olympus_Mons", "", "Asia/Shanghai'; drop table x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PanelClock.parse(bad), bad);
            assertEquals(true, e.getMessage().contains("TRACKER_TIME_ZONE"), e.getMessage());
        }
    }

    @Test
    void sameInstantDifferentDays() {
        Instant at = Instant.parse("2016-12-31T20:00:00Z");
        assertEquals(LocalDate.of(2016, 12, 31), PanelClock.dayOf(at, ZoneOffset.UTC));
        assertEquals(LocalDate.of(2017, 1, 1), PanelClock.dayOf(at, ZoneId.of("Asia/Shanghai")));
    }
}
