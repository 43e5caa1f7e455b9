package org.hopfield4j.cli;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Times a piece of work: warm-up runs (for the JIT and caches), then {@code repeats} timed runs,
 * and the median. Warm-up stops early once it has taken {@link #WARMUP_BUDGET_NANOS}, so slow
 * references do not make a benchmark crawl; one warm-up run is always made when any is asked for.
 */
final class MedianTimer {
    /** Warm-up time after which no further warm-up run starts. */
    static final long WARMUP_BUDGET_NANOS = 2_000_000_000L;

    private MedianTimer() {}

    /** The median wall time in nanoseconds of {@code repeats} runs of {@code work}. */
    static double medianNanos(int warmups, int repeats, Runnable work) {
        return medianNanos(warmups, repeats, work, System::nanoTime);
    }

    /**
     * As {@link #medianNanos(int, int, Runnable)} on another clock, e.g. the calling thread's CPU time
     * (which a loaded machine does not inflate, but which misses work on other threads).
     */
    static double medianNanos(int warmups, int repeats, Runnable work, LongSupplier clock) {
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmups; i++) {
            work.run();
            if (System.nanoTime() - warmupStart > WARMUP_BUDGET_NANOS) {
                break;
            }
        }
        long[] times = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = clock.getAsLong();
            work.run();
            times[i] = clock.getAsLong() - start;
        }
        return median(times);
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
