package org.hopfield4j.cli;

import java.util.concurrent.Callable;

/**
 * Base of every command that does work: turns JVM errors into exceptions the error reporter sees,
 * so that even a native library that cannot load gives one line and a clean exit code.
 */
abstract class CliCommand implements Callable<Integer> {

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
}
