package org.hopfield4j.nn;

import java.util.List;

/**
 * The float32 activation path ({@link ActivationPath}): a layer's input batch is rounded to float32
 * once (stored patterns and values that are the same batch, as in pooling, once for both), LayerNorm
 * and the projections run natively on {@code float[]} ({@link LayerNorm#forwardFloat},
 * {@link HeadProducts}), the projections write and read head-major blocks, and only the output rows
 * and the input gradients are widened to float64 (and summed there, where one batch was several inputs).
 * Parameters keep their float64 masters; the projections use them rounded, once per forward. The big
 * arrays that stay inside the layer are reused from call to call ({@link FloatScratch}).
 */
final class FloatPath extends ActivationPath<float[]> {
    private Batch roundedBatch;   // the last input rounded in this forward, and its float32 values
    private float[] roundedValues;

    @Override
    AssociationPrecision<float[]> type() {
        return AssociationPrecision.F32;
    }

    @Override
    void startForward() {
        roundedBatch = null;
        roundedValues = null;
    }

    /** x rounded to float32: into {@code into} unless this forward already rounded the same batch. */
    private float[] rounded(Batch x, float[] into) {
        if (x != roundedBatch) {
            roundedBatch = x;
            roundedValues = FloatConversions.rounded(x.values(), into);
        }
        return roundedValues;
    }

    // The reused arrays of an input or output side, by slot.
    private static final int ROUNDED = 0, NORMED = 1, PROJECTED = 2, WEIGHT = 3, WEIGHT_GRADIENT = 4,
            NORMED_GRADIENT = 5, INPUT_GRADIENT = 6, SLOTS = 7;

    @Override
    HeadsIn<float[]> headsIn(LayerNorm norm, Linear projection, int heads, int dim) {
        requireNoBias(projection);
        FloatScratch scratch = new FloatScratch(SLOTS);
        return new HeadsIn<>() {
            private Batch input;
            private float[] x;        // the rounded input
            private float[] normed;   // what the projection saw
            private double[] stats;   // LayerNorm's mean and 1 / σ per row
            private float[] weight;   // the projection's weight, rounded

            @Override
            public float[] forward(Batch batch, boolean training) {
                input = batch;
                int rows = batch.rows(), width = batch.width();
                x = rounded(batch, scratch.get(ROUNDED, rows * width));
                normed = x;
                if (norm != null) {
                    if (stats == null || stats.length != 2 * rows) stats = new double[2 * rows];
                    normed = norm.forwardFloat(x, rows, stats, scratch.get(NORMED, rows * width));
                    batch.clearPadding(normed, width);
                }
                if (projection == null) return Heads.split(AssociationPrecision.F32, normed, rows, heads, dim);
                double[] w = projection.weight().values();
                weight = FloatConversions.rounded(w, scratch.get(WEIGHT, w.length));
                return HeadProducts.split(normed, rows, width, weight, heads, dim, scratch.get(PROJECTED, heads * rows * dim));
            }

            @Override
            public float[] backward(float[] dHeads) {
                int rows = input.rows(), width = input.width();
                float[] d = projection == null ? Heads.merge(AssociationPrecision.F32, dHeads, rows, heads, dim)
                        : HeadProducts.splitBackward(dHeads, normed, rows, width, weight, heads, dim,
                        projection.weight().gradient(), scratch.get(WEIGHT_GRADIENT, weight.length),
                        scratch.get(NORMED_GRADIENT, rows * width));
                input.clearPadding(d, width);
                if (norm != null) {
                    d = norm.backwardFloat(x, d, rows, stats, scratch.get(INPUT_GRADIENT, rows * width));
                    input.clearPadding(d, width);
                }
                return d;
            }
        };
    }

    @Override
    HeadsOut<float[]> headsOut(Linear projection, int heads, int dim) {
        requireNoBias(projection);
        int width = projection == null ? heads * dim : projection.weight().rows();
        FloatScratch scratch = new FloatScratch(SLOTS);
        return new HeadsOut<>() {
            private Batch state;
            private float[] merged;   // the head-major association output
            private float[] weight;

            @Override
            public Batch forward(Batch state, float[] out, boolean training) {
                this.state = state;
                merged = out;
                int rows = state.rows();
                float[] y;
                if (projection == null) {
                    y = Heads.merge(AssociationPrecision.F32, out, rows, heads, dim);
                } else {
                    double[] w = projection.weight().values();
                    weight = FloatConversions.rounded(w, scratch.get(WEIGHT, w.length));
                    y = HeadProducts.merge(out, rows, heads, dim, weight, width, scratch.get(PROJECTED, rows * width));
                }
                double[] values = FloatConversions.widened(y);
                state.clearPadding(values, width);
                return state.with(values, width);
            }

            @Override
            public float[] backward(Batch gradOutput) {
                int rows = state.rows();
                float[] dy = FloatConversions.rounded(gradOutput.values(), scratch.get(ROUNDED, rows * width));
                state.clearPadding(dy, width);
                return projection == null ? Heads.split(AssociationPrecision.F32, dy, rows, heads, dim)
                        : HeadProducts.mergeBackward(dy, merged, rows, heads, dim, weight, width, projection.weight().gradient(),
                        scratch.get(WEIGHT_GRADIENT, weight.length), scratch.get(NORMED_GRADIENT, merged.length));
            }
        };
    }

    /** Widened, then summed in float64 (no float32 rounding of the sum). */
    @Override
    Batch sumToBatch(Batch like, List<float[]> parts) {
        double[] total = FloatConversions.widened(parts.get(0));
        for (int i = 1; i < parts.size(); i++) FloatConversions.addWidened(total, parts.get(i));
        return like.with(total, like.width());
    }

    @Override
    float[] linear(float[] x, int rows, int in, double[] w, int out) {
        return HeadProducts.split(x, rows, in, FloatConversions.rounded(w), 1, out, new float[rows * out]);
    }

    @Override
    float[] linearBackward(float[] dy, float[] x, int rows, int in, double[] w, double[] dw, int out) {
        return HeadProducts.splitBackward(dy, x, rows, in, FloatConversions.rounded(w), 1, out, dw, new float[w.length],
                new float[rows * in]);
    }

    /** The Hopfield core's projections have no bias (the products here add none). */
    private static void requireNoBias(Linear projection) {
        if (projection != null && projection.parameters().size() != 1) {
            throw new IllegalStateException("the float32 path projects without a bias, got " + projection.parameters());
        }
    }
}
