package org.hopfield4j.cli;

import picocli.CommandLine.Command;

/** {@code hopfield4j bench}: the parent of the benchmarks ({@code bench separation}, ...). */
@Command(name = "bench",
        synopsisSubcommandLabel = "BENCHMARK",
        header = "Benchmarks of the native kernels against plain-Java references, measured in the same run.",
        description = "Timings are medians of repeated runs after warm-up; nothing asserts on them.",
        subcommands = {BenchSeparationCommand.class, BenchRetrievalCommand.class, BenchMappedCommand.class, BenchHalfCommand.class, BenchUHopCommand.class,
                BenchLayersCommand.class})
final class BenchCommand extends CommandGroup {
    BenchCommand() {
        super("benchmark");
    }
}
