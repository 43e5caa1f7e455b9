package org.hopfield4j.cli;

import java.util.List;
import java.util.Locale;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.experiment.ProtocolSweep;
import org.hopfield4j.internal.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment beta}: masked queries against the inverse temperature β, at a fixed M. */
@Command(name = "beta",
        header = "Inverse temperature: retrieval error of masked queries against beta, at a fixed memory size.",
        description = {
            "For each seed: draw --size images (seeded), store them and mask the queries as in capacity; for each beta "
                    + "of --betas retrieve with --steps steps and average the error over the queries. The same memories "
                    + "and queries at every beta. Where the sparse paper expects sparse retrieval to beat dense: the "
                    + "answer for this data is in the table.",
            "Writes DIR/beta.csv (model,beta,mean,std,seeds), DIR/beta.png (log-x) and DIR/beta-protocol.txt, and prints "
                    + "the table."},
        footer = {"  java -jar samples/target/hopfield4j.jar experiment beta --dataset fashion-mnist --betas 0.1,1,8 \\",
            "      --steps 3 --seeds 5 --out results/beta-steps3",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class ExperimentBetaCommand extends ExperimentBase {

    @Option(names = "--betas", split = ",", paramLabel = "BETA", defaultValue = "0.1,0.25,0.5,1,2,4,8", order = 10,
            description = "Inverse temperatures, comma-separated, finite and > 0 (default: ${DEFAULT-VALUE}).")
    List<Double> betas;

    @Option(names = "--size", paramLabel = "M", defaultValue = "100", order = 11,
            description = "Memory size M (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1", order = 12,
            description = "Retrieval steps at every beta, >= 1 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", order = 13,
            description = "Seeds, >= 1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--masking", paramLabel = "MODE", defaultValue = "zero", order = 14,
            description = "zero (the paper's text, default) or dropout (the authors' code).")
    MaskingName masking;

    @Mixin
    StageOneEpochs stageOne;

    @Override
    List<Model> models() {
        if (modelNames == null || modelNames.isEmpty()) {
            return List.of(Model.DENSE, Model.SPARSE, Model.ENTMAX15);
        }
        return super.models();
    }

    @Override
    int retrievalSteps() {
        return option("--steps", () -> Check.positive("--steps", steps));
    }

    @Override
    String trainingNote() {
        return " (beta: each value of the list)";
    }

    @Override
    protected int run() {
        List<Double> bs = option("--betas", () -> ProtocolSweep.betas(betas));
        int n = seeds(seeds);
        MemoryRetrievalExperiment exp = experiment(stageOne.epochs);
        return runSweep(exp, n, new Plan("--size", List.of(size), maskingText(masking), masking,
                String.format(Locale.ROOT, "M %d, betas %s, %d step%s", size, bs, exp.steps(), exp.steps() == 1 ? "" : "s"),
                bs.size(), sweep -> sweep.beta(size, bs, masked(masking)),
                data -> String.format(Locale.ROOT, "%s, M = %d, %d step%s, mean ± std over %d seeds", shortData(data), size,
                        exp.steps(), exp.steps() == 1 ? "" : "s", n)));
    }
}
