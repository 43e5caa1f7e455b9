package org.hopfield4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.plot.ErrorBarChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment noise}: noisy queries against the noise norm σ, at M = 100. */
@Command(name = "noise",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Noise robustness: retrieval error of noisy queries against the noise norm sigma, for every model.",
        descriptionHeading = "%n",
        description = {
            "For each seed: draw --size images (seeded) and store them; for each sigma of --sigmas, query every stored "
                    + "pattern x once as clamp(|x + sigma g/|g||, 0, 1), g ~ N(0, I) (noise of norm sigma), retrieve "
                    + "with beta = 1 and one step, and average the error over the queries. U-Hop learns its kernel "
                    + "(--epochs) on the memories of each run.",
            "Writes DIR/noise.csv (model,sigma,mean,std,seeds), DIR/noise.png and DIR/noise-protocol.txt, and prints "
                    + "the table."},
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExample:%n",
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

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", order = 30,
            description = "U-Hop stage I epochs, >= 0 (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    String name() {
        return "noise";
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
        for (double s : sigmas) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw usage("--sigmas: every sigma must be finite and >= 0, got " + s);
            }
        }
        List<Double> ss = sigmas.stream().distinct().sorted().toList();
        List<Model> models = models();
        ImageSet data = data();
        checkSize("--size", size, data, models);
        Path dir = outputDir();
        MemoryRetrievalExperiment exp = experiment(epochs).build();
        List<String> protocol = protocolLines(data, "with noise of norm sigma then clamp(|.|, 0, 1)", exp,
                String.format(Locale.ROOT, "M %d, sigmas %s, seeds %d..%d", size, ss, seed, seed + seeds - 1), null);
        printHeader(protocol);

        long start = System.nanoTime();
        Map<Model, List<double[]>> errors = new EnumMap<>(Model.class);
        for (Model m : models) {
            errors.put(m, new ArrayList<>());
            for (int i = 0; i < ss.size(); i++) {
                errors.get(m).add(new double[seeds]);
            }
        }
        try (Progress progress = new Progress("noise", (long) ss.size() * seeds * models.size())) {
            for (int i = 0; i < ss.size(); i++) {
                double sigma = ss.get(i);
                int ii = i;
                for (int s = 0; s < seeds; s++) {
                    int si = s;
                    // the same seed draws the same memories (and the same W_0) for every sigma
                    MemoryRetrievalExperiment.Trial trial = exp.run(data, size, seed + s,
                            MemoryRetrievalExperiment.Corruptor.noise(sigma),
                            (model, m, sd) -> progress.step(String.format(Locale.ROOT, "sigma %s seed %d %s", sigma, sd, model.label())));
                    trial.meanError().forEach((model, e) -> errors.get(model).get(ii)[si] = e);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        ResultTable table = new ResultTable("model", "sigma", "mean", "std", "seeds");
        ErrorBarChart plot = new ErrorBarChart(String.format(Locale.ROOT,
                "Noise robustness: %s, M = %d, mean ± std over %d seeds",
                ExperimentCapacityCommand.shortData(data), size, seeds), "sigma (noise norm)", "error  sum (x - x̂)²");
        for (Model m : models) {
            for (int i = 0; i < ss.size(); i++) {
                double[] st = MemoryRetrievalExperiment.meanStd(errors.get(m).get(i));
                table.add(m.label(), ss.get(i), st[0], st[1], seeds);
                plot.add(m.label(), ss.get(i), st[0], st[1]);
            }
        }
        Path csv = dir.resolve("noise.csv");
        Path png = dir.resolve("noise.png");
        table.writeCsv(csv);
        savePlot(png, plot);
        writeProtocol(dir, protocol, seconds);
        table.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "# wrote %s, %s, %s (%.1f s)", csv, png,
                dir.resolve("noise-protocol.txt"), seconds));
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
