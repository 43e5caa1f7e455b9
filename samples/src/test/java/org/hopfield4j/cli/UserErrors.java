package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The user-error contract every command keeps, for the parameterized bad-input tests: exit code 2,
 * exactly one line on stderr {@code hopfield4j <command>: <what is wrong>}, nothing on stdout, no
 * stack trace.
 */
final class UserErrors {
    private UserErrors() {}

    /** One case: the fragment the error line must contain, and the command line. */
    static Arguments bad(String fragment, String... args) {
        return Arguments.of(fragment, args);
    }

    /** {@code run} failed as a user error of {@code command} whose line names {@code fragment}. */
    static void assertUserError(CliRun run, String fragment, String command) {
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), () -> "exactly one line on stderr\n" + run);
        String line = run.errLines().get(0);
        assertTrue(line.startsWith(command + ": "), () -> "starts with '" + command + ": '\n" + run);
        assertTrue(line.contains(fragment), () -> "names the problem: " + fragment + "\n" + run);
        assertFalse(run.err().contains("Exception"), run::toString);
        assertFalse(run.err().contains("at org."), run::toString);
        assertFalse(run.err().contains("at java."), run::toString);
        assertEquals("", run.out(), run::toString);
    }
}
