package org.hopfield4j.experiment;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.KernelTraining;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.internal.Check;

/**
 * One run of the U-Hop paper's memory-retrieval protocol (docs/math.md#experiments, "The paper's memory-retrieval
 * experiments"): draw M images with a seed, store them, use every stored pattern once as a query,
 * corrupt it, retrieve with each model (β, one step), and average over the queries the error
 * Σ_pixels (clamp(x, 0, 1) − clamp(x̂, 0, 1))². All models of a run see the same memories and the
 * same corrupted queries.
 *
 * <p>Seeds: {@code SplittableRandom(seed)} draws the memories (a partial Fisher–Yates shuffle, so for
 * one seed the memories of a smaller M are a prefix of those of a larger one), then the corruption
 * seed, then the seed of W_0 for U-Hop. U-Hop trains one kernel per run and uses it for both
 * {@code uhop-dense} (softmax) and {@code uhop-sparse} (sparsemax).
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class MemoryRetrievalExperiment {

    /** Makes the corrupted queries of a run from the clean ones (B × d) and a seed. */
    @FunctionalInterface
    public interface Corruptor {
        float[] corrupt(float[] clean, int B, int d, long seed);

        /** Masking with probability p (the capacity experiment). */
        static Corruptor masking(Corruption.Masking masking, double p) {
            return (x, B, d, seed) -> Corruption.mask(x, B, d, p, masking, seed);
        }

        /** Noise of norm σ, then clamp(|·|, 0, 1) (the noise experiment). */
        static Corruptor noise(double sigma) {
            return (x, B, d, seed) -> Corruption.noise(x, B, d, sigma, seed);
        }
    }

    /** Told when a model of a run is done (for progress reports). */
    @FunctionalInterface
    public interface Listener {
        void done(Model model, int M, long seed);
    }

    /** The result of one run: mean error per model, and U-Hop's final separation loss (NaN without U-Hop). */
    public record Trial(Map<Model, Double> meanError, double separationLoss) {}

    /** One point of the epochs experiment: N epochs, mean error of each U-Hop model, the loss after N epochs. */
    public record EpochPoint(int epochs, Map<Model, Double> meanError, double separationLoss) {}

    private final List<Model> models;
    private final double beta;
    private final int steps;
    private final KernelTrainer trainer;   // U-Hop's stage I; each run derives its seed

    private MemoryRetrievalExperiment(Builder b) {
        this.models = b.models;
        this.beta = b.beta;
        this.steps = b.steps;
        this.trainer = b.trainer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Model> models() {
        return models;
    }

    /** Retrieval steps per query. */
    public int steps() {
        return steps;
    }

    /** The same experiment retrieving with {@code beta} (the β sweep's points). */
    public MemoryRetrievalExperiment withBeta(double beta) {
        return builder().models(models).steps(steps).trainer(trainer).beta(beta).build();
    }

    /** U-Hop's stage I settings (the seed is replaced by each run's). */
    public KernelTrainer trainer() {
        return trainer;
    }

    /** One line describing the retrieval and stage I settings. */
    public String describe() {
        KernelTraining s = trainer.training();
        return String.format(Locale.ROOT, "beta %s, %d retrieval step%s; U-Hop stage I: %s loss, t %s, %d epochs, "
                        + "%s lr %s (%s), features %s, rows of W %s, trained on %s",
                beta, steps, steps == 1 ? "" : "s", s.loss().label(), s.t(), s.epochs(), s.optimizer(), s.learningRate(),
                s.schedule().label(), s.normalizeFeatures() ? "normalised" : "as they are",
                s.normalizeRows() ? "normalised after training (paper)" : "as trained (authors' code)",
                trainer.rows().describe())
                + (models.contains(Model.UHOP_ADAM) || models.contains(Model.UHOP_ADAM_MANHATTAN)
                        ? "; uhop-adam and uhop-adam-manhattan: stage I with Adam lr " + Model.ADAM_LEARNING_RATE
                        + ", then softmax with the kernel at beta x " + Model.ADAM_BETA_SCALE + " (uhop-adam) or over "
                        + "-||W x - W xi||_1 at beta (uhop-adam-manhattan)" : "");
    }

    /**
     * What a run with one seed draws from {@code SplittableRandom(seed)}, in this order: the memories,
     * the seed of the corruption, the seed of W_0. The commands and the scripts share it, so their
     * runs are the same runs.
     */
    private record Draw(float[] memories, float[] queries, long kernelSeed) {
        static Draw of(ImageSet data, int M, long seed, Corruptor corruptor) {
            SplittableRandom rng = new SplittableRandom(seed);
            float[] memories = data.rows(draw(data.count(), M, rng));
            long corruptionSeed = rng.nextLong();
            long kernelSeed = rng.nextLong();
            return new Draw(memories, corruptor.corrupt(memories, M, data.dimension(), corruptionSeed), kernelSeed);
        }
    }

    /** The M memory indices drawn from N images by {@code rng} (partial Fisher–Yates). */
    public static int[] draw(int N, int M, SplittableRandom rng) {
        if (M < 1 || M > N) {
            throw new IllegalArgumentException("cannot draw M = " + M + " memories from " + N + " images");
        }
        int[] perm = new int[N];
        for (int i = 0; i < N; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < M; i++) {
            int j = i + rng.nextInt(N - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        return Arrays.copyOf(perm, M);
    }

    /** A run at memory size M with {@code seed}: every model of {@link #models()}. */
    public Trial run(ImageSet data, int M, long seed, Corruptor corruptor, Listener listener) {
        return run(data, M, seed, corruptor, listener, new TrainedKernel());
    }

    /**
     * The kernels U-Hop trained for the last (M, seed) of a sweep, one per stage I setting. The memories and
     * W_0 of a run depend on M and the seed alone, not on the corruption or β, so the noise and β sweeps
     * train once per seed instead of once per point (the same W, so the same rows).
     */
    static final class TrainedKernel {
        private int memories = -1;
        private long seed;
        private final Map<KernelTraining, LearnedKernel> kernels = new java.util.HashMap<>();

        LearnedKernel get(int M, long seed, KernelTraining settings, Supplier<LearnedKernel> train) {
            if (memories != M || this.seed != seed) {
                kernels.clear();
                memories = M;
                this.seed = seed;
            }
            return kernels.computeIfAbsent(settings, s -> train.get());
        }
    }

    /** {@link #run(ImageSet, int, long, Corruptor, Listener)}, reusing {@code trained}'s kernels when M and the seed match. */
    Trial run(ImageSet data, int M, long seed, Corruptor corruptor, Listener listener, TrainedKernel trained) {
        checkMemorySize(data, M);
        Draw draw = Draw.of(data, M, seed, corruptor);
        int d = data.dimension();
        float[] memories = draw.memories(), queries = draw.queries();
        Map<Model, Double> errors = new EnumMap<>(Model.class);
        double lossValue = Double.NaN;   // of the first U-Hop model's kernel
        try (MemoryStore store = MemoryStore.ofFloat(memories, M, d)) {
            for (Model model : models) {
                LearnedKernel kernel = null;
                if (model.isUHop()) {
                    KernelTrainer stageOne = model.stageOne(trainer).toBuilder().seed(draw.kernelSeed()).build();
                    kernel = trained.get(M, seed, stageOne.training(), () -> stageOne.train(store));
                    if (Double.isNaN(lossValue)) {
                        lossValue = finalLoss(kernel);
                    }
                }
                errors.put(model, meanError(memories, model.retrieve(store, kernel, queries, M, beta, steps), M, d));
                if (listener != null) {
                    listener.done(model, M, seed);
                }
            }
        }
        return new Trial(errors, lossValue);
    }

    private static double finalLoss(LearnedKernel kernel) {
        double[] h = kernel.lossHistory();
        return h.length == 0 ? Double.NaN : h[h.length - 1];
    }

    /**
     * The epochs experiment at memory size M with {@code seed}: U-Hop's error (each U-Hop model of
     * {@link #models()}) and separation loss after each N of {@code epochsList} (ascending, ≥ 0).
     * With the constant schedule the kernel is trained once, continuing from the W of the previous N
     * (identical to training from scratch with SGD); otherwise each N trains from W_0.
     */
    public List<EpochPoint> runEpochs(ImageSet data, int M, long seed, Corruptor corruptor, int[] epochsList,
                                      Listener listener) {
        checkMemorySize(data, M);
        for (int i = 0; i < epochsList.length; i++) {
            if (epochsList[i] < 0 || (i > 0 && epochsList[i] <= epochsList[i - 1])) {
                throw new IllegalArgumentException("epochs list must be ascending and >= 0: " + Arrays.toString(epochsList));
            }
        }
        Draw draw = Draw.of(data, M, seed, corruptor);
        int d = data.dimension();
        float[] memories = draw.memories(), queries = draw.queries();
        List<Map<Model, Double>> errors = new java.util.ArrayList<>();
        for (int i = 0; i < epochsList.length; i++) {
            errors.add(new EnumMap<>(Model.class));
        }
        double[] losses = null;   // of the first U-Hop model's stage I
        Map<KernelTraining, List<EpochKernel>> trained = new java.util.HashMap<>();
        try (MemoryStore store = MemoryStore.ofFloat(memories, M, d)) {
            for (Model model : models.stream().filter(Model::isUHop).toList()) {
                KernelTrainer stageOne = model.stageOne(trainer).toBuilder().seed(draw.kernelSeed()).build();
                List<EpochKernel> afterEach = trained.computeIfAbsent(stageOne.training(),
                        settings -> kernelsAfter(stageOne, store, epochsList));
                if (losses == null) {
                    losses = afterEach.stream().mapToDouble(EpochKernel::loss).toArray();
                }
                for (int i = 0; i < epochsList.length; i++) {
                    float[] states = model.retrieve(store, afterEach.get(i).kernel(), queries, M, beta, steps);
                    errors.get(i).put(model, meanError(memories, states, M, d));
                    if (listener != null) {
                        listener.done(model, epochsList[i], seed);
                    }
                }
            }
        }
        List<EpochPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < epochsList.length; i++) {
            points.add(new EpochPoint(epochsList[i], errors.get(i), losses[i]));
        }
        return points;
    }

    /** A kernel of the epochs experiment (rows normalised if stage I says so) and its loss after its N epochs. */
    private record EpochKernel(LearnedKernel kernel, double loss) {}

    /**
     * {@code stageOne}'s kernel after each N of {@code epochsList}. With SGD and the constant schedule the
     * kernel is trained once, continuing from the W of the previous N (identical to training from
     * scratch); otherwise (Adam's moments, decaying schedules) each N trains from W_0.
     */
    private static List<EpochKernel> kernelsAfter(KernelTrainer stageOne, MemoryStore store, int[] epochsList) {
        KernelTraining settings = stageOne.training();
        boolean incremental = settings.schedule() == KernelTrainer.Schedule.CONSTANT
                && settings.optimizer() == KernelTrainer.Optimizer.SGD;
        KernelTrainer.Builder asTrained = stageOne.toBuilder().normalizeRows(false);
        List<EpochKernel> out = new java.util.ArrayList<>();
        double[] w = null;
        int D = store.dimension();
        int done = 0;
        for (int n : epochsList) {
            LearnedKernel kernel;
            if (incremental) {
                KernelTrainer step = asTrained.epochs(n - done).build();
                kernel = w == null ? step.train(store) : step.train(store, w, D);
                done = n;
            } else {
                kernel = asTrained.epochs(n).build().train(store);
            }
            w = kernel.featureMap();
            D = kernel.featureDimension();
            double[] used = w.clone();
            if (settings.normalizeRows()) {
                KernelTrainer.normalizeRows(used, D, store.dimension());
            }
            out.add(new EpochKernel(LearnedKernel.of(used, D, store.dimension()), finalLoss(kernel)));
        }
        return out;
    }

    private static double meanError(float[] x, float[] xHat, int B, int d) {
        double[] e = Corruption.squaredErrors(x, xHat, B, d);
        double s = 0;
        for (double v : e) {
            s += v;
        }
        return s / B;
    }

    /**
     * Checks that M memories can be drawn from {@code data} and, with a U-Hop model, that stage I's rows
     * hold the two memories its loss over pairs needs.
     *
     * @throws IllegalArgumentException naming M and what it must be
     */
    public void checkMemorySize(ImageSet data, int M) {
        if (M > data.count()) {
            throw new IllegalArgumentException("memory size M = " + M + " exceeds the " + data.count()
                    + " images of " + data.description());
        }
        int minimum = models.stream().anyMatch(Model::isUHop) ? trainer.rows().minimumMemories() : 1;
        if (M < minimum) {
            throw new IllegalArgumentException("memory size M = " + M + " is too small: U-Hop trains on "
                    + trainer.rows().describe() + " and its separation loss needs at least 2 of them (M >= " + minimum + ")");
        }
    }

    /** Mean and sample standard deviation (n − 1; 0 for a single value) of {@code values}. */
    public static double[] meanStd(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double m = 0;
        for (double v : values) {
            m += v;
        }
        m /= n;
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return new double[] {m, n > 1 ? Math.sqrt(ss / (n - 1)) : 0};
    }

    /** Settings; each setter validates at once. */
    public static final class Builder {
        private List<Model> models = Model.paperModels();
        private double beta = 1;
        private int steps = 1;
        private KernelTrainer trainer = KernelTrainer.builder().build();

        private Builder() {}

        /** The models (default: {@link Model#paperModels()}). */
        public Builder models(List<Model> models) {
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("at least one model");
            }
            this.models = List.copyOf(models);
            return this;
        }

        /** β (default 1, the paper's). */
        public Builder beta(double beta) {
            this.beta = Check.beta(beta);
            return this;
        }

        /** Retrieval steps (default 1, the paper's). */
        public Builder steps(int steps) {
            this.steps = Check.nonNegative("steps", steps);
            return this;
        }

        /**
         * U-Hop's stage I (default: {@code KernelTrainer.builder().build()}, the paper's settings); its seed
         * is replaced by each run's kernel seed.
         */
        public Builder trainer(KernelTrainer trainer) {
            this.trainer = Check.notNull(trainer, "trainer");
            return this;
        }

        public MemoryRetrievalExperiment build() {
            return new MemoryRetrievalExperiment(this);
        }
    }
}
