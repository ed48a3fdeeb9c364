package io.sparkforecast.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the JVM's used heap every 100 ms in a daemon thread and keeps the largest value. */
final class PeakHeap {
    private static final AtomicLong PEAK = new AtomicLong();

    private PeakHeap() {
    }

    static void startSampling() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread sampler = new Thread(() -> {
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static long usedMegabytes() {
        return PEAK.get() >> 20;
    }
}
