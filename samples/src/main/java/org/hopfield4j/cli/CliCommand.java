package org.hopfield4j.cli;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every command that does work: turns JVM errors into exceptions the error reporter sees,
 * so that even a native library that cannot load gives one line and a clean exit code.
 */
abstract class CliCommand implements Callable<Integer> {

    /** Injected by picocli: the command's own spec, for usage errors and its output writers. */
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (OutOfMemoryError e) {
            throw new UserError("not enough Java heap for this input (" + e.getMessage()
                    + "); raise it, e.g. java -Xmx8g -jar hopfield4j.jar ...");
        } catch (Error e) {
            throw new InternalFailure(e);
        }
    }

    /** The command's work; returns the exit code (0). */
    protected abstract int run() throws Exception;

    /** A usage error of this command: exit 2, one line, "see --help". */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Runs the library's check of an option's value ({@code org.hopfield4j.internal.Check}, the one home
     * of each rule): its {@link IllegalArgumentException} becomes a usage error that starts with the
     * option (the library's message, unless it already names the option).
     */
    protected <T> T option(String option, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw usage(option + (message.startsWith(option) ? message.substring(option.length()) : ": " + message));
        }
    }
}
