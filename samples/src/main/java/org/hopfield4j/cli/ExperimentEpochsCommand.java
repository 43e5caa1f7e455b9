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

/** {@code hopfield4j experiment epochs}: U-Hop's error and separation loss against the stage I epochs N. */
@Command(name = "epochs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "U-Hop's retrieval error and separation loss against the stage I epochs N (masked queries).",
        descriptionHeading = "%n",
        description = {
            "For each seed: draw --size images, mask the queries as in capacity, and for each N of --epochs-list train "
                    + "the kernel N epochs (with the constant schedule by continuing from the previous N, which equals "
                    + "training from scratch), then retrieve with uhop-dense and uhop-sparse. The loss is the separation "
                    + "loss of W after N epochs (before the row normalisation).",
            "Writes DIR/epochs.csv (model,epochs,mean,std,loss_mean,loss_std,seeds), DIR/epochs.png (error and loss vs "
                    + "N) and DIR/epochs-protocol.txt, and prints the table."},
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExample:%n",
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
    String name() {
        return "epochs";
    }

    @Override
    List<Model> models() {
        if (modelNames == null || modelNames.isEmpty()) {
            return List.of(Model.UHOP_DENSE, Model.UHOP_SPARSE);
        }
        List<Model> models = super.models();
        for (Model m : models) {
            if (!m.isUHop()) {
                throw usage("--models: the epochs experiment runs the U-Hop models only (uhop-dense, uhop-sparse), not "
                        + m.label());
            }
        }
        return models;
    }

    @Override
    protected int run() {
        checkCommon();
        if (seeds < 1) {
            throw usage("--seeds must be >= 1, got " + seeds);
        }
        for (int n : epochsList) {
            if (n < 0) {
                throw usage("--epochs-list: every N must be >= 0, got " + n);
            }
        }
        int[] ns = epochsList.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        List<Model> models = models();
        ImageSet data = data();
        checkSize("--size", size, data, models);
        Path dir = outputDir();
        MemoryRetrievalExperiment exp = experiment(ns[ns.length - 1]).build();
        List<String> protocol = protocolLines(data, maskingText(masking), exp,
                String.format(Locale.ROOT, "M %d, epochs %s, seeds %d..%d", size, java.util.Arrays.toString(ns), seed,
                        seed + seeds - 1), masking);
        protocol.set(5, protocol.get(5) + " (epochs: each N of the list)");
        printHeader(protocol);

        long start = System.nanoTime();
        Map<Model, double[][]> errors = new EnumMap<>(Model.class);
        for (Model m : models) {
            errors.put(m, new double[ns.length][seeds]);
        }
        double[][] losses = new double[ns.length][seeds];
        MemoryRetrievalExperiment.Corruptor corruptor = MemoryRetrievalExperiment.Corruptor.masking(
                Corruption.Masking.named(masking.name()), Corruption.PAPER_MASK_PROBABILITY);
        try (Progress progress = new Progress("epochs", (long) ns.length * seeds * models.size())) {
            for (int s = 0; s < seeds; s++) {
                List<MemoryRetrievalExperiment.EpochPoint> points = exp.runEpochs(data, size, seed + s, corruptor, ns,
                        (model, n, sd) -> progress.step(String.format(Locale.ROOT, "N %d seed %d %s", n, sd, model.label())));
                for (int i = 0; i < ns.length; i++) {
                    MemoryRetrievalExperiment.EpochPoint p = points.get(i);
                    losses[i][s] = p.separationLoss();
                    int ii = i, si = s;
                    p.meanError().forEach((model, e) -> errors.get(model)[ii][si] = e);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        ResultTable table = new ResultTable("model", "epochs", "mean", "std", "loss_mean", "loss_std", "seeds");
        String what = String.format(Locale.ROOT, "%s, M = %d, %d seeds", ExperimentCapacityCommand.shortData(data), size, seeds);
        ErrorBarChart errorPlot = new ErrorBarChart("U-Hop error vs stage I epochs (" + what + ")", "N (epochs)",
                "error  sum (x - x̂)²").logX();
        ErrorBarChart lossPlot = new ErrorBarChart("Separation loss vs epochs (" + this.loss + ", t " + t + ")", "N (epochs)",
                "loss").logX();
        for (int i = 0; i < ns.length; i++) {
            double[] l = MemoryRetrievalExperiment.meanStd(losses[i]);
            lossPlot.add("separation loss", ns[i], l[0], l[1]);
        }
        for (Model m : models) {
            for (int i = 0; i < ns.length; i++) {
                double[] st = MemoryRetrievalExperiment.meanStd(errors.get(m)[i]);
                double[] l = MemoryRetrievalExperiment.meanStd(losses[i]);
                table.add(m.label(), ns[i], st[0], st[1], l[0], l[1], seeds);
                errorPlot.add(m.label(), ns[i], st[0], st[1]);
            }
        }
        Path csv = dir.resolve("epochs.csv");
        Path png = dir.resolve("epochs.png");
        table.writeCsv(csv);
        savePlot(png, errorPlot, lossPlot);
        writeProtocol(dir, protocol, seconds);
        table.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "# wrote %s, %s, %s (%.1f s)", csv, png,
                dir.resolve("epochs-protocol.txt"), seconds));
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
