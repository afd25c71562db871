package org.dealerpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleHeapTest {

    @Test
    void aGrownHeapGoesBackToTheSystemAndTheFreeRatiosAreAsBefore() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        long grown = grow();
        IdleHeap.Shrink shrink = IdleHeap.shrink();
        assertNotNull(shrink, "HotSpot, with -XX:+ExplicitGCInvokesConcurrent as the service runs (pom.xml argLine)");
        assertTrue(shrink.committedBefore() >= grown / 2, "the heap had grown: " + shrink);
        assertTrue(shrink.committedAfter() < shrink.committedBefore(), "heap shrunk: " + shrink);
        // what is kept: the part in use and at most 30 % free (with a few regions' slack)
        assertTrue(shrink.committedAfter() <= shrink.usedAfter() / 0.7 + (32 << 20), "at most 30 % free: " + shrink);
        assertEquals(min, vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(max, vm.getVMOption("MaxHeapFreeRatio").getValue());
    }

    /** Holds 64 MB for a moment, so that the heap grows; returns the committed heap while held. */
    private static long grow() {
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            held.add(new byte[1 << 20]);
        }
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        assertEquals(64, held.size());
        return committed;
    }
}
