package org.dealerpanel.common;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Hands the Java heap's free part back to the system once, when the service has gone idle after a burst of work (the
 * OCR queue drained): a collection with tight free-ratio bounds, which are then put back as they were. Tight bounds
 * kept for good made the heap shrink under load too, so list requests during the nightly build met more collections;
 * applied only at the end of a burst they cost one collection then. Only where {@code System.gc()} runs a concurrent
 * cycle ({@code -XX:+ExplicitGCInvokesConcurrent}, in {@code bin/jvm.options}; G1 resizes the heap at its end): a
 * stop-the-world full collection of a busy heap would stall every request, so without the flag nothing is done.
 */
public final class IdleHeap {
    /** Free heap kept after the shrink, percent of the heap: what G1 grows back from. */
    static final int MIN_FREE = 10;
    static final int MAX_FREE = 30;

    private IdleHeap() {
    }

    /** Committed heap bytes before and after, and the bytes in use after. */
    public record Shrink(long committedBefore, long committedAfter, long usedAfter) {
    }

    /** Collects with tight free-ratio bounds, then restores them; null where the JVM does not allow it. */
    public static synchronized Shrink shrink() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null || !"true".equals(option(vm, "ExplicitGCInvokesConcurrent"))) {
            return null;
        }
        long before = committed();
        String min;
        String max;
        try {
            min = vm.getVMOption("MinHeapFreeRatio").getValue();
            max = vm.getVMOption("MaxHeapFreeRatio").getValue();
            // MinHeapFreeRatio <= MaxHeapFreeRatio at every step: lower the minimum first, restore the maximum first
            vm.setVMOption("MinHeapFreeRatio", Integer.toString(MIN_FREE));
            vm.setVMOption("MaxHeapFreeRatio", Integer.toString(MAX_FREE));
        } catch (IllegalArgumentException | SecurityException e) {
            return null; // not manageable here (another collector, a locked-down JVM)
        }
        try {
            System.gc();
        } finally {
            vm.setVMOption("MaxHeapFreeRatio", max);
            vm.setVMOption("MinHeapFreeRatio", min);
        }
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Shrink(before, after.getCommitted(), after.getUsed());
    }

    private static String option(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long committed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
