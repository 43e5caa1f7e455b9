package org.hopfield4j.nn;

import java.util.List;
import org.hopfield4j.internal.Check;

/**
 * Layer normalisation of every row of {@code width} values: y = g ⊙ (x − mean) / √(var + eps) + b, with the
 * gain g (initially 1) and the bias b (initially 0) learned. The Hopfield layers use it on their stored,
 * state and projected patterns.
 */
public final class LayerNorm extends RowwiseLayer {
    /** PyTorch's default. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int width;
    private final double eps;
    private final Parameter gain;
    private final Parameter bias;
    private double[] normalized;
    private double[] inverseStd;

    public LayerNorm(int width, double eps) {
        this.width = Check.positive("width", width);
        this.eps = Check.positiveFinite("eps", eps);
        this.gain = new Parameter("gain", 1, width, false).fill(1.0);
        this.bias = new Parameter("bias", 1, width, false);
    }

    public LayerNorm(int width) {
        this(width, DEFAULT_EPS);
    }

    @Override
    double[] forwardRows(double[] x, int rows, boolean training) {
        normalized = new double[rows * width];
        inverseStd = new double[rows];
        double[] y = new double[rows * width];
        double[] g = gain.values(), b = bias.values();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double mean = 0;
            for (int j = 0; j < width; j++) mean += x[o + j];
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) var += (x[o + j] - mean) * (x[o + j] - mean);
            double inv = 1 / Math.sqrt(var / width + eps);
            inverseStd[r] = inv;
            for (int j = 0; j < width; j++) {
                normalized[o + j] = (x[o + j] - mean) * inv;
                y[o + j] = g[j] * normalized[o + j] + b[j];
            }
        }
        return y;
    }

    /** dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂)) / σ with dx̂ = dy ⊙ g. */
    @Override
    double[] backwardRows(double[] dy, double[] x, int rows) {
        double[] dx = new double[rows * width];
        double[] g = gain.values(), dg = gain.gradient(), db = bias.gradient();
        double[] dxh = new double[width];
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double sum = 0, dot = 0;
            for (int j = 0; j < width; j++) {
                dg[j] += dy[o + j] * normalized[o + j];
                db[j] += dy[o + j];
                dxh[j] = dy[o + j] * g[j];
                sum += dxh[j];
                dot += dxh[j] * normalized[o + j];
            }
            sum /= width;
            dot /= width;
            for (int j = 0; j < width; j++) dx[o + j] = (dxh[j] - sum - normalized[o + j] * dot) * inverseStd[r];
        }
        return dx;
    }

    @Override
    int inWidth() {
        return width;
    }

    @Override
    int outWidth(int in) {
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gain, bias);
    }

    @Override
    public String kind() {
        return "layer_norm";
    }
}
