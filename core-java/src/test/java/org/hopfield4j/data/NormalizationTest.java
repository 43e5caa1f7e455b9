package org.hopfield4j.data;

import static org.hopfield4j.reference.ReferenceSeparation.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    static final int R = 10, D = 37;

    static double[] randomDoubles(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[R * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (r.nextDouble() - 0.3) * 5;   // mixed signs
        }
        return x;
    }

    static double norm(double[] x, int r, int d) {
        double s = 0;
        for (int j = r * d; j < (r + 1) * d; j++) {
            s += x[j] * x[j];
        }
        return Math.sqrt(s);
    }

    static double norm(float[] x, int r, int d) {
        double s = 0;
        for (int j = r * d; j < (r + 1) * d; j++) {
            s += (double) x[j] * x[j];
        }
        return Math.sqrt(s);
    }

    @Test
    void unitL2RowsHaveNormOneAndKeepTheirDirection() {
        double[] x = randomDoubles(1);
        double[] y = Normalization.UNIT_L2.apply(x, R, D);
        float[] xf = toFloat(x);
        float[] yf = Normalization.UNIT_L2.apply(xf, R, D);
        for (int r = 0; r < R; r++) {
            assertEquals(1.0, norm(y, r, D), 1e-12, "double row " + r);
            assertEquals(1.0, norm(yf, r, D), 1e-6, "float row " + r);
            double n = norm(x, r, D);
            for (int j = r * D; j < (r + 1) * D; j++) {
                assertEquals(x[j] / n, y[j], 1e-12);
            }
        }
    }

    @Test
    void unitL2ExtremeMagnitudesNeitherOverflowNorUnderflow() {
        double[] big = {1e300, -1e300, 3e300};
        double[] tiny = {1e-300, 0, -2e-300};
        for (double[] x : new double[][] {big, tiny}) {
            assertEquals(1.0, norm(Normalization.UNIT_L2.apply(x, 1, 3), 0, 3), 1e-12);
        }
        float[] bigF = {3e38f, 3e38f, -1e38f};
        assertEquals(1.0, norm(Normalization.UNIT_L2.apply(bigF, 1, 3), 0, 3), 1e-6);
    }

    @Test
    void unitL2AllZeroRowStaysZero() {
        double[] x = {0, 0, 0, 3, 4, 0};
        assertArrayEquals(new double[] {0, 0, 0, 0.6, 0.8, 0}, Normalization.UNIT_L2.apply(x, 2, 3), 1e-15);
        float[] xf = {0, 0, 0, 0, 1, 1};
        float[] yf = Normalization.UNIT_L2.apply(xf, 2, 3);
        assertArrayEquals(new float[] {0, 0, 0, 0, (float) Math.sqrt(0.5), (float) Math.sqrt(0.5)}, yf, 1e-7f);
    }

    @Test
    void minMaxRowsSpanExactlyZeroToOne() {
        double[] x = randomDoubles(2);
        double[] y = Normalization.MIN_MAX.apply(x, R, D);
        float[] yf = Normalization.MIN_MAX.apply(toFloat(x), R, D);
        for (int r = 0; r < R; r++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            float loF = Float.POSITIVE_INFINITY, hiF = Float.NEGATIVE_INFINITY;
            double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY;
            for (int j = r * D; j < (r + 1) * D; j++) {
                lo = Math.min(lo, y[j]);
                hi = Math.max(hi, y[j]);
                loF = Math.min(loF, yf[j]);
                hiF = Math.max(hiF, yf[j]);
                xlo = Math.min(xlo, x[j]);
                xhi = Math.max(xhi, x[j]);
            }
            assertEquals(0.0, lo, 0.0, "row " + r);
            assertEquals(1.0, hi, 0.0, "row " + r);
            assertEquals(0f, loF, 0f, "float row " + r);
            assertEquals(1f, hiF, 0f, "float row " + r);
            for (int j = r * D; j < (r + 1) * D; j++) {
                assertEquals((x[j] - xlo) / (xhi - xlo), y[j], 1e-12);
                assertTrue(y[j] >= 0 && y[j] <= 1);
            }
        }
    }

    @Test
    void minMaxConstantRowBecomesZeros() {
        double[] x = {7, 7, 7, 1, 2, 3};
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 1}, Normalization.MIN_MAX.apply(x, 2, 3), 1e-15);
        float[] single = {5f, -2f};   // d = 1: every row is constant
        assertArrayEquals(new float[] {0f, 0f}, Normalization.MIN_MAX.apply(single, 2, 1), 0f);
        double[] huge = {-1e308, 0, 1e308};   // max - min overflows
        assertArrayEquals(new double[] {0, 0.5, 1}, Normalization.MIN_MAX.apply(huge, 1, 3), 1e-15);
    }

    @Test
    void noneCopiesAndNothingModifiesTheInput() {
        double[] x = randomDoubles(3);
        double[] before = x.clone();
        for (Normalization n : Normalization.values()) {
            double[] y = n.apply(x, R, D);
            assertNotSame(x, y);
            assertArrayEquals(before, x, 0.0, n + " modified its input");
            float[] xf = toFloat(x);
            float[] xfBefore = xf.clone();
            assertNotSame(xf, n.apply(xf, R, D));
            assertArrayEquals(xfBefore, xf, 0f);
        }
        assertArrayEquals(x, Normalization.NONE.apply(x, R, D), 0.0);
        assertEquals(0, Normalization.UNIT_L2.apply(new float[0], 0, 4).length);
    }

    @Test
    void namesRoundTrip() {
        for (Normalization n : Normalization.values()) {
            assertEquals(n, Normalization.named(n.label().toUpperCase()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.named("l1"));
        assertTrue(e.getMessage().contains("unknown normalisation 'l1'"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() {
        for (Normalization n : Normalization.values()) {
            assertMessage("patterns are null", () -> n.apply((float[]) null, 1, 1));
            assertMessage("patterns are null", () -> n.apply((double[]) null, 1, 1));
            assertMessage("patterns have 6 values, expected rows * d = 2 * 4", () -> n.apply(new float[6], 2, 4));
            assertMessage("patterns have 6 values, expected rows * d = 2 * 4", () -> n.apply(new double[6], 2, 4));
            assertMessage("expected rows * d = 3 * 0", () -> n.apply(new double[0], 3, 0));
            assertMessage("expected rows * d = -2 * -3", () -> n.apply(new double[6], -2, -3));
            assertMessage("row 1, column 0 is NaN", () -> n.apply(new double[] {1, 2, Double.NaN, 4}, 2, 2));
            assertMessage("row 0, column 1 is Infinity", () -> n.apply(new float[] {1, Float.POSITIVE_INFINITY}, 1, 2));
        }
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
