package org.hopfield4j.cli;

import java.util.List;
import java.util.Locale;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.ProtocolSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment noise}: noisy queries against the noise norm σ, at M = 100. */
@Command(name = "noise",
        header = "Noise robustness: retrieval error of noisy queries against the noise norm sigma, for every model.",
        description = {
            "For each seed: draw --size images (seeded) and store them; for each sigma of --sigmas, query every stored "
                    + "pattern x once as clamp(|x + sigma g/|g||, 0, 1), g ~ N(0, I) (noise of norm sigma), retrieve "
                    + "with beta = 1 and one step, and average the error over the queries. U-Hop learns its kernel "
                    + "(--epochs) on the memories of each run.",
            "Writes DIR/noise.csv (model,sigma,mean,std,seeds), DIR/noise.png and DIR/noise-protocol.txt, and prints "
                    + "the table."},
        footer = {"  java -jar samples/target/hopfield4j.jar experiment noise --sigmas 0,0.1,0.5,1,2 --seeds 3 --out results",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class ExperimentNoiseCommand extends ExperimentBase {

    @Option(names = "--sigmas", split = ",", paramLabel = "SIGMA",
            defaultValue = "0,0.01,0.05,0.1,0.3,0.5,0.7,1.0,1.2,1.4,2.0", order = 10,
            description = "Noise norms, comma-separated, >= 0 (default: the paper's ${DEFAULT-VALUE}).")
    List<Double> sigmas;

    @Option(names = "--size", paramLabel = "M", defaultValue = "100", order = 11,
            description = "Memory size M (default: ${DEFAULT-VALUE}, the paper's).")
    int size;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", order = 12,
            description = "Seeds, >= 1 (default: ${DEFAULT-VALUE}; the paper: 10).")
    int seeds;

    @Mixin
    StageOneEpochs stageOne;

    @Override
    protected int run() {
        List<Double> ss = option("--sigmas", () -> ProtocolSweep.noiseNorms(sigmas));
        int n = seeds(seeds);
        MemoryRetrievalExperiment exp = experiment(stageOne.epochs);
        return runSweep(exp, n, new Plan("--size", List.of(size), "with noise of norm sigma then clamp(|.|, 0, 1)", null,
                String.format(Locale.ROOT, "M %d, sigmas %s", size, ss), ss.size(),
                sweep -> sweep.noise(size, ss),
                data -> String.format(Locale.ROOT, "%s, M = %d, mean ± std over %d seeds", shortData(data), size, n)));
    }
}
