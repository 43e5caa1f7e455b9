package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.hopfield4j.fuzz.FuzzCase;
import org.hopfield4j.fuzz.FuzzValues;
import org.hopfield4j.fuzz.FuzzedMap;
import org.hopfield4j.reference.ReferenceSeparation;

/**
 * Fuzzes the native separation kernels through {@link Separation}: any map (α-entmax with any α, one
 * or per row), shapes from empty to small including rows = −1 and n = 0, β and scores that may be
 * NaN, ±∞, huge, tiny or subnormal, a mask, float32 or float64, arrays or direct buffers at any
 * position, and the backward with any upstream gradient.
 *
 * <p>Invariant: a call either throws the documented {@link IllegalArgumentException} or returns rows
 * that are probability distributions (finite, in [0, 1], summing to 1; masked entries and
 * all-masked rows exactly 0; the support count right) equal to the float64 reference within its
 * conditioning; direct buffers give the array result bit for bit; the backward is finite, zero off
 * the support, and sums to 0 over each row (the map is invariant to adding a constant to a row),
 * unless its exact value overflows the precision.
 */
class SeparationFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void forwardAndBackward(FuzzedDataProvider data) {
        int rows = data.consumeInt(-1, 5);
        int n = data.consumeInt(0, 8);
        FuzzedMap map = FuzzedMap.consume(data, rows);
        if (map == null) {
            return; // its α was rejected, as documented
        }
        double beta = FuzzValues.anyDouble(data);
        boolean float32 = data.consumeBoolean();
        int size = Math.max(rows, 0) * n;
        double[] z = FuzzValues.values(data, size, float32);
        boolean[] mask = data.consumeBoolean() ? Arrays.copyOf(data.consumeBooleans(size), size) : null;

        int[] support = new int[Math.max(rows, 0)];
        double[] p;
        try {
            p = forward(map.separation(), z, mask, support, rows, n, beta, float32);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        int position = data.consumeInt(0, 3);
        double[] g = FuzzValues.values(data, size, float32);
        FuzzCase.check(() -> map + " rows=" + rows + " n=" + n + " beta=" + beta + (float32 ? " float32" : " float64")
                + " z=" + Arrays.toString(z) + " mask=" + Arrays.toString(mask) + " g=" + Arrays.toString(g), () -> {
                    checkDistributions(p, z, mask, support, rows, n, float32);
                    double[] reference = map.reference(z, mask, rows, n, beta);
                    Numerics.assertClose(reference, p, n, map.tolerance(reference, rows, n, float32), "vs reference");
                    if (!float32) {
                        checkDirectBuffers(map.separation(), z, mask, p, support, rows, n, beta, position);
                    }
                    checkBackward(map, p, g, rows, n, beta, float32);
                });
    }

    private static double[] forward(Separation map, double[] z, boolean[] mask, int[] support, int rows, int n,
                                    double beta, boolean float32) {
        if (float32) {
            float[] p = new float[z.length];
            map.apply(ReferenceSeparation.toFloat(z), mask, p, support, rows, n, beta);
            return ReferenceSeparation.toDouble(p);
        }
        double[] p = new double[z.length];
        map.apply(z, mask, p, support, rows, n, beta);
        return p;
    }

    private static void checkDistributions(double[] p, double[] z, boolean[] mask, int[] support, int rows, int n,
                                           boolean float32) {
        Numerics.assertDistributions(p, support, Numerics.allMaskedRows(z, mask, rows, n), rows, n,
                float32 ? 1e-5 : 1e-12, "distribution");
        for (int i = 0; i < p.length; i++) {
            if ((mask != null && !mask[i]) || z[i] == Double.NEGATIVE_INFINITY) {
                assertEquals(0.0, p[i], "masked entry " + i);
            }
        }
    }

    /** The direct-buffer overload, reading and writing from {@code position}, gives the array result. */
    private static void checkDirectBuffers(Separation map, double[] z, boolean[] mask, double[] expected,
                                           int[] expectedSupport, int rows, int n, double beta, int position) {
        DoubleBuffer zb = doubles(position, z.length).put(z);
        DoubleBuffer pb = doubles(position, z.length);
        IntBuffer sb = ByteBuffer.allocateDirect(Integer.BYTES * (position + rows)).order(ByteOrder.nativeOrder())
                .asIntBuffer().position(position);
        ByteBuffer mb = null;
        if (mask != null) {
            mb = ByteBuffer.allocateDirect(position + mask.length).position(position);
            for (boolean keep : mask) {
                mb.put((byte) (keep ? 1 : 0));
            }
            mb.position(position);
        }
        map.apply(zb.position(position), mb, pb, sb, rows, n, beta);
        double[] p = new double[z.length];
        pb.get(p);
        int[] support = new int[rows];
        sb.get(support);
        assertArrayEquals(expected, p, "direct buffers give the array result");
        assertArrayEquals(expectedSupport, support, "direct buffers give the array support");
    }

    private static DoubleBuffer doubles(int position, int size) {
        return ByteBuffer.allocateDirect(Double.BYTES * (position + size)).order(ByteOrder.nativeOrder())
                .asDoubleBuffer().position(position);
    }

    /**
     * The backward is dz_i = β s_i (g_i − ĝ) with s_i = p_i^(2−α) and ĝ the s-weighted mean of g: finite,
     * zero off the support and summing to 0 over a row, unless its true size, up to 2 n β max|g| max s,
     * is beyond the precision (large β·g, or α &gt; 2 near the support's edge where the Jacobian blows up).
     */
    private static void checkBackward(FuzzedMap map, double[] p, double[] g, int rows, int n, double beta,
                                      boolean float32) {
        double[] dz;
        try {
            if (float32) {
                float[] dzf = new float[p.length];
                map.separation().backward(ReferenceSeparation.toFloat(p), ReferenceSeparation.toFloat(g), dzf, rows, n, beta);
                dz = ReferenceSeparation.toDouble(dzf);
            } else {
                dz = new double[p.length];
                map.separation().backward(p, g, dz, rows, n, beta);
            }
        } catch (IllegalArgumentException rejected) {
            return;
        }
        double largest = float32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        double epsilon = float32 ? Math.ulp(1f) : Math.ulp(1.0);
        double smallest = float32 ? Float.MIN_VALUE : Double.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            double maxG = 0;
            double maxS = 0;
            for (int i = r * n; i < (r + 1) * n; i++) {
                maxG = Math.max(maxG, Math.abs(g[i]));
                maxS = p[i] > 0 ? Math.max(maxS, Math.pow(p[i], 2 - map.alpha(r))) : maxS;
            }
            double betaS = beta * maxS; // first, as the kernel does: β·g alone may underflow
            double size = 2.0 * n * betaS * maxG;
            if (!(Math.max(size, Math.max(betaS, 2.0 * n * Math.max(1, maxS) * maxG)) <= largest)) {
                continue; // dz or the kernel's β·s_i, g_i − ĝ or Σ s_i g_i may overflow (and ∞ · 0 is NaN)
            }
            double sum = 0;
            for (int i = r * n; i < (r + 1) * n; i++) {
                assertTrue(Double.isFinite(dz[i]), "dz[" + i + "] = " + dz[i] + " is not finite");
                if (p[i] == 0) {
                    assertEquals(0.0, dz[i], 0.0, "dz[" + i + "] off the support");
                }
                sum += dz[i];
            }
            // A subnormal product (β·p, g − ĝ) rounds absolutely, and the other factors scale that up.
            double subnormalScale = Math.max(1, Math.max(betaS, maxG * Math.max(1, maxS)));
            assertTrue(Math.abs(sum) <= 64 * n * (epsilon * size + smallest * subnormalScale),
                    "row " + r + " of dz sums to " + sum + ", expected 0 (size " + size + ")");
        }
    }
}
