package org.hopfield4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hopfield4j bench}: the parent of the benchmarks ({@code bench separation}, ...). */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "BENCHMARK",
        header = "Benchmarks of the native kernels against plain-Java references, measured in the same run.",
        description = "Timings are medians of repeated runs after warm-up; nothing asserts on them.",
        subcommands = {BenchSeparationCommand.class, BenchRetrievalCommand.class, BenchUHopCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing benchmark: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
