package io.sparkforecast.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

/** The most heap this JVM has held, from the peaks the JVM tracks per heap pool (no sampling). */
final class PeakHeap {
    private PeakHeap() {
    }

    /**
     * The sum of each heap pool's peak usage: what the heap held when every pool was at its
     * fullest (the young pools fill to their size before each collection).
     */
    static long usedMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }
}
