package org.hopfield4j.nn;

import java.util.List;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.nativelib.HopfieldNative;
import org.hopfield4j.nativelib.HopfieldNative.LayerNormCall;

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
        if (normalized == null || normalized.length != rows * width) {   // kept across calls: overwritten in full
            normalized = new double[rows * width];
            inverseStd = new double[rows];
        }
        double[] y = new double[rows * width];
        double[] g = gain.values(), b = bias.values();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double mean = sum(x, o, width) / width;
            for (int j = 0; j < width; j++) normalized[o + j] = x[o + j] - mean;
            double inv = 1 / Math.sqrt(dot(normalized, o, normalized, o, width) / width + eps);
            inverseStd[r] = inv;
            for (int j = 0; j < width; j++) {
                normalized[o + j] *= inv;
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
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) {
                dg[j] += dy[o + j] * normalized[o + j];
                db[j] += dy[o + j];
                dx[o + j] = dy[o + j] * g[j];   // dx̂, replaced below
            }
            double mean = sum(dx, o, width) / width, dot = dot(dx, o, normalized, o, width) / width;
            double inv = inverseStd[r];
            for (int j = 0; j < width; j++) dx[o + j] = (dx[o + j] - mean - normalized[o + j] * dot) * inv;
        }
        return dx;
    }

    /**
     * The forward of {@code rows} float32 rows natively (the float32 layers' path): y in {@code y}
     * (overwritten, returned), each row's mean and 1 / σ in {@code stats} (2 per row) for
     * {@link #backwardFloat}. Keeps no state.
     */
    float[] forwardFloat(float[] x, int rows, double[] stats, float[] y) {
        try (LayerNormCall c = call(rows)) {
            NativeCalls.enter();
            HopfieldNative.layer_norm_forward_f32(c, x, gain.values(), bias.values(), y, stats);
        }
        return y;
    }

    /** The backward of {@link #forwardFloat} natively: adds the gain and bias gradients, returns dx in {@code dx} (overwritten). */
    float[] backwardFloat(float[] x, float[] dy, int rows, double[] stats, float[] dx) {
        try (LayerNormCall c = call(rows)) {
            NativeCalls.enter();
            HopfieldNative.layer_norm_backward_f32(c, x, dy, gain.values(), stats, dx, gain.gradient(), bias.gradient());
        }
        return dx;
    }

    private LayerNormCall call(int rows) {
        return new LayerNormCall().rows(rows).width(width).eps(eps);
    }

    // Four partial sums: a single running sum is one long chain of dependent additions, four run in parallel.
    private static double sum(double[] a, int from, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[from + j];
            s1 += a[from + j + 1];
            s2 += a[from + j + 2];
            s3 += a[from + j + 3];
        }
        for (; j < n; j++) s0 += a[from + j];
        return (s0 + s1) + (s2 + s3);
    }

    private static double dot(double[] a, int fromA, double[] b, int fromB, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[fromA + j] * b[fromB + j];
            s1 += a[fromA + j + 1] * b[fromB + j + 1];
            s2 += a[fromA + j + 2] * b[fromB + j + 2];
            s3 += a[fromA + j + 3] * b[fromB + j + 3];
        }
        for (; j < n; j++) s0 += a[fromA + j] * b[fromB + j];
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    int inWidth() {
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
