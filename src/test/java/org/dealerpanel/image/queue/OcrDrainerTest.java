package org.dealerpanel.image.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OcrDrainerTest {
    @Test
    void pollIntervalIsReadAsQuarkusWritesDurations() {
        assertEquals(2000, OcrDrainer.pollMillis("2s"));
        assertEquals(500, OcrDrainer.pollMillis("500ms"));
        assertEquals(60_000, OcrDrainer.pollMillis("1m"));
        assertEquals(1500, OcrDrainer.pollMillis("PT1.5S"));
    }
}
