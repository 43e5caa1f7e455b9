package org.hopfield4j.nn;

/**
 * The float32 activation path ({@link ActivationPath}): a layer's input batch is rounded to float32
 * once (stored patterns and values that are the same batch, as in pooling, once for both), LayerNorm
 * and the projections run natively on {@code float[]} ({@link LayerNorm#forwardFloat},
 * {@link HeadProducts}), the projections write and read head-major blocks, and only the output rows
 * and the input gradients (summed first where one batch was several inputs) are widened to float64. Parameters keep their float64 masters; the
 * projections use them rounded, once per forward.
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

    private float[] rounded(Batch x) {
        if (x != roundedBatch) {
            roundedBatch = x;
            roundedValues = FloatConversions.rounded(x.values());
        }
        return roundedValues;
    }

    @Override
    HeadsIn<float[]> headsIn(LayerNorm norm, Linear projection, int heads, int dim) {
        requireNoBias(projection);
        return new HeadsIn<>() {
            private Batch input;
            private float[] x;        // the rounded input
            private float[] normed;   // what the projection saw
            private double[] stats;   // LayerNorm's mean and 1 / σ per row
            private float[] weight;   // the projection's weight, rounded

            @Override
            public float[] forward(Batch batch, boolean training) {
                input = batch;
                x = rounded(batch);
                int rows = batch.rows(), width = batch.width();
                normed = x;
                if (norm != null) {
                    stats = new double[2 * rows];
                    normed = norm.forwardFloat(x, rows, stats);
                    batch.clearPadding(normed, width);
                }
                if (projection == null) return Heads.split(AssociationPrecision.F32, normed, rows, heads, dim);
                weight = FloatConversions.rounded(projection.weight().values());
                return HeadProducts.split(normed, rows, width, weight, heads, dim);
            }

            @Override
            public float[] backward(float[] dHeads) {
                int rows = input.rows(), width = input.width();
                float[] d = projection == null ? Heads.merge(AssociationPrecision.F32, dHeads, rows, heads, dim)
                        : HeadProducts.splitBackward(dHeads, normed, rows, width, weight, heads, dim,
                        projection.weight().gradient());
                input.clearPadding(d, width);
                if (norm != null) {
                    d = norm.backwardFloat(x, d, rows, stats);
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
                    weight = FloatConversions.rounded(projection.weight().values());
                    y = HeadProducts.merge(out, rows, heads, dim, weight, width);
                }
                double[] values = FloatConversions.widened(y);
                state.clearPadding(values, width);
                return state.with(values, width);
            }

            @Override
            public float[] backward(Batch gradOutput) {
                int rows = state.rows();
                float[] dy = FloatConversions.rounded(gradOutput.values());
                state.clearPadding(dy, width);
                return projection == null ? Heads.split(AssociationPrecision.F32, dy, rows, heads, dim)
                        : HeadProducts.mergeBackward(dy, merged, rows, heads, dim, weight, width, projection.weight().gradient());
            }
        };
    }

    @Override
    Batch toBatch(Batch like, float[] values) {
        return like.with(FloatConversions.widened(values), like.width());
    }

    @Override
    float[] linear(float[] x, int rows, int in, double[] w, int out) {
        return HeadProducts.split(x, rows, in, FloatConversions.rounded(w), 1, out);
    }

    @Override
    float[] linearBackward(float[] dy, float[] x, int rows, int in, double[] w, double[] dw, int out) {
        return HeadProducts.splitBackward(dy, x, rows, in, FloatConversions.rounded(w), 1, out, dw);
    }

    /** The Hopfield core's projections have no bias (the products here add none). */
    private static void requireNoBias(Linear projection) {
        if (projection != null && projection.parameters().size() != 1) {
            throw new IllegalStateException("the float32 path projects without a bias, got " + projection.parameters());
        }
    }
}
