package org.hopfield4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Fails when one call allocates more heap than its input can justify: the fuzz-time check that a
 * loader never trusts a size field (a 100-byte file declaring a 10-GiB array must be rejected, not
 * allocated). Counts the calling thread's allocations, so the call must not hand work to other threads.
 */
public final class AllocationBudget {

    /** Fixed buffers a reader may allocate whatever the input: header (≤ 1 MiB), read chunks, zip tables. */
    private static final long FIXED_BYTES = 16L << 20;

    /**
     * Per input byte: parsing a header builds strings, lists and numbers a few times its size; a
     * deflated zip entry may legitimately expand about a thousandfold.
     */
    private static final long BYTES_PER_INPUT_BYTE = 2048;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long limit;

    private AllocationBudget(long limit) {
        this.limit = limit;
    }

    /** The budget for reading an input of {@code inputLength} bytes. */
    public static AllocationBudget forInput(int inputLength) {
        return new AllocationBudget(FIXED_BYTES + BYTES_PER_INPUT_BYTE * inputLength);
    }

    /** A call whose allocations are measured. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code call} and fails if it allocated more than the budget. The first calls in a JVM also
     * pay for class loading and initialisation, so an over-budget call is repeated once and only the
     * repeat, which allocates what the input alone costs, must fit.
     */
    public <T, E extends Exception> T measure(Call<T, E> call) throws E {
        long before = allocatedSoFar();
        T result = call.run();
        long allocated = allocatedSoFar() - before;
        if (allocated > limit) {
            before = allocatedSoFar();
            call.run();
            allocated = allocatedSoFar() - before;
            assertTrue(allocated <= limit, "allocated " + allocated + " bytes, budget " + limit);
        }
        return result;
    }

    private static long allocatedSoFar() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
