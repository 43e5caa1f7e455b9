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
 * ({@link Builder#rows(int, int)}; the authors' masking scripts train on the first half,
 * {@link Builder#firstHalf()}) read in place, or chosen rows ({@link Builder#indices(int...)})
 * copied once. At least two memories: the losses are over pairs.
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
        /** Adam (Kingma & Ba 2015) with step γ_i. */
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

    private final SeparationLoss loss;
    private final double t;
    private final int epochs;
    private final double learningRate;
    private final Schedule schedule;
    private final Optimizer optimizer;
    private final double beta1;
    private final double beta2;
    private final double adamEps;
    private final int featureDimension;   // 0: d
    private final long seed;
    private final double initScale;
    private final boolean normalizeFeatures;
    private final boolean normalizeRows;
    private final int rowsFrom;           // -1: all rows (or indices)
    private final int rowsTo;
    private final boolean firstHalf;
    private final int[] indices;          // or null
    private final Progress progress;      // or null

    private KernelTrainer(Builder b) {
        this.loss = b.loss;
        this.t = b.t;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.schedule = b.schedule;
        this.optimizer = b.optimizer;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.adamEps = b.adamEps;
        this.featureDimension = b.featureDimension;
        this.seed = b.seed;
        this.initScale = b.initScale;
        this.normalizeFeatures = b.normalizeFeatures;
        this.normalizeRows = b.normalizeRows;
        this.rowsFrom = b.rowsFrom;
        this.rowsTo = b.rowsTo;
        this.firstHalf = b.firstHalf;
        this.indices = b.indices;
        this.progress = b.progress;
    }

    /** A builder with the defaults: AVG loss, t = 2, 100 epochs, γ = 1, constant, SGD, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ accessors

    public SeparationLoss loss() {
        return loss;
    }

    public double t() {
        return t;
    }

    public int epochs() {
        return epochs;
    }

    public double learningRate() {
        return learningRate;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public boolean normalizesFeatures() {
        return normalizeFeatures;
    }

    public boolean normalizesRows() {
        return normalizeRows;
    }

    /** The step sizes γ_1..γ_N this trainer uses. */
    public double[] learningRates() {
        double[] rates = new double[epochs];
        double previous = learningRate;
        for (int i = 1; i <= epochs; i++) {
            previous = schedule.rate(learningRate, i, previous);
            rates[i - 1] = previous;
        }
        return rates;
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
        return run(store, gaussian(D, d, seed, initScale), D, true);
    }

    /** Trains W starting from {@code initialW} (D × d row-major, copied; d = the store's dimension). */
    public LearnedKernel train(MemoryStore store, double[] initialW, int D) {
        Check.notNull(store, "store");
        Check.notNull(initialW, "initialW");
        int d = store.dimension();
        int n = Check.matrixSize("D", D, 1, "d", d);
        Check.length("initialW", initialW.length, n, "D * d = " + D + " * " + d);
        Check.finiteMatrix("initialW", initialW, d);
        return run(store, initialW.clone(), D, false);
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

    private TrainingRows select(MemoryStore store) {
        if (indices != null) return TrainingRows.subset(store, indices);
        if (firstHalf) return TrainingRows.range(store, 0, store.size() / 2);
        if (rowsFrom >= 0) return TrainingRows.range(store, rowsFrom, rowsTo);
        return TrainingRows.range(store, 0, store.size());
    }

    private LearnedKernel run(MemoryStore store, double[] w, int D, boolean seeded) {
        int d = store.dimension();
        double[] losses = new double[epochs + 1];
        double[] minDist = new double[epochs + 1];
        try (SeparationLossEvaluator evaluator = new SeparationLossEvaluator(loss, select(store), D, t, normalizeFeatures)) {
            double[] grad = new double[w.length];
            double[] m = optimizer == Optimizer.ADAM ? new double[w.length] : null;
            double[] v = optimizer == Optimizer.ADAM ? new double[w.length] : null;
            double rate = learningRate;
            evaluator.checkW(w);   // the initial W: an IllegalArgumentException is the caller's
            for (int epoch = 1; epoch <= epochs; epoch++) {
                if (epoch > 1) checkStep(evaluator, w, epoch - 1, rate);
                losses[epoch - 1] = evaluator.run(w, grad);
                minDist[epoch - 1] = evaluator.minDistance2();
                rate = schedule.rate(learningRate, epoch, rate);
                if (progress != null) {
                    progress.epoch(epoch, epochs, losses[epoch - 1], minDist[epoch - 1], rate);
                }
                if (optimizer == Optimizer.SGD) {
                    for (int i = 0; i < w.length; i++) w[i] -= rate * grad[i];
                } else {
                    double c1 = 1 - Math.pow(beta1, epoch), c2 = 1 - Math.pow(beta2, epoch);
                    for (int i = 0; i < w.length; i++) {
                        m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
                        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
                        w[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + adamEps);
                    }
                }
                for (int i = 0; i < w.length; i++) {
                    if (!Double.isFinite(w[i])) {
                        throw new IllegalStateException("training diverged in epoch " + epoch + " of " + epochs
                                + ": W has " + w[i] + " at (row " + i / d + ", column " + i % d
                                + ") after a step of " + rate + "; lower the learning rate");
                    }
                }
            }
            if (epochs > 0) checkStep(evaluator, w, epochs, rate);
            losses[epochs] = evaluator.run(w, null);
            minDist[epochs] = evaluator.minDistance2();
        }
        if (normalizeRows) normalizeRows(w, D, d);
        return new LearnedKernel(w, D, d, settings(seeded), losses, minDist);
    }

    /** What a kernel records of this trainer; the seed and σ only if they drew W_0. */
    private KernelTraining settings(boolean seeded) {
        return new KernelTraining(loss, t, epochs, learningRate, schedule, optimizer, beta1, beta2, adamEps,
                seeded ? OptionalLong.of(seed) : OptionalLong.empty(), seeded ? initScale : Double.NaN,
                normalizeFeatures, normalizeRows);
    }

    /** After a step, W too large to evaluate means training diverged: an IllegalStateException. */
    private void checkStep(SeparationLossEvaluator evaluator, double[] w, int epoch, double rate) {
        try {
            evaluator.checkW(w);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("training diverged in epoch " + epoch + " of " + epochs + " (step "
                    + rate + "): " + e.getMessage() + "; lower the learning rate", e);
        }
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
        return "KernelTrainer[loss=" + loss.label() + ", t=" + t + ", epochs=" + epochs + ", lr=" + learningRate
                + ", schedule=" + schedule.label() + ", optimizer=" + optimizer + ", normalizeFeatures="
                + normalizeFeatures + ", normalizeRows=" + normalizeRows + "]";
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
        private int rowsFrom = -1;
        private int rowsTo = -1;
        private boolean firstHalf;
        private int[] indices;
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

        /** N ≥ 0 full-batch epochs (default 100; 0 only evaluates, and row-normalises, W_0). */
        public Builder epochs(int epochs) {
            this.epochs = Check.nonNegative("epochs", epochs);
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
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
            }
            this.adamEps = Check.positiveFinite("Adam eps", eps);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** D_Φ ≥ 1, the rows of W (default: d, the paper's). */
        public Builder featureDimension(int D) {
            if (D < 1) {
                throw new IllegalArgumentException("feature dimension D must be >= 1, got " + D);
            }
            this.featureDimension = D;
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

        /** Trains on every memory of the store (the default). */
        public Builder allRows() {
            this.rowsFrom = -1;
            this.rowsTo = -1;
            this.firstHalf = false;
            this.indices = null;
            return this;
        }

        /** Trains on the store's rows [from, to) only (checked against the store by {@code train}). */
        public Builder rows(int from, int to) {
            if (from < 0 || to - from < 2) {
                throw new IllegalArgumentException("rows [from, to) = [" + from + ", " + to
                        + ") must have from >= 0 and select at least 2 memories");
            }
            allRows();
            this.rowsFrom = from;
            this.rowsTo = to;
            return this;
        }

        /** Trains on the first ⌊M/2⌋ rows, as the authors' masking scripts do. */
        public Builder firstHalf() {
            allRows();
            this.firstHalf = true;
            return this;
        }

        /** Trains on the rows at {@code indices} (distinct; checked against the store by {@code train}). */
        public Builder indices(int... indices) {
            Check.notNull(indices, "indices");
            if (indices.length < 2) {
                throw new IllegalArgumentException("indices must select at least 2 memories, got " + indices.length);
            }
            allRows();
            this.indices = indices.clone();
            return this;
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
