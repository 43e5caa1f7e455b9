package org.hopfield4j.cli;

import picocli.CommandLine.Command;

/**
 * {@code hopfield4j experiment}: the U-Hop paper's memory-retrieval experiments ({@code capacity}, {@code noise},
 * {@code epochs}), the β sweep ({@code beta}) and the learning experiments ({@code mil}, {@code memorise}).
 */
@Command(name = "experiment",
        synopsisSubcommandLabel = "EXPERIMENT",
        header = "The U-Hop paper's memory-retrieval experiments on MNIST (or your images): a CSV, a PNG plot, a table.",
        description = {
            "capacity: masked queries against the memory size M; noise: noisy queries against the noise norm sigma; "
                    + "epochs: U-Hop's error and separation loss against the stage I epochs N; beta: masked queries against "
                    + "the inverse temperature beta at a fixed M.",
            "Models: dense, sparse, entmax15, poly10, l2, manhattan, uhop-dense, uhop-sparse (the paper's), uhop-adam, uhop-adam-manhattan.",
            "The learning experiments: mil (multiple-instance learning on MNIST bags, Hopfield pooling compared), memorise "
                    + "(a Hopfield-layer classifier's training and test accuracy against N, with and without U-Hop)."},
        subcommands = {ExperimentCapacityCommand.class, ExperimentNoiseCommand.class, ExperimentEpochsCommand.class,
                ExperimentBetaCommand.class, ExperimentMilCommand.class, ExperimentMemoriseCommand.class})
final class ExperimentCommand extends CommandGroup {
    ExperimentCommand() {
        super("experiment");
    }
}
