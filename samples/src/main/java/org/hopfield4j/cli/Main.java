package org.hopfield4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code hopfield4j} command line: {@code java -jar samples/target/hopfield4j.jar <command> ...}.
 *
 * <p>Exit codes: {@value #EXIT_OK} success; {@value #EXIT_USER_ERROR} a user error (bad option or
 * value, missing or unreadable file, corrupt {@code .npy}, wrong shape, NaN in the data, ...), with
 * exactly one line {@code hopfield4j <command>: <what is wrong>} on stderr and no stack trace;
 * {@value #EXIT_INTERNAL_ERROR} an unexpected internal error, also one line, plus the stack trace
 * with {@code --debug} or the environment variable {@code HOPFIELD4J_DEBUG=1}. A command whose
 * standard output could not be written (full device, closed descriptor) exits {@value #EXIT_USER_ERROR}.
 */
@Command(name = "hopfield4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Modern Hopfield associative memories (dense, sparse, entmax) on the JVM.",
        subcommands = {SeparateCommand.class, RetrieveCommand.class, LearnKernelCommand.class, BenchCommand.class, ExperimentCommand.class, RunCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error: one line on stderr; --debug or HOPFIELD4J_DEBUG=1",
            "     also print the stack trace",
            "  2  bad input: an option, file or data, or standard output that could",
            "     not be written; one line on stderr says what is wrong"})
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL_ERROR = 1;
    public static final int EXIT_USER_ERROR = 2;

    /** Environment variable that turns on stack traces for internal errors, like --debug. */
    public static final String DEBUG_ENV = "HOPFIELD4J_DEBUG";

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error (same as HOPFIELD4J_DEBUG=1).")
    boolean debug;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(run(commandLine(), args, new FileOutputStream(FileDescriptor.out), System.err));
    }

    /**
     * Runs {@code cmd} with its standard output going to {@code stdout}, and checks that output: a write
     * that failed (a full device, a closed descriptor) turns a successful exit into
     * {@value #EXIT_USER_ERROR} with one line on {@code stderr}, since the table or summary the user
     * asked for was lost. (A {@link PrintWriter} alone would swallow the failure.)
     */
    static int run(CommandLine cmd, String[] args, OutputStream stdout, PrintStream stderr) {
        FailureRecordingStream recorded = new FailureRecordingStream(stdout);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(recorded, Charset.defaultCharset()), true);
        cmd.setOut(out);
        int code = cmd.execute(args);
        out.flush();
        IOException failure = recorded.failure();
        if (failure != null && code == EXIT_OK) {
            stderr.println(cmd.getCommandName() + ": cannot write standard output: " + failure.getMessage());
            stderr.flush();
            return EXIT_USER_ERROR;
        }
        return code;
    }

    /** Passes bytes on and remembers the first {@link IOException}, which a PrintWriter would hide. */
    private static final class FailureRecordingStream extends FilterOutputStream {
        private IOException failure;

        FailureRecordingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        private synchronized void record(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }

        synchronized IOException failure() {
            return failure;
        }
    }

    /** The command line with hopfield4j's error handling installed; what {@link #main} runs. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** As {@link #commandLine()}, reading {@value #DEBUG_ENV} from {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        String flag = environment.get(DEBUG_ENV);
        boolean debug = flag != null && !flag.isEmpty() && !flag.equals("0") && !flag.equalsIgnoreCase("false");
        ErrorReporter reporter = new ErrorReporter(debug);
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler(reporter);
        cmd.setExecutionExceptionHandler(reporter);
        // run SCRIPT --size 20: everything after the script path is the script's, not ours
        cmd.getSubcommands().get("run").setStopAtPositional(true);
        return cmd;
    }
}
