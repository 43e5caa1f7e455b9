package org.hopfield4j.nn;

import java.util.List;
import org.hopfield4j.Precision;

/** The float64 activation path: the rowwise layers and {@link Heads} on {@code double[]} ({@link ActivationPath}). */
final class DoublePath extends ActivationPath<double[]> {
    @Override
    AssociationPrecision<double[]> type() {
        return AssociationPrecision.F64;
    }

    @Override
    HeadsIn<double[]> headsIn(LayerNorm norm, Linear projection, int heads, int dim) {
        return new HeadsIn<>() {
            private Batch input;

            @Override
            public double[] forward(Batch x, boolean training) {
                input = x;
                Batch normed = norm == null ? x : norm.forward(x, training);
                double[] projected = projection == null ? normed.values() : projection.forward(normed, training).values();
                return Heads.split(projected, x.rows(), heads, dim);
            }

            @Override
            public double[] backward(double[] dHeads) {
                Batch d = input.with(Heads.merge(dHeads, input.rows(), heads, dim), heads * dim);
                if (projection != null) d = projection.backward(d);
                else input.clearPadding(d.values(), heads * dim);
                return (norm == null ? d : norm.backward(d)).values();
            }
        };
    }

    @Override
    HeadsOut<double[]> headsOut(Linear projection, int heads, int dim) {
        return new HeadsOut<>() {
            private Batch state;

            @Override
            public Batch forward(Batch state, double[] out, boolean training) {
                this.state = state;
                Batch merged = state.with(Heads.merge(out, state.rows(), heads, dim), heads * dim);
                if (projection != null) return projection.forward(merged, training);
                merged.clearPadding(merged.values(), heads * dim);
                return merged;
            }

            @Override
            public double[] backward(Batch gradOutput) {
                double[] d;
                if (projection != null) {
                    d = projection.backward(gradOutput).values();
                } else {
                    d = gradOutput.values().clone();
                    state.clearPadding(d, heads * dim);
                }
                return Heads.split(d, state.rows(), heads, dim);
            }
        };
    }

    @Override
    double[] linear(double[] x, int rows, int in, double[] w, int out) {
        return Matrices.linear(Precision.FLOAT64, x, rows, in, w, null, out);
    }

    @Override
    Batch sumToBatch(Batch like, List<double[]> parts) {
        double[] total = parts.get(0);
        if (parts.size() > 1) {
            total = total.clone();
            for (int i = 1; i < parts.size(); i++) type().addInto(total, parts.get(i));
        }
        return like.with(total, like.width());
    }

    @Override
    double[] linearBackward(double[] dy, double[] x, int rows, int in, double[] w, double[] dw, int out) {
        return Matrices.linearBackward(Precision.FLOAT64, dy, x, rows, in, w, dw, null, out, true);
    }
}
