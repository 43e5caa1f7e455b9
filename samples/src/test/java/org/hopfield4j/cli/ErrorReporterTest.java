package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.junit.jupiter.api.Test;

/** Internal errors: exit code 1, one line, and the stack trace only in debug mode. */
class ErrorReporterTest {

    @Command(name = "boom")
    static final class Boom extends CliCommand {
        private final Supplier<Throwable> failure;

        Boom(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        protected int run() throws Exception {
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (Exception) t;
        }
    }

    private static CliRun boom(Map<String, String> env, Supplier<Throwable> failure, String... extra) {
        CommandLine cmd = Main.commandLine(env);
        cmd.addSubcommand("boom", new Boom(failure));
        String[] args = new String[extra.length + 1];
        args[0] = "boom";
        System.arraycopy(extra, 0, args, 1, extra.length);
        return CliRun.run(cmd, args);
    }

    /** The run ended with {@code exitCode} and wrote exactly one non-blank line on stderr. */
    private static void assertOneErrorLine(CliRun run, int exitCode) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
    }

    @Test
    void internalErrorIsOneLineWithExitOne() {
        CliRun run = boom(Map.of(), () -> new IllegalStateException("kernel said\nsomething odd"));
        assertOneErrorLine(run, 1);
        assertTrue(run.err().startsWith("hopfield4j boom: internal error: java.lang.IllegalStateException: "
                + "kernel said something odd"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void jvmErrorsAreCaughtToo() {
        CliRun run = boom(Map.of(), () -> new UnsatisfiedLinkError("no jnihopfield4j in java.library.path"));
        assertOneErrorLine(run, 1);
        assertTrue(run.err().contains("UnsatisfiedLinkError: no jnihopfield4j"), run::toString);
    }

    @Test
    void debugOptionAddsTheStackTrace() {
        CliRun run = boom(Map.of(), () -> new IllegalStateException("boom"), "--debug");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.errLines().size() > 1, run::toString);
        assertTrue(run.err().contains("\tat org.hopfield4j.cli."), run::toString);
    }

    @Test
    void debugEnvironmentVariableAddsTheStackTrace() {
        CliRun run = boom(Map.of(Main.DEBUG_ENV, "1"), () -> new IllegalStateException("boom"));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("\tat org.hopfield4j.cli."), run::toString);
    }

    @Test
    void userErrorStaysOneLineEvenInDebugModeWithoutACause() {
        CliRun run = boom(Map.of(), () -> new UserError("scores.npy: line one\nline two"));
        assertOneErrorLine(run, 2);
        assertEquals("hopfield4j boom: scores.npy: line one line two", run.errLines().get(0));
    }

    @Test
    void userErrorInDebugModeAddsTheTraceOfItsCause() {
        CliRun run = boom(Map.of(Main.DEBUG_ENV, "1"),
                () -> new UserError("bad file", new java.io.IOException("disk on fire")));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("hopfield4j boom: bad file", run.errLines().get(0));
        assertTrue(run.err().contains("java.io.IOException: disk on fire"), run::toString);
    }

    @Test
    void oneLineCollapsesLineBreaksAndBlanks() {
        assertEquals("a b c", ErrorReporter.oneLine("  a\r\n   b \n\n c  "));
        assertEquals("(no message)", ErrorReporter.oneLine(null));
    }
}
