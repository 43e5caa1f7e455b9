package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native operations of the float32 layers' path ({@link FloatPath}) against float64 references
 * computed in Java on the same float32-representable inputs: LayerNorm forward and backward against
 * {@link LayerNorm}'s float64 rows, the head-block products ({@link HeadProducts}) against plain
 * triple loops, the conversions and the packing that measures. Each result is float64 arithmetic
 * rounded once (LayerNorm, conversions) or an sgemm (products), so the allowance is one rounding,
 * u |exact|, or the sgemm bound (k + 1) u (|A| |B|) per entry. Edges: width 1, one row, ties (constant
 * rows: zero variance), large values, heads 1–4.
 */
class FloatPathOpsTest {
    private static final double U = Math.ulp(1.0f) / 2;

    @ParameterizedTest(name = "rows {0} width {1} scale {2} constant {3}")
    @CsvSource({"5,256,1,false", "3,7,2,false", "1,16,1,false", "4,1,3,false", "3,9,1.5,true", "4,64,1e6,false",
            "2,33,1e30,false"})
    void layerNormMatchesTheFloat64LayerWithinOneRounding(int rows, int width, double scale, boolean constant) {
        SplittableRandom random = new SplittableRandom(rows * 31L + width);
        float[] x = new float[rows * width], dy = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (scale * (constant ? 1 + i / width : random.nextGaussian()));
            dy[i] = (float) random.nextGaussian();
        }
        LayerNorm single = new LayerNorm(width), exact = new LayerNorm(width);
        for (LayerNorm n : List.of(single, exact)) {
            SplittableRandom same = new SplittableRandom(5);
            for (int j = 0; j < width; j++) {
                n.parameters().get(0).values()[j] = 1 + 0.5 * same.nextGaussian();
                n.parameters().get(1).values()[j] = 0.3 * same.nextGaussian();
            }
        }
        double[] stats = new double[2 * rows];
        float[] y = single.forwardFloat(x, rows, stats, new float[x.length]);
        float[] dx = single.backwardFloat(x, dy, rows, stats, new float[x.length]);
        Batch in = Batch.rows(FloatConversions.widened(x), rows, width);
        double[] yExact = exact.forward(in, true).values();
        double[] dxExact = exact.backward(in.with(FloatConversions.widened(dy), width)).values();
        assertWithinOneRounding("y", y, yExact, maxAbs(yExact));
        assertWithinOneRounding("dx", dx, dxExact, maxAbs(dxExact));
        for (int p = 0; p < 2; p++) {
            double[] g = single.parameters().get(p).gradient(), want = exact.parameters().get(p).gradient();
            for (int j = 0; j < width; j++) {
                assertEquals(want[j], g[j], 1e-12 * (1 + maxAbs(want)) * rows, "parameter " + p + " gradient " + j);
            }
        }
        if (constant || width == 1) {   // zero variance: the output is the bias, dx the rounding of 0
            for (int i = 0; i < y.length; i++) assertEquals((float) exact.parameters().get(1).values()[i % width], y[i]);
        }
    }

    /** Each value the float64 one rounded once (a relative error ≤ u), up to float64's own error at the row's scale. */
    private static void assertWithinOneRounding(String what, float[] got, double[] exact, double scale) {
        for (int i = 0; i < got.length; i++) {
            double allowed = U * Math.abs(exact[i]) + 1e-12 * scale;
            assertTrue(Math.abs(got[i] - exact[i]) <= allowed,
                    what + "[" + i + "] = " + got[i] + ", float64 " + exact[i] + ", allowed " + allowed);
        }
    }

    @ParameterizedTest(name = "rows {0} in {1} heads {2} dim {3} out {4}")
    @CsvSource({"6,10,3,4,7", "1,1,1,1,1", "5,8,4,2,3", "3,5,1,5,4", "1,16,2,8,1"})
    void headProductsMatchTripleLoopsWithinTheSgemmBound(int rows, int in, int heads, int dim, int out) {
        SplittableRandom random = new SplittableRandom(rows + 7L * in + 49L * heads);
        float[] x = gaussian(random, rows * in, 1), w = gaussian(random, heads * dim * in, 1);
        float[] dy = gaussian(random, heads * rows * dim, 1);
        float[] y = HeadProducts.split(x, rows, in, w, heads, dim, new float[heads * rows * dim]);
        double[] dw = new double[w.length];
        java.util.Arrays.fill(dw, 0.5);
        float[] dx = HeadProducts.splitBackward(dy, x, rows, in, w, heads, dim, dw, new float[w.length], new float[rows * in]);
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < dim; c++) {   // y_h[r][c] = Σ_i x[r][i] w[h·dim + c][i]
                    double s = 0, bound = 0;
                    for (int i = 0; i < in; i++) {
                        double t = (double) x[r * in + i] * w[(h * dim + c) * in + i];
                        s += t;
                        bound += Math.abs(t);
                    }
                    assertClose("split", y[(h * rows + r) * dim + c], s, (in + 1) * U * bound);
                }
            }
            for (int c = 0; c < dim; c++) {
                for (int i = 0; i < in; i++) {   // dW[h·dim + c][i] = 0.5 + Σ_r dy_h[r][c] x[r][i]
                    double s = 0, bound = 0;
                    for (int r = 0; r < rows; r++) {
                        double t = (double) dy[(h * rows + r) * dim + c] * x[r * in + i];
                        s += t;
                        bound += Math.abs(t);
                    }
                    assertClose("split dW", dw[(h * dim + c) * in + i] - 0.5, s, (rows + 1) * U * bound + 1e-15);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < in; i++) {   // dX[r][i] = Σ_h Σ_c dy_h[r][c] w[h·dim + c][i]
                double s = 0, bound = 0;
                for (int h = 0; h < heads; h++) {
                    for (int c = 0; c < dim; c++) {
                        double t = (double) dy[(h * rows + r) * dim + c] * w[(h * dim + c) * in + i];
                        s += t;
                        bound += Math.abs(t);
                    }
                }
                assertClose("split dX", dx[r * in + i], s, (heads * dim + 1) * U * bound);
            }
        }
        // the merge side: O (heads × rows × dim) through W_O (out × heads·dim)
        float[] o = gaussian(random, heads * rows * dim, 1), wo = gaussian(random, out * heads * dim, 1);
        float[] dOut = gaussian(random, rows * out, 1);
        float[] merged = HeadProducts.merge(o, rows, heads, dim, wo, out, new float[rows * out]);
        double[] dwo = new double[wo.length];
        float[] dO = HeadProducts.mergeBackward(dOut, o, rows, heads, dim, wo, out, dwo, new float[wo.length],
                new float[o.length]);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {   // merged[r][j] = Σ_h Σ_c o_h[r][c] wo[j][h·dim + c]
                double s = 0, bound = 0;
                for (int h = 0; h < heads; h++) {
                    for (int c = 0; c < dim; c++) {
                        double t = (double) o[(h * rows + r) * dim + c] * wo[j * heads * dim + h * dim + c];
                        s += t;
                        bound += Math.abs(t);
                    }
                }
                assertClose("merge", merged[r * out + j], s, (heads * dim + 1) * U * bound);
            }
        }
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < dim; c++) {   // dO_h[r][c] = Σ_j dOut[r][j] wo[j][h·dim + c]
                    double s = 0, bound = 0;
                    for (int j = 0; j < out; j++) {
                        double t = (double) dOut[r * out + j] * wo[j * heads * dim + h * dim + c];
                        s += t;
                        bound += Math.abs(t);
                    }
                    assertClose("merge dO", dO[(h * rows + r) * dim + c], s, (out + 1) * U * bound);
                }
            }
            for (int j = 0; j < out; j++) {
                for (int c = 0; c < dim; c++) {   // dW_O[j][h·dim + c] = Σ_r dOut[r][j] o_h[r][c]
                    double s = 0, bound = 0;
                    for (int r = 0; r < rows; r++) {
                        double t = (double) dOut[r * out + j] * o[(h * rows + r) * dim + c];
                        s += t;
                        bound += Math.abs(t);
                    }
                    assertClose("merge dW", dwo[j * heads * dim + h * dim + c], s, (rows + 1) * U * bound);
                }
            }
        }
    }

    private static void assertClose(String what, double got, double exact, double allowed) {
        assertTrue(Math.abs(got - exact) <= allowed, what + ": " + got + ", exact " + exact + ", allowed " + allowed);
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"0", "1", "15", "16", "1000"})
    void conversionsRoundOnceAndPackingMeasuresEveryPart(int n) {
        SplittableRandom random = new SplittableRandom(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = random.nextGaussian() * 1e3;
        if (n > 2) {
            x[0] = 1e300;     // beyond float32: +infinity
            x[1] = -1e-300;   // below its smallest subnormal: -0
        }
        float[] rounded = FloatConversions.rounded(x);
        for (int i = 0; i < n; i++) assertEquals((float) x[i], rounded[i], "rounded[" + i + "]");
        double[] widened = FloatConversions.widened(rounded);
        double[] sum = new double[n];
        java.util.Arrays.fill(sum, 0.25);
        FloatConversions.addWidened(sum, rounded);
        for (int i = 0; i < n; i++) {
            assertEquals((double) rounded[i], widened[i], "widened[" + i + "]");
            assertEquals(0.25 + rounded[i], sum[i], "added[" + i + "]");
        }
        float[] finite = gaussian(random, n, 40), other = gaussian(random, 3, 2);
        double[] maxAbs = new double[3];
        float[] packed = AssociationPrecision.F32.packMeasured(List.of(other, finite, rounded), maxAbs);
        float[] expected = new float[3 + 2 * n];
        System.arraycopy(other, 0, expected, 0, 3);
        System.arraycopy(finite, 0, expected, 3, n);
        System.arraycopy(rounded, 0, expected, 3 + n, n);
        assertArrayEquals(expected, packed);
        assertEquals(maxAbs(other), maxAbs[0]);
        assertEquals(maxAbs(finite), maxAbs[1]);
        if (n > 2) assertTrue(Double.isNaN(maxAbs[2]), "an infinity makes the part's measure NaN");
        if (n > 0) {
            for (int at : new int[] {0, n - 1}) {
                float[] withNaN = finite.clone();
                withNaN[at] = Float.NaN;
                AssociationPrecision.F32.packMeasured(List.of(withNaN), maxAbs);
                assertTrue(Double.isNaN(maxAbs[0]), "NaN at " + at + " makes the measure NaN");
            }
        }
    }

    private static float[] gaussian(SplittableRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (scale * random.nextGaussian());
        return v;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
