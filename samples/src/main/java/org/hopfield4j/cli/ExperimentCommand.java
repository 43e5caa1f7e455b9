package org.hopfield4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hopfield4j experiment}: the U-Hop paper's memory-retrieval experiments ({@code capacity}, {@code noise}, {@code epochs}). */
@Command(name = "experiment",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "EXPERIMENT",
        header = "The U-Hop paper's memory-retrieval experiments on MNIST (or your images): a CSV, a PNG plot, a table.",
        description = {
            "capacity: masked queries against the memory size M; noise: noisy queries against the noise norm sigma; "
                    + "epochs: U-Hop's error and separation loss against the stage I epochs N.",
            "Models: dense, sparse, entmax15, poly10, l2, manhattan, uhop-dense, uhop-sparse."},
        subcommands = {ExperimentCapacityCommand.class, ExperimentNoiseCommand.class, ExperimentEpochsCommand.class})
final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing experiment: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
