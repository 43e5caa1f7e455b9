package org.hopfield4j.cli;

import java.util.List;
import java.util.Locale;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.experiment.ProtocolSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment epochs}: U-Hop's error and separation loss against the stage I epochs N. */
@Command(name = "epochs",
        header = "U-Hop's retrieval error and separation loss against the stage I epochs N (masked queries).",
        description = {
            "For each seed: draw --size images, mask the queries as in capacity, and for each N of --epochs-list train "
                    + "the kernel N epochs (with the constant schedule by continuing from the previous N, which equals "
                    + "training from scratch), then retrieve with uhop-dense and uhop-sparse. The loss is the separation "
                    + "loss of W after N epochs (before the row normalisation).",
            "Writes DIR/epochs.csv (model,epochs,mean,std,loss_mean,loss_std,seeds), DIR/epochs.png (error and loss vs "
                    + "N) and DIR/epochs-protocol.txt, and prints the table."},
        footer = {"  java -jar samples/target/hopfield4j.jar experiment epochs --epochs-list 1,10,100,1000 --out results",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class ExperimentEpochsCommand extends ExperimentBase {

    @Option(names = "--epochs-list", split = ",", paramLabel = "N", defaultValue = "1,10,20,50,100,200", order = 10,
            description = "Stage I epochs N, comma-separated, >= 0 (default: ${DEFAULT-VALUE}; the paper adds 500,1000).")
    List<Integer> epochsList;

    @Option(names = "--size", paramLabel = "M", defaultValue = "100", order = 11,
            description = "Memory size M (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", order = 12,
            description = "Seeds, >= 1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--masking", paramLabel = "MODE", defaultValue = "zero", order = 13,
            description = "zero (the paper's text, default) or dropout (the authors' code).")
    MaskingName masking;

    @Override
    List<Model> models() {
        if (modelNames == null || modelNames.isEmpty()) {
            return List.of(Model.UHOP_DENSE, Model.UHOP_SPARSE);
        }
        return option("--models", () -> ProtocolSweep.uhopOnly(super.models()));
    }

    @Override
    String trainingNote() {
        return " (epochs: each N of the list)";
    }

    @Override
    protected int run() {
        List<Integer> ns = option("--epochs-list", () -> ProtocolSweep.epochCounts(epochsList));
        int n = seeds(seeds);
        MemoryRetrievalExperiment exp = experiment(ns.get(ns.size() - 1));
        return runSweep(exp, n, new Plan("--size", List.of(size), maskingText(masking), masking,
                String.format(Locale.ROOT, "M %d, epochs %s", size, ns), ns.size(),
                sweep -> sweep.epochs(size, ns, masked(masking)),
                data -> String.format(Locale.ROOT, "%s, M = %d, %d seeds", shortData(data), size, n)));
    }
}
