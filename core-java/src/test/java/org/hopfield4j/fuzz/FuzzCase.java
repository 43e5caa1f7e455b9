package org.hopfield4j.fuzz;

import java.util.function.Supplier;

/**
 * Runs the checks of one fuzzed case and, when one fails, appends the case's decoded inputs to the
 * message: a finding of a {@code FuzzedDataProvider} target is otherwise an opaque byte string. The
 * failing check's stack trace is kept, since Jazzer tells distinct findings apart by it.
 */
public final class FuzzCase {

    private FuzzCase() {
    }

    /** Runs {@code checks}; an {@link AssertionError} is rethrown with {@code inputs} in its message. */
    public static void check(Supplier<String> inputs, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError failure) {
            AssertionError described = new AssertionError(failure.getMessage() + "\n  inputs: " + inputs.get());
            described.setStackTrace(failure.getStackTrace());
            throw described;
        }
    }
}
