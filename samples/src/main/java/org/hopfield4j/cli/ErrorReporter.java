package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into exactly one line on stderr, {@code <command>: <what is wrong>}, and an
 * exit code:
 * <ul>
 *   <li>{@value Main#EXIT_USER_ERROR} for user errors: picocli usage errors (unknown or missing
 *       option, a value that does not convert), {@link ParameterException}s our commands throw
 *       after checking option values, and {@link UserError}s (bad files, bad data);</li>
 *   <li>{@value Main#EXIT_INTERNAL_ERROR} for anything else (a bug, a native library that does not
 *       load), followed by the stack trace only in debug mode ({@code --debug} or
 *       {@code HOPFIELD4J_DEBUG=1}).</li>
 * </ul>
 * In debug mode a user error also prints the stack trace of the exception behind it, if any
 * (say the {@code NpyFormatException} of a corrupt file); otherwise it stays one line.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final boolean debugFromEnvironment;

    ErrorReporter(boolean debugFromEnvironment) {
        this.debugFromEnvironment = debugFromEnvironment;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = oneLine(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + message + " (see '" + name + " --help')");
        // a usage error is one line; in debug mode a conversion failure behind it is shown too
        if ((debugFromEnvironment || List.of(args).contains("--debug")) && ex.getCause() != null) {
            ex.getCause().printStackTrace(err);
        }
        err.flush();
        return Main.EXIT_USER_ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        boolean debug = debugFromEnvironment || debugOption(parseResult);
        int exitCode;
        Throwable shown;
        if (ex instanceof UserError) {
            err.println(name + ": " + oneLine(ex.getMessage()));
            exitCode = Main.EXIT_USER_ERROR;
            shown = ex.getCause(); // in debug mode, the I/O or API exception behind it, if any
        } else {
            shown = ex instanceof InternalFailure ? ex.getCause() : ex;
            err.println(name + ": internal error: " + oneLine(shown.toString())
                    + (debug ? "" : " (run with --debug or HOPFIELD4J_DEBUG=1 for the stack trace)"));
            exitCode = Main.EXIT_INTERNAL_ERROR;
        }
        if (debug && shown != null) {
            shown.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** Whether --debug was given on the command or any of its parents. */
    private static boolean debugOption(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Collapses line breaks and runs of blanks so a message can never take more than one line. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("[ \\t]{2,}", " ");
    }
}
