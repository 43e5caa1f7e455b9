package org.hopfield4j;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.UHopKernels;

/**
 * The separation losses of U-Hop stage I (Wu, Hu, Hsiao, Liu 2024): how close the stored patterns
 * are to each other in the feature space of Φ(u) = W u, W of shape D_Φ × d. Minimising one over W
 * spreads the memories apart, and the learned W then serves as the kernel K(u, v) = ⟨W u, W v⟩ of
 * stage II ({@link LearnedKernel}, {@link KernelTrainer}).
 *
 * <p>With features f_μ = W ξ_μ, by default normalised to f̂_μ = f_μ / ‖f_μ‖ (as the authors' code;
 * this makes the loss scale-free), and over the P = M(M − 1)/2 unordered pairs μ &lt; ν,
 * d²_μν = ‖f̂_μ − f̂_ν‖², k_μν = ⟨f̂_μ, f̂_ν⟩, t &gt; 0 (default {@value #DEFAULT_T}):
 * <ul>
 *   <li>{@link #AVG}, the average separation loss (paper eq. 2.6):
 *       L = log((1/P) Σ_{μ&lt;ν} exp(−t d²_μν)). Convex in the features; the paper's default.
 *   <li>{@link #MAX}, the max separation loss (appendix G.2): L = max_{μ&lt;ν} (−t d²_μν) = −t min d²,
 *       which pushes the closest pair apart; its gradient flows through that pair only (ties: the
 *       first pair in row-major order).
 *   <li>{@link #DL}, the deep-learning variant (eq. 3.2): L = log((1/P) Σ_{μ&lt;ν} exp(2t (k²_μν − 1))).
 * </ul>
 * A zero feature (W ξ_μ = 0) stays zero under normalisation and contributes no gradient.
 *
 * <p>The value and the gradient with respect to W are computed natively from matrix products (see
 * {@code hopfield4j_uhop.h}): O(M² D + M D d) time, O(M² + M D) memory — the M × M pair matrix
 * bounds M in practice (M = 50 000 in float32 needs 10 GB). Reductions are accumulated in double
 * for both precisions. The memories are read in the store's precision; W is given in double and
 * rounded to float32 for a float32 store, and the gradient is returned in double.
 *
 * <p><b>Errors</b> (all before any native code runs): a null argument ({@link NullPointerException});
 * D &lt; 1, a W of the wrong length or with a value that is not finite (or that overflows float32
 * for a float32 store), fewer than two memories, a row range outside the store, t not finite and
 * &gt; 0, or a W so large that the features could overflow the store's precision
 * ({@link IllegalArgumentException}); a closed store ({@link IllegalStateException}). If the native
 * kernel cannot allocate its M × M working matrix, or the loss or its gradient is not finite, an
 * {@link IllegalStateException} says so.
 */
public enum SeparationLoss {
    /** The average separation loss log-mean-exp(−t d²) (eq. 2.6). */
    AVG(UHopKernels.LOSS_AVG, "avg"),
    /** The max separation loss −t min d² (appendix G.2). */
    MAX(UHopKernels.LOSS_MAX, "max"),
    /** The deep-learning variant log-mean-exp(2t (k² − 1)) (eq. 3.2). */
    DL(UHopKernels.LOSS_DL, "dl");

    /** The paper's t. */
    public static final double DEFAULT_T = 2.0;

    /**
     * One evaluation: the loss, its gradient with respect to W (D × d row-major, or null when not
     * asked for) and the smallest pairwise squared feature distance min d² (of the normalised
     * features when normalisation is on) — the separation the max loss pushes up. The gradient array
     * belongs to the caller.
     */
    public record Evaluation(double loss, double[] gradient, double minDistance2) {}

    private final int code;
    private final String label;

    SeparationLoss(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The short name: {@code avg}, {@code max} or {@code dl}. */
    public String label() {
        return label;
    }

    /** The loss called {@code name} ({@code avg}, {@code max}, {@code dl}; case-insensitive). */
    public static SeparationLoss named(String name) {
        Check.notNull(name, "name");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "avg", "average" -> AVG;
            case "max", "maximum" -> MAX;
            case "dl" -> DL;
            default -> throw new IllegalArgumentException("unknown separation loss '" + name + "', expected one of avg, max, dl");
        };
    }

    /**
     * The loss over all memories of {@code store} and its gradient with respect to W.
     *
     * @param w the feature map W, D × d row-major (d = the store's dimension)
     * @param D the number of rows of W, D_Φ ≥ 1
     * @param t the scale t &gt; 0 (paper: 2)
     * @param normalize whether the features are normalised to unit length first (the authors' code)
     */
    public Evaluation evaluate(double[] w, int D, MemoryStore store, double t, boolean normalize) {
        Check.notNull(store, "store");
        return evaluate(TrainingRows.range(store, 0, store.size()), w, D, t, normalize, true);
    }

    /** As {@link #evaluate(double[], int, MemoryStore, double, boolean)}, over the store's rows [from, to). */
    public Evaluation evaluate(double[] w, int D, MemoryStore store, int from, int to, double t, boolean normalize) {
        return evaluate(TrainingRows.range(store, from, to), w, D, t, normalize, true);
    }

    /** As {@link #evaluate(double[], int, MemoryStore, double, boolean)}, over the store's rows at {@code indices}. */
    public Evaluation evaluate(double[] w, int D, MemoryStore store, int[] indices, double t, boolean normalize) {
        return evaluate(TrainingRows.subset(store, indices), w, D, t, normalize, true);
    }

    /** The loss alone (no gradient is computed), over all memories of {@code store}. */
    public double value(double[] w, int D, MemoryStore store, double t, boolean normalize) {
        Check.notNull(store, "store");
        return evaluate(TrainingRows.range(store, 0, store.size()), w, D, t, normalize, false).loss();
    }

    /**
     * This loss over all memories of {@code store}, set up for repeated evaluation with different W
     * (an optimiser's loop): see {@link SeparationLossEvaluator}. Close it when done.
     */
    public SeparationLossEvaluator evaluator(MemoryStore store, int D, double t, boolean normalize) {
        Check.notNull(store, "store");
        return new SeparationLossEvaluator(this, TrainingRows.range(store, 0, store.size()), D, t, normalize);
    }

    private Evaluation evaluate(TrainingRows rows, double[] w, int D, double t, boolean normalize, boolean gradient) {
        try (SeparationLossEvaluator e = new SeparationLossEvaluator(this, rows, D, t, normalize)) {
            return gradient ? e.evaluate(w) : new Evaluation(e.value(w), null, e.minDistance2());
        }
    }

    int code() {
        return code;
    }
}
