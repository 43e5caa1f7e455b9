package org.hopfield4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The validation rules at their exact edges: the last value accepted and the first rejected, with the
 * message naming the argument and what came (the wider matrix of bad inputs is BadInputMatrixTest).
 */
class CheckBoundariesTest {
    static final int MAX = Check.MAX_ARRAY_LENGTH;

    private static void rejects(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void sizesUpToTheLargestArrayAreAccepted() {
        assertEquals(MAX, Check.batchSize(1, MAX));
        assertEquals(0, Check.batchSize(0, 5));
        rejects("rows * n = 1 * 2147483640 = 2147483640 exceeds the largest Java array (2147483639)",
                () -> Check.batchSize(1, MAX + 1));
        rejects("rows must be >= 0, got -1", () -> Check.batchSize(-1, 1));
        rejects("row length n must be >= 1, got 0", () -> Check.batchSize(1, 0));
        assertEquals(MAX, Check.matrixSize("M", MAX, 1, "d", 1));
        assertEquals(6, Check.matrixSize("M", 2, 2, "d", 3));
        rejects("M * d = 1 * 2147483640 = 2147483640 exceeds the largest Java array (2147483639)",
                () -> Check.matrixSize("M", 1, 1, "d", MAX + 1));
        rejects("M must be >= 2, got 1", () -> Check.matrixSize("M", 1, 2, "d", 3));
        rejects("d must be >= 1, got 0", () -> Check.matrixSize("M", 2, 2, "d", 0));
    }

    /** A store in native memory or a file is limited by its int M and d, not by a Java array. */
    @Test
    void storeShapesBeyondAJavaArrayAreCountedInLongs() {
        assertEquals(2_352_000_000L, Check.matrixElements("M", 3_000_000, 1, "d", 784));
        assertEquals((long) Integer.MAX_VALUE * Integer.MAX_VALUE,
                Check.matrixElements("M", Integer.MAX_VALUE, 1, "d", Integer.MAX_VALUE));
        rejects("M must be >= 1, got 0", () -> Check.matrixElements("M", 0, 1, "d", 784));
        rejects("d must be >= 1, got 0", () -> Check.matrixElements("M", 3, 1, "d", 0));
        rejects("M * d = 3000000 * 784 = 2352000000 exceeds the largest Java array (2147483639)",
                () -> Check.matrixSize("M", 3_000_000, 1, "d", 784));
        assertEquals(MAX, Check.arrayLength("n", MAX));
        rejects("n = 2147483640 exceeds the largest Java array (2147483639)", () -> Check.arrayLength("n", MAX + 1L));
    }

    @Test
    void countsAtTheirEdges() {
        assertEquals(0, Check.nonNegative("steps", 0));
        rejects("steps must be >= 0, got -1", () -> Check.nonNegative("steps", -1));
        assertEquals(1, Check.positive("threads", 1));
        assertEquals(1L, Check.positive("D", 1L));
        rejects("threads must be >= 1, got 0", () -> Check.positive("threads", 0));
        assertEquals(MAX - 1, Check.epochs("epochs", MAX - 1));
        assertEquals(0, Check.epochs("epochs", 0));
        rejects("epochs must be <= 2147483638 (the loss history holds N + 1 values in one array), got 2147483639",
                () -> Check.epochs("epochs", MAX));
        rejects("epochs must be >= 0, got -1", () -> Check.epochs("epochs", -1));
        Check.length("q", 3, 3, "d");
        rejects("q has length 3, expected 4 (d)", () -> Check.length("q", 3, 4, "d"));
    }

    @Test
    void realParametersAtTheirEdges() {
        assertEquals(Double.MIN_VALUE, Check.beta(Double.MIN_VALUE));
        assertEquals(Double.MAX_VALUE, Check.positiveFinite("lr", Double.MAX_VALUE));
        rejects("beta must be finite and > 0, got 0.0", () -> Check.beta(0));
        rejects("lr must be finite and > 0, got Infinity", () -> Check.positiveFinite("lr", Double.POSITIVE_INFINITY));
        rejects("lr must be finite and > 0, got NaN", () -> Check.positiveFinite("lr", Double.NaN));
        assertEquals(Math.nextUp(1.0), Check.alpha(Math.nextUp(1.0), "alpha"));
        rejects("alpha must be finite and > 1 (use softmax for alpha = 1), got 1.0", () -> Check.alpha(1, "alpha"));
        rejects("alpha must be finite and > 1 (use softmax for alpha = 1), got Infinity",
                () -> Check.alpha(Double.POSITIVE_INFINITY, "alpha"));
        assertEquals(0.0, Check.tolerance("eps", 0));
        assertEquals(Double.MAX_VALUE, Check.nonNegativeFinite("sigma", Double.MAX_VALUE));
        rejects("eps must be finite and >= 0, got -4.9E-324", () -> Check.tolerance("eps", -Double.MIN_VALUE));
        rejects("eps must be finite and >= 0, got Infinity", () -> Check.tolerance("eps", Double.POSITIVE_INFINITY));
        assertEquals(0.0, Check.halfOpenUnit("p", 0));
        assertEquals(Math.nextDown(1.0), Check.halfOpenUnit("p", Math.nextDown(1.0)));
        rejects("p must be in [0, 1), got 1.0", () -> Check.halfOpenUnit("p", 1));
        rejects("p must be in [0, 1), got -4.9E-324", () -> Check.halfOpenUnit("p", -Double.MIN_VALUE));
    }

    @Test
    void scoresNameTheFirstBadIndexAndAllowMaskedEntries() {
        double[] z = {1, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY};
        float[] f = {1, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN};
        String nan = "z[2] = NaN: scores must be finite, or -Infinity for a masked entry";
        String inf = "z[2] = Infinity: scores must be finite, or -Infinity for a masked entry";
        rejects(nan, () -> Check.scores("z", z, 1));
        rejects(inf, () -> Check.scores("z", f, 1));
        rejects(nan, () -> Check.scores("z", direct(z), 4, 1));
        rejects(inf, () -> Check.scores("z", direct(f), 4, 1));
        // -Infinity is a masked entry: it neither fails nor counts towards the overflow bound
        double[] masked = {Double.NEGATIVE_INFINITY, 2};
        Check.scores("z", masked, Double.MAX_VALUE / 2);
        Check.scores("z", direct(masked), 2, Double.MAX_VALUE / 2);
        Check.scores("z", new float[] {Float.NEGATIVE_INFINITY, 2}, Double.MAX_VALUE / 2);
        Check.scores("z", direct(new float[] {Float.NEGATIVE_INFINITY, 2}), 2, Double.MAX_VALUE / 2);
    }

    @Test
    void scoresRejectBetaTimesTheLargestMagnitudeOverflowing() {
        String msg = "beta * z overflows: beta = 1.7976931348623157E308, max |z| = 3.0";
        double[] z = {1, -3, 2};
        rejects(msg, () -> Check.scores("z", z, Double.MAX_VALUE));
        rejects(msg, () -> Check.scores("z", new float[] {1, -3, 2}, Double.MAX_VALUE));
        rejects(msg, () -> Check.scores("z", direct(z), 3, Double.MAX_VALUE));
        rejects(msg, () -> Check.scores("z", direct(new float[] {1, -3, 2}), 3, Double.MAX_VALUE));
        Check.scores("z", z, Double.MAX_VALUE / 4);   // 3 * (MAX / 4) is still finite
    }

    @Test
    void finiteChecksNameTheFirstBadIndex() {
        String msg = "g[1] = NaN: expected a finite value";
        rejects(msg, () -> Check.finite("g", new double[] {0, Double.NaN, Double.NEGATIVE_INFINITY}));
        rejects(msg, () -> Check.finite("g", new float[] {0, Float.NaN, Float.NEGATIVE_INFINITY}));
        rejects(msg, () -> Check.finite("g", direct(new double[] {0, Double.NaN, Double.NEGATIVE_INFINITY}), 3));
        rejects(msg, () -> Check.finite("g", direct(new float[] {0, Float.NaN, Float.NEGATIVE_INFINITY}), 3));
        Check.finite("g", direct(new double[] {0, 1, Double.NaN}), 2);   // only size elements are read
        Check.finite("g", direct(new float[] {0, 1, Float.NaN}), 2);
    }

    @Test
    void matrixChecksNameRowAndColumnCountingFromTheChunkBase() {
        double[] a = {1, 2, 3, 4, 5, Double.NaN};
        rejects("x has NaN at (row 1, column 2): expected finite values", () -> Check.finiteMatrix("x", a, 3));
        rejects("x has Infinity at (row 1, column 0): expected finite values",
                () -> Check.finiteMatrix("x", new float[] {1, 2, 3, Float.POSITIVE_INFINITY}, 3));
        // a chunk [2, 4) of a matrix whose element a[2] sits at flat index 7 (row 2, column 1 of 3 columns)
        double[] chunk = {Double.NaN, Double.NaN, 0, Double.NaN};
        rejects("x has NaN at (row 2, column 2): expected finite values", () -> Check.finiteMatrix("x", chunk, 2, 4, 7, 3));
        float[] chunkF = {Float.NaN, Float.NaN, 0, Float.NaN};
        rejects("x has NaN at (row 2, column 2): expected finite values", () -> Check.finiteMatrix("x", chunkF, 2, 4, 7, 3));
        Check.finiteMatrix("x", chunk, 2, 3, 7, 3);
        Check.finiteMatrix("x", chunkF, 2, 3, 7, 3);
    }

    @Test
    void buffersMustBeDirectNativeOrderedOfTheRightSizeAndWritable() {
        FloatBuffer ok = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Check.buffer("z", ok, 3, true);
        Check.buffer("z", ok.asReadOnlyBuffer(), 3, false);
        Check.buffer("b", ByteBuffer.allocateDirect(5).order(opposite()), 5, false);   // bytes have no element order
        rejects("z is read-only but the result is written into it", () -> Check.buffer("z", ok.asReadOnlyBuffer(), 3, true));
        rejects("z has 3 elements remaining, expected 4", () -> Check.buffer("z", ok, 4, false));
        rejects("z must be a direct buffer (use the array overload for heap data)",
                () -> Check.buffer("z", FloatBuffer.allocate(3), 3, false));
        String order = "z has byte order " + opposite() + ", expected the native order " + ByteOrder.nativeOrder()
                + " (use ByteBuffer.order(ByteOrder.nativeOrder()))";
        rejects(order, () -> Check.buffer("z", ByteBuffer.allocateDirect(12).order(opposite()).asFloatBuffer(), 3, false));
        rejects(order, () -> Check.buffer("z", ByteBuffer.allocateDirect(24).order(opposite()).asDoubleBuffer(), 3, false));
        rejects(order, () -> Check.buffer("z", ByteBuffer.allocateDirect(12).order(opposite()).asIntBuffer(), 3, false));
        IntBuffer ints = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder()).asIntBuffer();
        Check.buffer("z", ints, 3, true);
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Check.buffer("z", null, 3, false));
        assertEquals("z must not be null", npe.getMessage());
        Object o = new Object();
        assertSame(o, Check.notNull(o, "o"));
    }

    private static ByteOrder opposite() {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static DoubleBuffer direct(double[] v) {
        DoubleBuffer b = ByteBuffer.allocateDirect(8 * v.length).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        b.put(v).flip();
        return b;
    }

    private static FloatBuffer direct(float[] v) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * v.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(v).flip();
        return b;
    }
}
