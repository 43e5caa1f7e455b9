package org.hopfield4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code bench}, {@code experiment}): given without one, it
 * is a usage error that lists them.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
abstract class CommandGroup implements Callable<Integer> {

    /** What one subcommand is, for the message: "benchmark", "experiment". */
    private final String member;

    @Spec
    CommandSpec spec;

    CommandGroup(String member) {
        this.member = member;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing " + member + ": expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
