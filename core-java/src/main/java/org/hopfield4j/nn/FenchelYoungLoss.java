package org.hopfield4j.nn;

import org.hopfield4j.MapKind;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.Check;
import org.hopfield4j.nativelib.HopfieldNative.FenchelYoungCall;

/**
 * The Fenchel–Young loss of a sparse map (docs/math.md#fenchel-young), as deep-spin/entmax's
 * {@code SparsemaxLoss}, {@code Entmax15Loss} and {@code EntmaxBisectLoss}: for scores z and a target
 * class y,
 *
 * <pre>
 *   L(z; y) = Ω_α(p) + ⟨p − e_y, z⟩,   p = entmax_α(z),   Ω_α(p) = (1 − Σ p_i^α) / (α (α − 1)),
 *   ∂L/∂z = p − e_y.
 * </pre>
 *
 * L ≥ 0, and L = 0 exactly when p = e_y. Rows whose target is the ignore index count neither in the
 * loss nor in the mean and get a zero gradient. Native, float32 and float64.
 *
 * <pre>{@code
 * FenchelYoungLoss loss = FenchelYoungLoss.of(Separation.sparsemax()).reduction(FenchelYoungLoss.Reduction.MEAN);
 * FenchelYoungResult<float[]> r = loss.compute(logits, targets, rows, classes);
 * r.loss(); r.gradient();
 * }</pre>
 */
public final class FenchelYoungLoss {
    /** How the per-row losses are combined (and the gradient scaled). */
    public enum Reduction {
        /** {@link FenchelYoungResult#loss()} is their sum; the gradient of each row is its own. */
        NONE,
        /** The sum. */
        SUM,
        /** The mean over the rows not ignored (0 if every row is ignored); the gradient is divided by their count. */
        MEAN
    }

    /** deep-spin/entmax's (and PyTorch's) default ignore index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    /** The maps with a Tsallis entropy (α-entmax for α &gt; 1), whose loss this is. */
    private static final java.util.Set<MapKind> MAPS = java.util.EnumSet.of(MapKind.SPARSEMAX, MapKind.ENTMAX15, MapKind.ENTMAX);

    private final Separation map;
    private final Reduction reduction;
    private final int ignoreIndex;

    private FenchelYoungLoss(Separation map, Reduction reduction, int ignoreIndex) {
        this.map = map;
        this.reduction = reduction;
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * The loss of {@code map}: sparsemax, 1.5-entmax or α-entmax (one α, or one per row); mean
     * reduction, ignore index {@value #DEFAULT_IGNORE_INDEX}.
     *
     * @throws IllegalArgumentException for softmax or normmax
     */
    public static FenchelYoungLoss of(Separation map) {
        if (!MAPS.contains(Check.notNull(map, "map").kind())) {
            throw new IllegalArgumentException("Fenchel-Young losses are defined here for sparsemax, entmax15 and entmax(alpha),"
                    + " got " + map.name());
        }
        return new FenchelYoungLoss(map, Reduction.MEAN, DEFAULT_IGNORE_INDEX);
    }

    /** With this reduction. */
    public FenchelYoungLoss reduction(Reduction reduction) {
        return new FenchelYoungLoss(map, Check.notNull(reduction, "reduction"), ignoreIndex);
    }

    /** With this ignore index (a target equal to it is ignored; it must not be a valid class 0 … n − 1). */
    public FenchelYoungLoss ignoreIndex(int ignoreIndex) {
        return new FenchelYoungLoss(map, reduction, ignoreIndex);
    }

    public Separation map() {
        return map;
    }

    public Reduction reduction() {
        return reduction;
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** The loss of {@code rows} float32 score rows of length n against {@code targets} (one class per row). */
    public FenchelYoungResult<float[]> compute(float[] scores, int[] targets, int rows, int n) {
        return compute(AssociationPrecision.F32, scores, targets, rows, n);
    }

    /** As {@link #compute(float[], int[], int, int)}, in float64. */
    public FenchelYoungResult<double[]> compute(double[] scores, int[] targets, int rows, int n) {
        return compute(AssociationPrecision.F64, scores, targets, rows, n);
    }

    /**
     * The loss against target distributions (docs/math.md#fenchel-young-soft): {@code targets} holds
     * {@code rows} probability vectors of n values (each ≥ 0, summing to 1 within 1e-9 · n), and
     * L(z; y) = Ω_α(p) − Ω_α(y) + ⟨p − y, z⟩ ≥ 0 per row, 0 exactly when y is the map's output p, with
     * gradient p − y. A one-hot y gives the loss of its class. Float64; p from the native map, the
     * rest in Java; the ignore index does not apply (every row counts), the reduction does.
     */
    public FenchelYoungResult<double[]> computeSoft(double[] scores, double[] targets, int rows, int n) {
        Check.notNull(scores, "scores");
        Check.notNull(targets, "targets");
        int size = Check.matrixSize("rows", rows, 1, "n", n);
        Check.length("scores", scores.length, size, "rows * n = " + rows + " * " + n);
        Check.length("targets", targets.length, size, "rows * n = " + rows + " * " + n);
        Check.finiteMatrix("scores", scores, n);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double y = targets[r * n + j];
                if (!(y >= 0 && y <= 1)) {
                    throw new IllegalArgumentException("targets[" + r + "][" + j + "] = " + y + ", expected a probability in [0, 1]");
                }
                sum += y;
            }
            if (Math.abs(sum - 1) > 1e-9 * n) {
                throw new IllegalArgumentException("targets row " + r + " sums to " + sum + ", expected 1");
            }
        }
        double[] alphas = rowAlphas(rows);
        double[] p = map.apply(scores, rows, n);
        double[] losses = new double[rows];
        double[] grad = new double[size];
        for (int r = 0; r < rows; r++) {
            double alpha = alphas[alphas.length == 1 ? 0 : r], gap = 0;
            for (int j = r * n; j < (r + 1) * n; j++) {
                grad[j] = p[j] - targets[j];
                gap += grad[j] * scores[j];
            }
            // the same rounding as the hard-target kernel: a tiny negative gap is 0
            losses[r] = Math.max(0, tsallis(p, r * n, n, alpha) - tsallis(targets, r * n, n, alpha) + gap);
        }
        return reduce(AssociationPrecision.F64, losses, grad, rows);
    }

    /** Ω_α of v[from, from + n): (1 − Σ v_i^α) / (α (α − 1)). */
    private static double tsallis(double[] v, int from, int n, double alpha) {
        double s = 0;
        for (int j = from; j < from + n; j++) s += v[j] == 0 ? 0 : Math.pow(v[j], alpha);
        return (1 - s) / (alpha * (alpha - 1));
    }

    /** The map's α: one, or one per row (checked against the row count). */
    private double[] rowAlphas(int rows) {
        double[] alphas = map.rowAlphas();
        if (alphas != null && alphas.length != rows) {
            throw new IllegalArgumentException("the map has " + alphas.length + " per-row alphas but there are " + rows + " rows");
        }
        return alphas == null ? new double[] {map.alpha()} : alphas;
    }

    /** The reduction of per-row losses over {@code counted} rows; MEAN scales the gradient. */
    private <A> FenchelYoungResult<A> reduce(AssociationPrecision<A> t, double[] losses, A grad, int counted) {
        double sum = 0;
        for (double l : losses) sum += l;
        double loss = sum;
        if (reduction == Reduction.MEAN) {
            loss = counted == 0 ? 0 : sum / counted;
            if (counted > 0) t.scale(grad, 1.0 / counted);
        }
        return new FenchelYoungResult<>(losses, loss, grad);
    }

    private <A> FenchelYoungResult<A> compute(AssociationPrecision<A> t, A scores, int[] targets, int rows, int n) {
        Check.notNull(scores, "scores");
        Check.notNull(targets, "targets");
        int size = Check.matrixSize("rows", rows, 1, "n", n);
        Check.length("scores", t.length(scores), size, "rows * n = " + rows + " * " + n);
        Check.length("targets", targets.length, rows, "one class per row");
        t.checkFinite("scores", scores, n);
        if (ignoreIndex >= 0 && ignoreIndex < n) {
            throw new IllegalArgumentException("ignoreIndex = " + ignoreIndex + " is a valid class (0 to " + (n - 1) + ")");
        }
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            if (targets[r] == ignoreIndex) continue;
            if (targets[r] < 0 || targets[r] >= n) {
                throw new IllegalArgumentException("targets[" + r + "] = " + targets[r] + ", expected a class 0 to " + (n - 1)
                        + " or the ignore index " + ignoreIndex);
            }
            counted++;
        }
        double[] alphas = rowAlphas(rows);
        double[] losses = new double[rows];
        A grad = t.allocate(size);
        try (FenchelYoungCall c = new FenchelYoungCall().map(map.kind().nativeCode()).rows(rows).n(n)
                .alphaCount(alphas.length).ignoreIndex(ignoreIndex)) {
            AssociationPrecision.enter();
            AssociationPrecision.status(t.fenchelYoung(c, scores, targets, losses, grad, alphas), "Fenchel-Young loss");
        }
        return reduce(t, losses, grad, counted);
    }
}
