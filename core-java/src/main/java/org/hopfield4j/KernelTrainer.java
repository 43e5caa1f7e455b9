package org.hopfield4j;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.hopfield4j.internal.Check;

/**
 * U-Hop stage I: learns the feature map Φ(u) = W u (W: D_Φ × d) by full-batch gradient descent on a
 * {@link SeparationLoss} over the stored patterns, and returns it as a {@link LearnedKernel} for
 * stage II retrieval with K(u, v) = ⟨W u, W v⟩.
 *
 * <pre>{@code
 * KernelTrainer trainer = KernelTrainer.builder()
 *         .loss(SeparationLoss.AVG).t(2)          // the paper's defaults
 *         .epochs(100).learningRate(1)            // paper: SGD, γ = 1, N ∈ {1, ..., 1000}
 *         .schedule(KernelTrainer.Schedule.CONSTANT)
 *         .seed(7)
 *         .build();
 * LearnedKernel kernel = trainer.train(store);
 * double[] losses = kernel.lossHistory();         // epochs + 1 values
 * Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(kernel.similarity()).build();
 * }</pre>
 *
 * <p><b>Algorithm.</b> W_0 is drawn i.i.d. Gaussian N(0, σ²) from {@link Builder#seed(long)} with
 * σ = 1 by default (standard normal: {@code torch.randn}, as in the authors' code; {@link Builder#initScale(double)}). The
 * paper only says "Gaussian", but the scale matters: with feature normalisation the gradient scales
 * as 1/‖W‖, so σ sets the effective step. With σ = 1 the paper's γ = 1 trains steadily; with
 * σ = 1/√d (‖W u‖ ≈ ‖u‖) the same γ is √d times larger: faster on MNIST digits, but on strongly
 * correlated patterns it overshoots (the loss jumps up in the first epoch and the kernel retrieves
 * worse than the dot product). Or W_0 is given ({@link #train(MemoryStore, double[], int)}). Then for
 * epoch i = 1..N: L_{i−1}, g = L(W_{i−1}), ∂L/∂W over all selected memories (full batch), and
 * <ul>
 *   <li>SGD (the paper): W_i = W_{i−1} − γ_i g;
 *   <li>Adam (an extra): the usual bias-corrected moments with β₁, β₂, ε and step γ_i.
 * </ul>
 * The step γ_i follows the {@link Schedule}: constant γ; γ/√i; or the authors' cumulative decay
 * γ_i = γ_{i−1}/√i (γ_1 = γ, so γ_i = γ/√(i!), which effectively stops after about 10 epochs).
 * After the last epoch, L(W_N) is evaluated once more (no gradient). Finally, by default, every row
 * of W is scaled to unit Euclidean norm (Algorithm 1 of the paper; the authors' code does not —
 * {@link Builder#normalizeRows(boolean)}); a zero row is left as is. The loss history is that of
 * training, before the row normalisation.
 *
 * <p><b>What is trained on.</b> All memories of the store by default, or a contiguous range of rows
 * or the first half (the authors' masking scripts), read in place, or chosen rows, copied once:
 * a {@link RowSelection} ({@link Builder#rows(RowSelection)}). At least two memories: the losses are over pairs.
 *
 * <p><b>Precision.</b> The loss and gradient run in the store's precision (float32 or float64, with
 * double accumulation); W is kept in double between steps and rounded to float32 for each
 * evaluation on a float32 store.
 *
 * <p><b>Progress.</b> {@link Builder#progress(Progress)} is called after every epoch's evaluation,
 * on the training thread; throwing from it aborts training (the exception propagates).
 *
 * <p><b>Errors.</b> The builder rejects bad settings with {@link IllegalArgumentException} naming
 * the setting and value. {@code train} checks, before any native call, that the store is open
 * ({@link IllegalStateException}), the selection (in range, distinct, at least two), the shape and
 * values of a given W, and before every epoch's native call that W is finite and not so large that
 * the features overflow ({@link IllegalArgumentException}); if a step makes W non-finite, training
 * stops with an {@link IllegalStateException} naming the epoch (lower the learning rate).
 *
 * <p><b>Settings.</b> The trainer holds its settings once, as the {@link KernelTraining} record
 * ({@link #training()}) that every kernel it trains carries, plus the {@link RowSelection}, D_Φ and
 * the progress callback. {@link #toBuilder()} derives a trainer that differs in a few settings
 * (the experiments derive one per run with that run's seed).
 *
 * <p>A trainer is immutable and may be used from several threads at once.
 */
public final class KernelTrainer {
    /** The step size γ_i of epoch i = 1, 2, ... */
    public enum Schedule {
        /** γ_i = γ. */
        CONSTANT("constant"),
        /** γ_i = γ / √i. */
        INV_SQRT("sqrt"),
        /** γ_i = γ_{i−1} / √i with γ_1 = γ: the authors' code (their scheduler's effective decay). */
        CUMULATIVE("cumulative");

        private final String label;

        Schedule(String label) {
            this.label = label;
        }

        /** γ_i from γ, the epoch i ≥ 1 and γ_{i−1} (ignored for i = 1 and by the other schedules). */
        double rate(double gamma, int epoch, double previous) {
            return switch (this) {
                case CONSTANT -> gamma;
                case INV_SQRT -> gamma / Math.sqrt(epoch);
                case CUMULATIVE -> epoch == 1 ? gamma : previous / Math.sqrt(epoch);
            };
        }

        /** The short name: {@code constant}, {@code sqrt} or {@code cumulative}. */
        public String label() {
            return label;
        }

        /** The schedule called {@code name}: constant, sqrt (or inv-sqrt), cumulative; case-insensitive. */
        public static Schedule named(String name) {
            Check.notNull(name, "name");
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "constant" -> CONSTANT;
                case "sqrt", "inv-sqrt", "inv_sqrt" -> INV_SQRT;
                case "cumulative" -> CUMULATIVE;
                default -> throw new IllegalArgumentException(
                        "unknown schedule '" + name + "', expected one of constant, sqrt, cumulative");
            };
        }
    }

    /** The update rule. */
    public enum Optimizer {
        /** Plain gradient descent, W ← W − γ_i ∂L/∂W (the paper). */
        SGD,
        /** Adam (Kingma and Ba 2015) with step γ_i. */
        ADAM
    }

    /** Receives each epoch's result; throwing aborts training. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Epoch {@code epoch} of {@code epochs} (1-based) evaluated the loss {@code loss} and the smallest
         * squared pairwise feature distance {@code minDistance2} at the W it started from, and is about to
         * step with {@code learningRate}.
         */
        void epoch(int epoch, int epochs, double loss, double minDistance2, double learningRate);
    }

    /** Defaults: see {@link Builder}. */
    public static final int DEFAULT_EPOCHS = 100;
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    private final KernelTraining training;   // seed always present: the seed of W_0 when none is given
    private final RowSelection rows;
    private final int featureDimension;      // 0: d
    private final Progress progress;         // or null

    private KernelTrainer(Builder b) {
        this.training = new KernelTraining(b.loss, b.t, b.epochs, b.learningRate, b.schedule, b.optimizer, b.beta1,
                b.beta2, b.adamEps, OptionalLong.of(b.seed), b.initScale, b.normalizeFeatures, b.normalizeRows);
        this.rows = b.rows;
        this.featureDimension = b.featureDimension;
        this.progress = b.progress;
    }

    /** A builder with the defaults: AVG loss, t = 2, 100 epochs, γ = 1, constant, SGD, seed 0, all rows. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every setting of this trainer, to derive one that differs in a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        KernelTraining s = training;
        b.loss = s.loss();
        b.t = s.t();
        b.epochs = s.epochs();
        b.learningRate = s.learningRate();
        b.schedule = s.schedule();
        b.optimizer = s.optimizer();
        b.beta1 = s.adamBeta1();
        b.beta2 = s.adamBeta2();
        b.adamEps = s.adamEpsilon();
        b.seed = s.seed().orElseThrow();
        b.initScale = s.initScale();
        b.normalizeFeatures = s.normalizeFeatures();
        b.normalizeRows = s.normalizeRows();
        b.rows = rows;
        b.featureDimension = featureDimension;
        b.progress = progress;
        return b;
    }

    /** The settings (the seed is that of the Gaussian W_0 of {@link #train(MemoryStore)}). */
    public KernelTraining training() {
        return training;
    }

    /** Which memories of a store are trained on. */
    public RowSelection rows() {
        return rows;
    }

    // ------------------------------------------------------------------ training

    /**
     * Trains W from the seeded Gaussian initialisation (D_Φ × d with D_Φ from
     * {@link Builder#featureDimension(int)}, default d).
     */
    public LearnedKernel train(MemoryStore store) {
        Check.notNull(store, "store");
        int d = store.dimension();
        int D = featureDimension == 0 ? d : featureDimension;
        Check.matrixSize("feature dimension D", D, 1, "d", d);
        return run(store, gaussian(D, d, training.seed().orElseThrow(), training.initScale()), D, training);
    }

    /** Trains W starting from {@code initialW} (D × d row-major, copied; d = the store's dimension). */
    public LearnedKernel train(MemoryStore store, double[] initialW, int D) {
        Check.notNull(store, "store");
        Check.notNull(initialW, "initialW");
        int d = store.dimension();
        int n = Check.matrixSize("D", D, 1, "d", d);
        Check.length("initialW", initialW.length, n, "D * d = " + D + " * " + d);
        Check.finiteMatrix("initialW", initialW, d);
        return run(store, initialW.clone(), D, training.fromGivenW0());
    }

    /** W (D × d) with i.i.d. N(0, scale²) entries from a {@link SplittableRandom} seeded with {@code seed}. */
    public static double[] gaussian(int D, int d, long seed, double scale) {
        int n = Check.matrixSize("D", D, 1, "d", d);
        Check.positiveFinite("scale", scale);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = scale * gaussian(rng);
        return w;
    }

    /** A standard normal deviate (Marsaglia's polar method; deterministic given the generator). */
    private static double gaussian(SplittableRandom rng) {
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Trains {@code w} in place and wraps it with {@code recorded}, the settings the kernel carries. */
    private LearnedKernel run(MemoryStore store, double[] w, int D, KernelTraining recorded) {
        int d = store.dimension();
        GradientDescent.History history;
        try (SeparationLossEvaluator evaluator = new SeparationLossEvaluator(training.loss(), rows.open(store), D,
                training.t(), training.normalizeFeatures())) {
            history = new GradientDescent(training, progress).run(evaluator, w, d);
        }
        if (training.normalizeRows()) normalizeRows(w, D, d);
        return new LearnedKernel(w, D, d, recorded, history.losses(), history.minDistances());
    }

    /** Scales every row of W (D × d) to unit Euclidean norm in place; zero rows are left as they are. */
    public static void normalizeRows(double[] w, int D, int d) {
        Check.notNull(w, "W");
        Check.length("W", w.length, (long) Check.matrixSize("D", D, 1, "d", d), "D * d = " + D + " * " + d);
        for (int r = 0; r < D; r++) {
            double s = 0;
            for (int j = r * d; j < (r + 1) * d; j++) s += w[j] * w[j];
            double norm = Math.sqrt(s);
            if (norm > 0 && Double.isFinite(norm)) {
                for (int j = r * d; j < (r + 1) * d; j++) w[j] /= norm;
            }
        }
    }

    @Override
    public String toString() {
        return "KernelTrainer[" + training + ", rows=" + rows.describe() + "]";
    }

    // ------------------------------------------------------------------ builder

    /** Settings of a {@link KernelTrainer}; each setter validates its value at once. Not thread-safe. */
    public static final class Builder {
        private SeparationLoss loss = SeparationLoss.AVG;
        private double t = SeparationLoss.DEFAULT_T;
        private int epochs = DEFAULT_EPOCHS;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private Schedule schedule = Schedule.CONSTANT;
        private Optimizer optimizer = Optimizer.SGD;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double adamEps = 1e-8;
        private int featureDimension;
        private long seed;
        private double initScale = 1.0;
        private boolean normalizeFeatures = true;
        private boolean normalizeRows = true;
        private RowSelection rows = RowSelection.all();
        private Progress progress;

        private Builder() {}

        /** The separation loss (default {@link SeparationLoss#AVG}). */
        public Builder loss(SeparationLoss loss) {
            this.loss = Check.notNull(loss, "loss");
            return this;
        }

        /** t &gt; 0, finite (default 2). */
        public Builder t(double t) {
            this.t = Check.positiveFinite("t", t);
            return this;
        }

        /** N ≥ 0 full-batch epochs, below the largest array length (default 100; 0 only evaluates, and row-normalises, W_0). */
        public Builder epochs(int epochs) {
            this.epochs = Check.epochs("epochs", epochs);
            return this;
        }

        /** γ &gt; 0, finite (default 1, the paper's). */
        public Builder learningRate(double learningRate) {
            this.learningRate = Check.positiveFinite("learning rate", learningRate);
            return this;
        }

        /** The step schedule (default {@link Schedule#CONSTANT}). */
        public Builder schedule(Schedule schedule) {
            this.schedule = Check.notNull(schedule, "schedule");
            return this;
        }

        /** SGD (default, the paper) or Adam. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Check.notNull(optimizer, "optimizer");
            return this;
        }

        /** Adam's β₁, β₂ in [0, 1) and ε &gt; 0 (defaults 0.9, 0.999, 1e-8). */
        public Builder adam(double beta1, double beta2, double eps) {
            Check.halfOpenUnit("Adam beta1", beta1);
            Check.halfOpenUnit("Adam beta2", beta2);
            this.adamEps = Check.positiveFinite("Adam eps", eps);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** D_Φ ≥ 1, the rows of W (default: d, the paper's). */
        public Builder featureDimension(int D) {
            this.featureDimension = Check.positive("feature dimension D", D);
            return this;
        }

        /** The seed of the Gaussian initialisation (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** σ of the Gaussian initialisation N(0, σ²), finite and &gt; 0 (default 1, see the class documentation). */
        public Builder initScale(double sigma) {
            this.initScale = Check.positiveFinite("init scale", sigma);
            return this;
        }

        /** Whether features are normalised to unit length in the loss (default true, the authors' code). */
        public Builder normalizeFeatures(boolean normalize) {
            this.normalizeFeatures = normalize;
            return this;
        }

        /** Whether the rows of W are scaled to unit norm after training (default true, the paper's Algorithm 1). */
        public Builder normalizeRows(boolean normalize) {
            this.normalizeRows = normalize;
            return this;
        }

        /** Which memories to train on (default {@link RowSelection#all()}). */
        public Builder rows(RowSelection rows) {
            this.rows = Check.notNull(rows, "rows");
            return this;
        }

        /** Trains on the store's rows [from, to) only: {@code rows(RowSelection.range(from, to))}. */
        public Builder rows(int from, int to) {
            return rows(RowSelection.range(from, to));
        }

        /** Trains on the first ⌊M/2⌋ rows, as the authors' masking scripts do: {@code rows(RowSelection.firstHalf())}. */
        public Builder firstHalf() {
            return rows(RowSelection.firstHalf());
        }

        /** Trains on the rows at {@code indices}: {@code rows(RowSelection.indices(indices))}. */
        public Builder indices(int... indices) {
            return rows(RowSelection.indices(indices));
        }

        /** Called after every epoch (null: none). */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public KernelTrainer build() {
            return new KernelTrainer(this);
        }
    }
}
