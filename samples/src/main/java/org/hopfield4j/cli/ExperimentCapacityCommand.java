package org.hopfield4j.cli;

import java.util.List;
import java.util.Locale;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.ProtocolSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment capacity}: masked queries against the memory size M. */
@Command(name = "capacity",
        header = "Memory capacity: retrieval error of masked queries against the memory size M, for every model.",
        description = {
            "For each M of --sizes and each of --seeds seeds: draw M images (seeded), store them, use every stored "
                    + "pattern once as a query with half its pixels masked, retrieve with beta = 1 and one step, and "
                    + "average the error sum((clamp(x,0,1) - clamp(xhat,0,1))^2) over the M queries. U-Hop first "
                    + "learns its kernel (stage I, --epochs, t = 2) on the memories.",
            "Writes DIR/capacity.csv (model,M,mean,std,seeds: mean and sample std over seeds), DIR/capacity.png "
                    + "(one line per model, error bars, log-x) and DIR/capacity-protocol.txt, and prints the table. "
                    + "Defaults (the paper's sizes 10,20,30,50,100,200,500, 5 seeds, 100 epochs) take a few minutes on 2 cores.",
            "The paper's text is the default; --masking dropout --no-row-normalize --train-first-half --loss max "
                    + "follow the authors' code. The header says which protocol ran."},
        footer = {"  java -jar samples/target/hopfield4j.jar experiment capacity --dataset mnist --sizes 20,100 \\",
            "      --seeds 5 --masking zero --epochs 100 --out results",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class ExperimentCapacityCommand extends ExperimentBase {

    @Option(names = "--sizes", split = ",", paramLabel = "M", defaultValue = "10,20,30,50,100,200,500", order = 10,
            description = "Memory sizes M, comma-separated (default: ${DEFAULT-VALUE}, the paper's).")
    List<Integer> sizes;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", order = 11,
            description = "Seeds per size, >= 1 (default: ${DEFAULT-VALUE}; the paper: 10).")
    int seeds;

    @Option(names = "--masking", paramLabel = "MODE", defaultValue = "zero", order = 12,
            description = "zero: masked pixels 0, kept ones unchanged (the paper's text, default); dropout: kept ones x2 "
                    + "(the authors' code).")
    MaskingName masking;

    @Mixin
    StageOneEpochs stageOne;

    @Override
    protected int run() {
        List<Integer> ms = option("--sizes", () -> ProtocolSweep.memorySizes(sizes));
        int n = seeds(seeds);
        MemoryRetrievalExperiment exp = experiment(stageOne.epochs);
        return runSweep(exp, n, new Plan("--sizes", ms, maskingText(masking), masking,
                String.format(Locale.ROOT, "sizes %s", ms), ms.size(),
                sweep -> sweep.capacity(ms, masked(masking)),
                data -> String.format(Locale.ROOT, "%s, masking %s, mean ± std over %d seeds", shortData(data), masking, n)));
    }
}
