package org.hopfield4j.fuzz;

import java.io.IOException;

/** What a loader made of a fuzzed input: its result, or null when it rejected the input as it should. */
public final class Verdict {
    private Verdict() {}

    /** A loader call that may fail with an I/O error. */
    @FunctionalInterface
    public interface Load<T> {
        T call() throws IOException;
    }

    /**
     * {@code load}'s result, or null when it throws one of the {@code expected} exceptions (a rejected
     * input); any other exception propagates and fails the fuzz test.
     */
    @SafeVarargs
    public static <T> T orNull(Load<T> load, Class<? extends Exception>... expected) throws IOException {
        try {
            return load.call();
        } catch (IOException | RuntimeException e) {
            for (Class<? extends Exception> type : expected) {
                if (type.isInstance(e)) return null;
            }
            throw e;
        }
    }
}
