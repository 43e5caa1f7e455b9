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
            throw new UserError(outOfMemory(e));
        } catch (Error e) {
            throw new InternalFailure(e);
        }
    }

    /**
     * What ran out, by the JVM's or JavaCPP's message, and the remedy that applies to it: only an
     * exhausted Java heap is helped by -Xmx; an array beyond the JVM's size limit, direct buffers and
     * native memory each have their own cause.
     */
    static String outOfMemory(OutOfMemoryError e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("Java heap space") || m.contains("GC overhead")) {
            return "not enough Java heap for this input (" + m + "); raise it, e.g. java -Xmx8g -jar hopfield4j.jar ...";
        }
        if (m.contains("Requested array size exceeds VM limit")) {
            return "an array larger than the JVM allows was needed (" + m
                    + "): the input or a size option is too large for one Java array; use smaller sizes";
        }
        if (m.toLowerCase(java.util.Locale.ROOT).contains("direct buffer memory")) {
            return "out of direct buffer memory (" + m + "); raise -XX:MaxDirectMemorySize or use smaller inputs";
        }
        if (m.contains("maxBytes") || m.contains("maxPhysicalBytes") || m.contains("Pointer")) {
            return "not enough native memory (" + m + "); JavaCPP limits it with -Dorg.bytedeco.javacpp.maxBytes "
                    + "and maxPhysicalBytes (default: the heap limit, -Xmx) and the machine's memory bounds it; "
                    + "use smaller inputs or raise the limit";
        }
        return "out of memory: " + m;
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
