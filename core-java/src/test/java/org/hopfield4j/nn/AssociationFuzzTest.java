package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.hopfield4j.fuzz.FuzzCase;
import org.hopfield4j.fuzz.FuzzValues;
import org.hopfield4j.fuzz.FuzzedMap;

/**
 * Fuzzes the layers' native forward and backward through {@link Association}: shapes from empty to
 * small (a dimension may be 0), any map (α-entmax with any α, one or per row), β one or per problem
 * and possibly NaN, ±∞, huge, tiny or subnormal, values of the same kinds, an optional association
 * mask and optional key counts (padding), float64.
 *
 * <p>Invariant: every call either throws the documented {@link IllegalArgumentException} or returns
 * an association matrix whose rows are distributions (finite, in [0, 1], summing to 1, or all 0 when
 * every key of the row is masked), with masked and padded entries exactly 0; the backward, with any
 * finite upstream gradient, is rejected or finite.
 */
class AssociationFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void forwardAndBackward(FuzzedDataProvider data) {
        Association.Shape shape;
        try {
            shape = new Association.Shape(data.consumeInt(0, 3), data.consumeInt(0, 3), data.consumeInt(0, 4),
                    data.consumeInt(0, 3), data.consumeInt(0, 3));
        } catch (IllegalArgumentException rejected) {
            return;
        }
        int rows = shape.rows();
        int nk = shape.keys();
        FuzzedMap map = FuzzedMap.consume(data, rows);
        if (map == null) {
            return;
        }
        double[] beta = data.consumeBoolean() ? new double[] {FuzzValues.anyDouble(data)}
                : FuzzValues.values(data, shape.problems(), false);
        double[] q = FuzzValues.values(data, rows * shape.keyDim(), false);
        double[] k = FuzzValues.values(data, shape.problems() * nk * shape.keyDim(), false);
        double[] v = FuzzValues.values(data, shape.problems() * nk * shape.valueDim(), false);
        boolean[] mask = data.consumeBoolean() ? canonical(data.consumeBooleans(rows * nk), rows * nk) : null;
        int[] counts = null;
        if (data.consumeBoolean()) {
            counts = new int[shape.problems()];
            for (int b = 0; b < counts.length; b++) {
                counts[b] = data.consumeInt(-1, nk + 1);
            }
        }
        AssociationForward<double[]> forward;
        try {
            Association a = Association.of(map.separation(), shape);
            if (mask != null) {
                a = a.withMask(mask);
            }
            if (counts != null) {
                a = a.withKeyCounts(counts);
            }
            forward = a.forward(q, k, v, beta);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        double[] dOut = FuzzValues.values(data, rows * shape.valueDim(), false);
        int[] keyCounts = counts;
        FuzzCase.check(() -> map + " " + shape + " beta=" + Arrays.toString(beta) + " q=" + Arrays.toString(q)
                + " k=" + Arrays.toString(k) + " v=" + Arrays.toString(v) + " mask=" + Arrays.toString(mask)
                + " counts=" + Arrays.toString(keyCounts) + " dOut=" + Arrays.toString(dOut), () -> {
                    checkAssociations(forward.associations(), mask, keyCounts, shape);
                    if (Arrays.stream(dOut).allMatch(Double::isFinite)) {
                        checkBackward(forward, dOut);
                    }
                });
    }

    /**
     * The flags as Java itself makes them: Jazzer's consumeBooleans can hand out booleans whose byte is
     * neither 0 nor 1, which no Java code can produce and on which {@code &=} is a bitwise AND.
     */
    private static boolean[] canonical(boolean[] raw, int length) {
        boolean[] flags = new boolean[length];
        for (int i = 0; i < Math.min(raw.length, length); i++) {
            flags[i] = raw[i] ? true : false;
        }
        return flags;
    }

    private static void checkAssociations(double[] p, boolean[] mask, int[] counts, Association.Shape shape) {
        int nk = shape.keys();
        for (int r = 0; r < shape.rows(); r++) {
            int problem = r / Math.max(shape.queries(), 1);
            double sum = 0;
            boolean anyAllowed = false;
            for (int j = 0; j < nk; j++) {
                double pj = p[r * nk + j];
                assertTrue(pj >= 0 && pj <= 1, "P[" + r + ", " + j + "] = " + pj);
                boolean allowed = (mask == null || mask[r * nk + j]) && (counts == null || j < counts[problem]);
                if (!allowed) {
                    assertEquals(0.0, pj, "masked P[" + r + ", " + j + "]");
                }
                anyAllowed |= allowed;
                sum += pj;
            }
            if (nk > 0 && anyAllowed) {
                assertEquals(1.0, sum, 1e-9, "row " + r + " sums to 1: P = " + Arrays.toString(p));
            } else {
                assertEquals(0.0, sum, "row " + r + " has no allowed key");
            }
        }
    }

    private static void checkBackward(AssociationForward<double[]> forward, double[] dOut) {
        AssociationGradients<double[]> g;
        try {
            g = forward.backward(dOut);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        for (double[] part : new double[][] {g.dQueries(), g.dKeys(), g.dValues(), g.dBeta(),
                g.dAlpha() == null ? new double[0] : g.dAlpha()}) {
            assertTrue(Arrays.stream(part).allMatch(Double::isFinite), "gradient not finite: " + Arrays.toString(part));
        }
    }
}
