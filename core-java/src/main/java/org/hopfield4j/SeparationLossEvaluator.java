package org.hopfield4j;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.UHopKernels;

/**
 * A {@link SeparationLoss} set up once over fixed memories and evaluated for many W — what an
 * optimiser does every epoch ({@link KernelTrainer} uses one). Create it with
 * {@link SeparationLoss#evaluator(MemoryStore, int, double, boolean)}.
 *
 * <p>Why it exists: W and its gradient are D × d (2.4 MB each in float32 at d = D = 784). Handing
 * fresh Java arrays to native code every call means fresh native copies, and touching fresh memory
 * costs a page fault per 4 KB — at M = 100 that fixed cost was ten times the loss's own matrix
 * products. The evaluator allocates both native buffers once and copies W into them in bulk.
 *
 * <p><b>Resources and threads.</b> It owns two D × d native buffers (and, for a subset of rows, their
 * copy): close it (try-with-resources); closing twice is harmless; use after close throws
 * {@link IllegalStateException}. The buffers are reused, so calls are serialised: sharing one
 * evaluator between threads is safe but not parallel — give each thread its own. Closing the store
 * first makes later calls throw {@link IllegalStateException}.
 *
 * <p>Errors are those of {@link SeparationLoss}, raised before any native code runs.
 */
public final class SeparationLossEvaluator implements AutoCloseable {
    private static final String CLOSED = "the separation loss evaluator is closed";

    private final SeparationLoss loss;
    private final TrainingRows rows;
    private final int D;
    private final int d;
    private final double t;
    private final boolean normalize;
    private final boolean f32;
    private final NativeBlock w;
    private final NativeBlock gradient;
    private final float[] staging;          // float32: W rounded to float, then the gradient read back
    private final double[] minD2 = {Double.NaN};

    /** Takes ownership of {@code rows} (closed with the evaluator, or now if construction fails). */
    SeparationLossEvaluator(SeparationLoss loss, TrainingRows rows, int D, double t, boolean normalize) {
        NativeBlock wBlock = null;
        try {
            this.loss = Check.notNull(loss, "loss");
            this.rows = Check.notNull(rows, "rows");
            this.d = rows.dimension();
            this.D = D;
            int size = Check.matrixSize("D", D, 1, "d", d);
            this.t = Check.positiveFinite("t", t);
            this.normalize = normalize;
            this.f32 = rows.precision() == Precision.FLOAT32;
            wBlock = f32 ? NativeBlock.floats(size) : NativeBlock.doubles(size);
            this.gradient = f32 ? NativeBlock.floats(size) : NativeBlock.doubles(size);
            this.w = wBlock;
            this.staging = f32 ? new float[size] : null;
        } catch (RuntimeException | Error e) {
            if (wBlock != null) wBlock.close();
            if (rows != null) rows.close();
            throw e;
        }
    }

    /** The loss, its gradient with respect to W (a new D × d array) and min d², for this W. */
    public synchronized SeparationLoss.Evaluation evaluate(double[] W) {
        checkW(W);
        double[] grad = new double[W.length];
        double value = run(W, grad);
        return new SeparationLoss.Evaluation(value, grad, minDistance2());
    }

    /**
     * The loss for this W, its gradient written into {@code gradient} (D × d, the caller's array,
     * reused across calls in an optimiser's loop); {@link #minDistance2()} then gives min d².
     */
    public synchronized double evaluate(double[] W, double[] gradient) {
        checkW(W);
        Check.notNull(gradient, "gradient");
        Check.length("gradient", gradient.length, (long) D * d, "D * d = " + D + " * " + d);
        return run(W, gradient);
    }

    /** The loss alone (no gradient is computed). */
    public double value(double[] W) {
        checkW(W);
        return run(W, null);
    }

    /** D, the number of rows of W. */
    public int featureDimension() {
        return D;
    }

    /** d, the dimension of the memories (the number of columns of W). */
    public int inputDimension() {
        return d;
    }

    /** M, the number of memories the loss runs over. */
    public int memoryCount() {
        return rows.count();
    }

    /**
     * W has the right length, finite values, and features that cannot overflow the store's precision
     * (‖f_μ‖ ≤ ‖W‖_F max‖ξ‖). One pass; the slow paths only build the error message.
     */
    void checkW(double[] W) {
        Check.notNull(W, "W");
        Check.length("W", W.length, (long) D * d, "D * d = " + D + " * " + d);
        double frob = 0;
        double largest = 0;
        for (double v : W) {
            frob += v * v;
            largest = Math.max(largest, Math.abs(v));
        }
        if (!Double.isFinite(largest)) {
            Check.finiteMatrix("W", W, d);
        }
        if (f32 && largest > Float.MAX_VALUE) {
            for (int i = 0; i < W.length; i++) {
                if (Float.isInfinite((float) W[i])) {
                    throw new IllegalArgumentException("W has " + W[i] + " at (row " + i / d + ", column " + i % d
                            + "), which overflows float32 (the memory store's precision)");
                }
            }
        }
        // |f_mu| <= |W|_F |xi_mu|; unnormalised, the Gram entries reach |f|^2.
        double bound = Math.sqrt(frob) * rows.maxNorm();
        if (!normalize) bound *= bound;
        double limit = rows.precision().overflowLimit();
        if (!(bound <= limit)) {
            throw new IllegalArgumentException("W is too large for these memories: feature "
                    + (normalize ? "norms" : "inner products") + " could reach " + bound + ", beyond what "
                    + rows.precision() + " holds (limit " + limit + "); scale W down");
        }
    }

    /** One native evaluation; grad (D × d, may be null) receives the gradient. W must have passed checkW. */
    synchronized double run(double[] W, double[] grad) {
        int M = rows.count();
        double value;
        Pointer wp = w.acquire(CLOSED);
        try {
            Pointer gp = gradient.acquire(CLOSED);
            try {
                Pointer xi = rows.acquire();
                try {
                    value = f32 ? runFloat(W, grad, (FloatPointer) wp, (FloatPointer) gp, (FloatPointer) xi, M)
                            : runDouble(W, grad, (DoublePointer) wp, (DoublePointer) gp, (DoublePointer) xi, M);
                } finally {
                    rows.release();
                }
            } finally {
                gradient.release();
            }
        } finally {
            w.release();
        }
        if (Double.isNaN(value)) {
            throw new IllegalStateException("the native separation loss failed: it could not allocate its working "
                    + "memory (an M x M = " + M + " x " + M + " " + rows.precision()
                    + " matrix and two M x D ones) or the features overflowed");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalStateException("the separation loss is " + value + " (t * distance overflows); "
                    + "lower t or scale W down");
        }
        if (grad != null) checkGradient(grad);
        return value;
    }

    /**
     * The kernel scales the gradient by 2t (4t for DL) in the store's precision, so a huge t can
     * overflow it (to NaN even where it is 0: ∞ · 0) while the loss stays finite.
     */
    private static void checkGradient(double[] grad) {
        for (int i = 0; i < grad.length; i++) {
            if (!Double.isFinite(grad[i])) {
                throw new IllegalStateException("the gradient of the separation loss overflowed (entry " + i
                        + " is " + grad[i] + "); lower t or scale W down");
            }
        }
    }

    private double runFloat(double[] W, double[] grad, FloatPointer wp, FloatPointer gp, FloatPointer xi, int M) {
        for (int i = 0; i < staging.length; i++) staging[i] = (float) W[i];
        wp.asBuffer().put(0, staging);
        double value = UHopKernels.separationLoss(wp, D, d, xi, M, loss.code(), t, normalize,
                grad == null ? null : gp, minD2);
        if (grad != null) {
            gp.asBuffer().get(0, staging);
            for (int i = 0; i < staging.length; i++) grad[i] = staging[i];
        }
        return value;
    }

    private double runDouble(double[] W, double[] grad, DoublePointer wp, DoublePointer gp, DoublePointer xi, int M) {
        wp.asBuffer().put(0, W);
        double value = UHopKernels.separationLoss(wp, D, d, xi, M, loss.code(), t, normalize,
                grad == null ? null : gp, minD2);
        if (grad != null) gp.asBuffer().get(0, grad);
        return value;
    }

    /**
     * The smallest pairwise squared feature distance min d² of the last evaluation (of the normalised
     * features when normalisation is on); NaN before the first. With several threads, read it from
     * the {@link SeparationLoss.Evaluation} that {@link #evaluate(double[])} returns instead.
     */
    public synchronized double minDistance2() {
        return minD2[0];
    }

    /** Frees the native buffers (and a copied subset of rows); idempotent. */
    @Override
    public void close() {
        w.close();
        gradient.close();
        rows.close();
    }
}
