package org.hopfield4j.nn;

import java.util.List;
import org.hopfield4j.Precision;
import org.hopfield4j.internal.Check;

/**
 * y = W·x + b on every row: W (out × in) Xavier-initialised from the seed, b (out) zero. Its products run
 * in its precision (float64 by default; float32: sgemm on rounded operands, W and b kept in float64,
 * docs/java-api.md#layer-precision).
 */
public final class Linear extends RowwiseLayer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final Precision precision;

    public Linear(int in, int out, boolean bias, long seed, Precision precision) {
        this.in = Check.positive("in", in);
        this.out = Check.positive("out", out);
        this.precision = Check.notNull(precision, "precision");
        this.weight = new Parameter("weight", out, in, true);
        this.bias = bias ? new Parameter("bias", 1, out, false) : null;
        Init.xavierUniform(weight, in, out, seed);
    }

    public Linear(int in, int out, boolean bias, long seed) {
        this(in, out, bias, seed, Precision.FLOAT64);
    }

    public Linear(int in, int out, long seed) {
        this(in, out, true, seed);
    }

    public Parameter weight() {
        return weight;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    double[] forwardRows(double[] x, int rows, boolean training) {
        return Matrices.linear(precision, x, rows, in, weight.values(), bias == null ? null : bias.values(), out);
    }

    @Override
    double[] backwardRows(double[] dy, double[] x, int rows) {
        return Matrices.linearBackward(precision, dy, x, rows, in, weight.values(), weight.gradient(),
                bias == null ? null : bias.gradient(), out, true);
    }

    @Override
    int inWidth() {
        return in;
    }

    @Override
    int outWidth(int width) {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public String kind() {
        return "linear";
    }
}
