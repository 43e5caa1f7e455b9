package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What every {@code experiment} command shares, the retrieval ones ({@link ExperimentBase}) and the learning
 * ones ({@link LearningExperimentBase}): the first seed, the output directory, the progress switch and the
 * protocol header printed before the run.
 */
abstract class AbstractExperimentCommand extends StandardCommand {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", order = 21,
            description = "First seed; runs use seeds S, S+1, ... (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", order = 40,
            description = "Output directory, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", order = 41, description = "Do not show the progress bar on stderr.")
    boolean noProgress;

    /** Prints the protocol lines, each after "# ". */
    void printHeader(List<String> lines) {
        PrintWriter o = spec.commandLine().getOut();
        for (String l : lines) {
            o.println("# " + l);
        }
        o.flush();
    }
}
