package org.hopfield4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hopfield4j.dsl.script.HopScriptHost;
import org.hopfield4j.dsl.script.ScriptArgumentException;
import org.hopfield4j.dsl.script.ScriptOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hopfield4j run script.hop.kts [args...]}: compiles and runs a Kotlin DSL experiment script
 * with the embedded Kotlin compiler. A script that does not compile: exit 2 and one
 * {@code file:line:column message} line per error; a script that throws: exit 1 and
 * {@code file:line: Type: message} at the script's own line; an argument the script cannot read (its
 * {@code intArg} given "abc"): exit 2 and one line naming the argument; the compiler out of heap
 * before the script ran: exit 2, saying so (not blaming the script). Every message is one line.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a Kotlin experiment script (*.hop.kts) written with the hopfield4j DSL.",
            "Arguments after the script are passed to it (e.g. --size 20)."})
final class RunCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The script, a *.hop.kts file.")
    File script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the script.")
    List<String> scriptArgs = new ArrayList<>();

    @Override
    protected int run() {
        if (!script.isFile()) {
            throw new UserError(script + ": no such script file");
        }
        if (!script.getName().endsWith(".hop.kts")) {
            throw new UserError(script + ": not a *.hop.kts script");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintStream saved = System.out;
        PrintStream scriptOut = new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8);
        ScriptOutcome outcome;
        System.setOut(scriptOut);
        try {
            outcome = HopScriptHost.INSTANCE.run(script, scriptArgs);
        } catch (NoClassDefFoundError e) {
            // the Kotlin compiler is not inside hopfield4j.jar but in lib/ beside it (docs/cli.md#jar)
            if (e.getMessage() != null && e.getMessage().startsWith("org/jetbrains/kotlin")) {
                throw new UserError("the Kotlin compiler is not on the class path (" + e.getMessage() + "): run needs "
                        + "the lib/ directory that the build puts beside hopfield4j.jar; copy it along with the jar", e);
            }
            throw e;
        } finally {
            scriptOut.flush();
            System.setOut(saved);
        }
        if (outcome instanceof ScriptOutcome.CompileErrors errors) {
            errors.getMessages().forEach(err::println);
            err.flush();
            return Main.EXIT_USER_ERROR;
        }
        if (outcome instanceof ScriptOutcome.CompilerFailed compiler) {
            if (compiler.getError() instanceof OutOfMemoryError) {
                throw new UserError(script + ": the Kotlin compiler ran out of Java heap before the script ran ("
                        + compiler.getError().getMessage() + "); raise it, e.g. java -Xmx1g -jar hopfield4j.jar run ...");
            }
            err.println(compiler.getMessage());
            err.flush();
            return Main.EXIT_INTERNAL_ERROR;
        }
        if (outcome instanceof ScriptOutcome.Failed failed && failed.getError() instanceof ScriptArgumentException bad) {
            throw new UserError(script + ": " + bad.getMessage());
        }
        if (outcome instanceof ScriptOutcome.Failed failed) {
            err.println(failed.getMessage());
            err.flush();
            return Main.EXIT_INTERNAL_ERROR;
        }
        return Main.EXIT_OK;
    }

    /** System.out of the script, forwarded to the command's writer on every flush. */
    private static final class WriterStream extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final PrintWriter target;

        WriterStream(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        @Override
        public void flush() {
            target.print(buffer.toString(StandardCharsets.UTF_8));
            target.flush();
            buffer.reset();
        }
    }
}
