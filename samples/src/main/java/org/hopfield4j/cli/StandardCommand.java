package org.hopfield4j.cli;

import picocli.CommandLine.Command;

/**
 * A command with the tool's usual help layout, inherited by every command that does work except
 * {@code run} (whose help is the script host's short one): {@code -h}/{@code -V} with the project
 * version, options in the order they are declared, and the description and the option list each
 * under its own heading. Subclasses give their name, header and description, and their example
 * footer with its heading (a footer heading of its own would show on the benchmarks, which have none).
 */
@Command(mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n")
abstract class StandardCommand extends CliCommand {
}
