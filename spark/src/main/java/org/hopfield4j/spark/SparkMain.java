package org.hopfield4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The job jar's entry point (docs/spark.md#job): {@code java -jar spark/target/hopfield4j-spark.jar retrieve
 * --master local[4] ...} here, {@code spark-submit --class org.hopfield4j.spark.SparkMain hopfield4j-spark.jar
 * retrieve ...} on a cluster. As the command line (docs/cli.md): exit 0 on success, 2 with one line on
 * stderr for bad input (an option, a file, a value the library rejects, here or on an executor), 1 with
 * the stack trace for an internal error.
 */
@Command(name = "hopfield4j-spark", mixinStandardHelpOptions = true, version = "hopfield4j-spark",
        description = "Exact modern Hopfield retrieval on Apache Spark: replicated or sharded stores.",
        subcommands = {SparkRetrieveCommand.class, SparkBenchCommand.class})
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before Spark's first log line; a user's own configuration wins
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:org/hopfield4j/spark/log4j2-job.properties");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("hopfield4j-spark: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            Throwable user = userError(e);
            if (user == null) throw e;
            err.println("hopfield4j-spark: " + oneLine(user.getMessage()));
            return 2;
        });
        return cli.execute(args);
    }

    /** The bad-input cause of {@code e}, also when it comes back from an executor inside a SparkException. */
    static Throwable userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof org.apache.spark.sql.AnalysisException) {
                return t;
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        String m = message == null ? "bad input" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: retrieve or bench");
    }
}
