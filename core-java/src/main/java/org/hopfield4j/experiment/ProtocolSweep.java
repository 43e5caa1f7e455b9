package org.hopfield4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.internal.Check;

/**
 * The paper's three sweeps (docs/math.md#experiments) and a β sweep, each run for the
 * seeds first, first + 1, ..., first + seeds − 1 of a {@link MemoryRetrievalExperiment}: capacity
 * (masked queries against the memory size M), noise (noisy queries against the noise norm σ) and
 * epochs (U-Hop's error and loss against the stage I epochs N), beta (masked queries against the inverse
 * temperature β at a fixed M: where sparse and dense retrieval differ). The {@code experiment} commands and
 * the DSL's {@code mnist-*.hop.kts} scripts both run these, so the same arguments give the same rows.
 *
 * <p>Axis values are used sorted and without repeats. The static {@code memorySizes},
 * {@code noiseNorms}, {@code epochCounts} and {@code betas} validate a list as the sweeps do, for callers that
 * want to reject bad input before any work.
 */
public final class ProtocolSweep {
    /** The axis names, as CSV columns. */
    public static final String MEMORIES = "M";
    public static final String NOISE = "sigma";
    public static final String EPOCHS = "epochs";
    public static final String BETA = "beta";

    private final MemoryRetrievalExperiment experiment;
    private final ImageSet data;
    private final long firstSeed;
    private final int seeds;
    private final Consumer<String> progress;   // told "M 10 seed 0 dense" after each model of a run

    /**
     * @param progress told after each model of each run what was done (say "M 10 seed 0 dense"); null for none
     */
    public ProtocolSweep(MemoryRetrievalExperiment experiment, ImageSet data, long firstSeed, int seeds,
                         Consumer<String> progress) {
        this.experiment = Check.notNull(experiment, "experiment");
        this.data = Check.notNull(data, "data");
        this.firstSeed = firstSeed;
        this.seeds = Check.positive("seeds", seeds);
        this.progress = progress == null ? what -> { } : progress;
    }

    /** The sizes sorted, without repeats; each must be >= 1. */
    public static List<Integer> memorySizes(List<Integer> sizes) {
        for (int M : sizes) {
            if (M < 1) {
                throw new IllegalArgumentException("every M must be >= 1, got " + M);
            }
        }
        return sizes.stream().distinct().sorted().toList();
    }

    /** The noise norms sorted, without repeats; each must be finite and >= 0. */
    public static List<Double> noiseNorms(List<Double> sigmas) {
        for (double s : sigmas) {
            Check.nonNegativeFinite("every sigma", s);
        }
        return sigmas.stream().distinct().sorted().toList();
    }

    /** The epoch counts sorted, without repeats; each must be >= 0. */
    public static List<Integer> epochCounts(List<Integer> epochs) {
        for (int n : epochs) {
            Check.epochs("every N", n);
        }
        return epochs.stream().distinct().sorted().toList();
    }

    /** The β values sorted, without repeats; each must be finite and > 0. */
    public static List<Double> betas(List<Double> betas) {
        for (double b : betas) {
            Check.beta(b);
        }
        return betas.stream().distinct().sorted().toList();
    }

    /** {@code models} if every one is a U-Hop model (the only ones the epochs sweep runs). */
    public static List<Model> uhopOnly(List<Model> models) {
        for (Model m : models) {
            if (!m.isUHop()) {
                throw new IllegalArgumentException("the epochs experiment runs the U-Hop models only (uhop-dense, "
                        + "uhop-sparse, uhop-adam, uhop-adam-manhattan), not " + m.label());
            }
        }
        return models;
    }

    /** Capacity: each M of {@code sizes}, queries made by {@code corruptor} (the paper: masking, p = 0.5). */
    public SweepSummary capacity(List<Integer> sizes, MemoryRetrievalExperiment.Corruptor corruptor) {
        List<Integer> ms = memorySizes(sizes);
        ms.forEach(M -> experiment.checkMemorySize(data, M));
        double[][][] errors = new double[experiment.models().size()][ms.size()][seeds];
        for (int i = 0; i < ms.size(); i++) {
            int M = ms.get(i);
            for (int s = 0; s < seeds; s++) {
                MemoryRetrievalExperiment.Trial trial = experiment.run(data, M, firstSeed + s, corruptor,
                        (model, m, seed) -> step(MEMORIES + " " + m, seed, model));
                store(errors, i, s, trial.meanError());
            }
        }
        return summary(MEMORIES, new ArrayList<>(ms), errors, null);
    }

    /**
     * Noise: memory size M, each σ of {@code sigmas}; a seed draws the same memories (and W_0) at every σ,
     * so U-Hop's kernel is trained once per seed.
     */
    public SweepSummary noise(int M, List<Double> sigmas) {
        List<Double> ss = noiseNorms(sigmas);
        experiment.checkMemorySize(data, M);
        double[][][] errors = new double[experiment.models().size()][ss.size()][seeds];
        for (int s = 0; s < seeds; s++) {
            MemoryRetrievalExperiment.TrainedKernel trained = new MemoryRetrievalExperiment.TrainedKernel();
            for (int i = 0; i < ss.size(); i++) {
                double sigma = ss.get(i);
                MemoryRetrievalExperiment.Trial trial = experiment.run(data, M, firstSeed + s,
                        MemoryRetrievalExperiment.Corruptor.noise(sigma), (model, m, seed) -> step(NOISE + " " + sigma, seed, model),
                        trained);
                store(errors, i, s, trial.meanError());
            }
        }
        return summary(NOISE, new ArrayList<>(ss), errors, null);
    }

    /**
     * β: memory size M, each β of {@code betas}, queries made by {@code corruptor}; a seed draws the same
     * memories, queries (and W_0) at every β, so U-Hop's kernel is trained once per seed.
     */
    public SweepSummary beta(int M, List<Double> betas, MemoryRetrievalExperiment.Corruptor corruptor) {
        List<Double> bs = betas(betas);
        experiment.checkMemorySize(data, M);
        double[][][] errors = new double[experiment.models().size()][bs.size()][seeds];
        for (int s = 0; s < seeds; s++) {
            MemoryRetrievalExperiment.TrainedKernel trained = new MemoryRetrievalExperiment.TrainedKernel();
            for (int i = 0; i < bs.size(); i++) {
                double beta = bs.get(i);
                MemoryRetrievalExperiment.Trial trial = experiment.withBeta(beta).run(data, M, firstSeed + s, corruptor,
                        (model, m, seed) -> step(BETA + " " + beta, seed, model), trained);
                store(errors, i, s, trial.meanError());
            }
        }
        return summary(BETA, new ArrayList<>(bs), errors, null);
    }

    /** Epochs: memory size M, U-Hop after each N of {@code epochs}, queries made by {@code corruptor}. */
    public SweepSummary epochs(int M, List<Integer> epochs, MemoryRetrievalExperiment.Corruptor corruptor) {
        List<Integer> ns = epochCounts(epochs);
        uhopOnly(experiment.models());
        experiment.checkMemorySize(data, M);
        double[][][] errors = new double[experiment.models().size()][ns.size()][seeds];
        double[][] losses = new double[ns.size()][seeds];
        for (int s = 0; s < seeds; s++) {
            List<MemoryRetrievalExperiment.EpochPoint> points = experiment.runEpochs(data, M, firstSeed + s, corruptor,
                    ns.stream().mapToInt(Integer::intValue).toArray(), (model, n, seed) -> step("N " + n, seed, model));
            for (int i = 0; i < ns.size(); i++) {
                losses[i][s] = points.get(i).separationLoss();
                store(errors, i, s, points.get(i).meanError());
            }
        }
        return summary(EPOCHS, new ArrayList<>(ns), errors, losses);
    }

    private void step(String point, long seed, Model model) {
        progress.accept(String.format(Locale.ROOT, "%s seed %d %s", point, seed, model.label()));
    }

    private void store(double[][][] errors, int point, int seed, java.util.Map<Model, Double> meanError) {
        List<Model> models = experiment.models();
        meanError.forEach((model, e) -> errors[models.indexOf(model)][point][seed] = e);
    }

    private SweepSummary summary(String axis, List<Number> at, double[][][] errors, double[][] losses) {
        List<SweepSummary.Point> points = new ArrayList<>();
        List<Model> models = experiment.models();
        for (int m = 0; m < models.size(); m++) {
            for (int i = 0; i < at.size(); i++) {
                double[] e = MemoryRetrievalExperiment.meanStd(errors[m][i]);
                double[] l = losses == null ? new double[] {Double.NaN, Double.NaN} : MemoryRetrievalExperiment.meanStd(losses[i]);
                points.add(new SweepSummary.Point(models.get(m), at.get(i), e[0], e[1], l[0], l[1], seeds));
            }
        }
        return new SweepSummary(axis, points);
    }
}
