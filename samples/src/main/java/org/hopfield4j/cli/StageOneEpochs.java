package org.hopfield4j.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --epochs} option of {@code experiment capacity} and {@code noise} (a picocli mixin): how
 * long U-Hop trains its kernel in every run. {@code experiment epochs} sweeps a list instead.
 */
final class StageOneEpochs {
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", order = 30,
            description = "U-Hop stage I epochs, >= 0 (default: ${DEFAULT-VALUE}).")
    int epochs;
}
