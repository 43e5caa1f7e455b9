package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.hopfield4j.internal.NativeCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad argument raises the documented exception, with a message that says what is wrong, and
 * never reaches native code: {@link NativeCalls#count()} is the same before and after the call.
 */
class SeparationValidationTest {
    private static final Separation SPARSEMAX = Separation.sparsemax();
    private static final ByteOrder FOREIGN =
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

    /** One bad call: what it is, the exception it must raise, a substring of the message, and the call. */
    record Bad(String name, Class<? extends Throwable> type, String message, Executable call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static FloatBuffer directFloats(int size) {
        return ByteBuffer.allocateDirect(4 * size).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static DoubleBuffer directDoubles(int size) {
        return ByteBuffer.allocateDirect(8 * size).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<NullPointerException> NPE = NullPointerException.class;

    static Stream<Bad> badCalls() {
        float[] z6 = {1, 2, 3, 4, 5, 6};
        double[] d6 = {1, 2, 3, 4, 5, 6};
        float[] p6 = {0.5f, 0.5f, 0, 0, 1, 0};
        float[] g6 = {1, 2, 3, 4, 5, 6};
        return Stream.of(
                new Bad("null z", NPE, "z must not be null", () -> SPARSEMAX.apply((float[]) null, 2, 3)),
                new Bad("null z, full overload", NPE, "z must not be null",
                        () -> SPARSEMAX.apply((double[]) null, null, new double[6], null, 2, 3, 1)),
                new Bad("null out", NPE, "out must not be null",
                        () -> SPARSEMAX.apply(z6, null, (float[]) null, null, 2, 3, 1)),
                new Bad("wrong z length", IAE, "z has length 6, expected 8",
                        () -> SPARSEMAX.apply(z6, null, new float[8], null, 2, 4, 1)),
                new Bad("wrong out length", IAE, "out has length 5, expected 6",
                        () -> SPARSEMAX.apply(z6, null, new float[5], null, 2, 3, 1)),
                new Bad("wrong mask length", IAE, "mask has length 5, expected 6",
                        () -> SPARSEMAX.apply(d6, new boolean[5], new double[6], null, 2, 3, 1)),
                new Bad("wrong support length", IAE, "support has length 3, expected 2",
                        () -> SPARSEMAX.apply(z6, null, new float[6], new int[3], 2, 3, 1)),
                new Bad("rows < 0", IAE, "rows must be >= 0, got -1", () -> SPARSEMAX.apply(z6, -1, 3)),
                new Bad("n < 1", IAE, "row length n must be >= 1, got 0", () -> SPARSEMAX.apply(new float[0], 0, 0)),
                new Bad("rows * n overflows int", IAE, "exceeds the largest Java array",
                        () -> SPARSEMAX.apply(z6, 1 << 16, 1 << 16)),
                new Bad("NaN score", IAE, "z[4] = NaN",
                        () -> SPARSEMAX.apply(new float[] {1, 2, 3, 4, Float.NaN, 6}, 2, 3)),
                new Bad("NaN score, f64", IAE, "z[0] = NaN",
                        () -> Separation.softmax().apply(new double[] {Double.NaN, 1}, 1, 2)),
                new Bad("+inf score", IAE, "z[2] = Infinity",
                        () -> Separation.entmax15().apply(new double[] {1, 2, Double.POSITIVE_INFINITY, 4, 5, 6}, 3, 2)),
                new Bad("beta 0", IAE, "beta must be finite and > 0, got 0.0", () -> SPARSEMAX.apply(z6, 2, 3, 0)),
                new Bad("beta negative", IAE, "beta must be finite and > 0, got -1.5", () -> SPARSEMAX.apply(d6, 2, 3, -1.5)),
                new Bad("beta NaN", IAE, "beta must be finite and > 0, got NaN", () -> SPARSEMAX.apply(z6, 2, 3, Double.NaN)),
                new Bad("beta infinite", IAE, "beta must be finite and > 0, got Infinity",
                        () -> SPARSEMAX.apply(z6, 2, 3, Double.POSITIVE_INFINITY)),
                new Bad("alpha 1", IAE, "alpha must be finite and > 1 (use softmax for alpha = 1), got 1.0",
                        () -> Separation.entmax(1)),
                new Bad("alpha 0.5", IAE, "alpha must be finite and > 1", () -> Separation.entmax(0.5)),
                new Bad("alpha NaN", IAE, "got NaN", () -> Separation.entmax(Double.NaN)),
                new Bad("alpha infinite", IAE, "got Infinity", () -> Separation.entmax(Double.POSITIVE_INFINITY)),
                new Bad("named entmax with a bad alpha", IAE, "alpha must be finite and > 1",
                        () -> Separation.named("entmax", 0.9)),
                new Bad("unknown map name", IAE, "unknown separation map 'hardmax'", () -> Separation.named("hardmax", 2)),
                new Bad("per-row alpha invalid", IAE, "alphas[1] must be finite and > 1",
                        () -> Separation.entmaxPerRow(1.5, 1.0)),
                new Bad("per-row alphas empty", IAE, "one alpha per row", () -> Separation.entmaxPerRow()),
                new Bad("per-row alpha count mismatch", IAE, "3 per-row alphas but the batch has 2 rows",
                        () -> Separation.entmaxPerRow(1.5, 2, 3).apply(z6, 2, 3)),
                new Bad("per-row alpha count mismatch, backward", IAE, "3 per-row alphas but the batch has 2 rows",
                        () -> Separation.entmaxPerRow(1.5, 2, 3).backward(p6, g6, 2, 3)),
                new Bad("per-row alpha count mismatch, buffers", IAE, "3 per-row alphas but the batch has 2 rows",
                        () -> Separation.entmaxPerRow(1.5, 2, 3).apply(directFloats(6), null, directFloats(6), null, 2, 3, 1)),
                new Bad("heap buffer", IAE, "z must be a direct buffer",
                        () -> SPARSEMAX.apply(FloatBuffer.allocate(6), null, directFloats(6), null, 2, 3, 1)),
                new Bad("wrong byte order", IAE, "out has byte order",
                        () -> SPARSEMAX.apply(directDoubles(6), null,
                                ByteBuffer.allocateDirect(48).order(FOREIGN).asDoubleBuffer(), null, 2, 3, 1)),
                new Bad("read-only out buffer", IAE, "out is read-only",
                        () -> SPARSEMAX.apply(directFloats(6), null, directFloats(6).asReadOnlyBuffer(), null, 2, 3, 1)),
                new Bad("read-only support buffer", IAE, "support is read-only",
                        () -> SPARSEMAX.apply(directFloats(6), null, directFloats(6), ByteBuffer.allocateDirect(8)
                                .order(ByteOrder.nativeOrder()).asIntBuffer().asReadOnlyBuffer(), 2, 3, 1)),
                new Bad("buffer remaining wrong", IAE, "z has 5 elements remaining, expected 6",
                        () -> SPARSEMAX.apply(directFloats(6).position(1), null, directFloats(6), null, 2, 3, 1)),
                new Bad("mask buffer too short", IAE, "mask has 4 elements remaining, expected 6",
                        () -> SPARSEMAX.apply(directDoubles(6), ByteBuffer.allocateDirect(4), directDoubles(6), null, 2, 3, 1)),
                new Bad("null buffer", NPE, "z must not be null",
                        () -> SPARSEMAX.apply((FloatBuffer) null, null, directFloats(6), null, 2, 3, 1)),
                new Bad("NaN in a buffer, index from the position", IAE, "z[1] = NaN",
                        () -> SPARSEMAX.apply(directFloats(7).put(2, Float.NaN).position(1), null, directFloats(6),
                                (IntBuffer) null, 2, 3, 1)),
                new Bad("backward with negative p", IAE, "p[1] = -0.5",
                        () -> SPARSEMAX.backward(new double[] {1.5, -0.5}, new double[] {1, 1}, 1, 2)),
                new Bad("backward with NaN p", IAE, "p[0] = NaN",
                        () -> SPARSEMAX.backward(new float[] {Float.NaN, 1}, new float[] {1, 1}, 1, 2)),
                new Bad("backward with NaN g", IAE, "g[3] = NaN",
                        () -> Separation.softmax().backward(p6, new float[] {1, 2, 3, Float.NaN, 5, 6}, 2, 3)),
                new Bad("backward with infinite g", IAE, "g[0] = -Infinity",
                        () -> Separation.entmax(3).backward(new double[] {1, 0}, new double[] {Double.NEGATIVE_INFINITY, 0}, 1, 2)),
                new Bad("backward null g", NPE, "g must not be null", () -> SPARSEMAX.backward(p6, null, 2, 3)),
                new Bad("backward null dz", NPE, "dz must not be null",
                        () -> SPARSEMAX.backward(p6, g6, null, 2, 3, 1)),
                new Bad("backward wrong g length", IAE, "g has length 6, expected 4",
                        () -> SPARSEMAX.backward(new float[4], g6, 2, 2)),
                new Bad("backward beta 0", IAE, "beta must be finite and > 0",
                        () -> SPARSEMAX.backward(p6, g6, new float[6], 2, 3, 0)),
                new Bad("beta * z overflows", IAE, "beta * z overflows",
                        () -> SPARSEMAX.apply(new double[] {1e300, 1}, 1, 2, 1e10)),
                new Bad("beta * z overflows, buffer", IAE, "beta * z overflows",
                        () -> SPARSEMAX.apply(directDoubles(2).put(0, -1e300), null, directDoubles(2), null, 1, 2, 1e300)));
    }

    @BeforeAll
    static void loadNative() {
        NativeCalls.count();   // class loading alone must not count as a call
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void rejectedBeforeNativeCode(Bad bad) {
        Throwable t = Rejections.assertRejectedBeforeNative(bad.type(), bad.message(), bad.call(), bad.name());
        assertEquals(bad.type(), t.getClass(), bad.name() + ": exact exception type");
    }

    @Test
    void atLeastTwentyDistinctBadInputs() {
        List<Bad> all = badCalls().toList();
        assertTrue(all.size() >= 20);
        assertEquals(all.size(), all.stream().map(Bad::name).distinct().count());
    }

    /** The control: a valid call does reach native code, exactly once, so the counter can tell. */
    @Test
    void aValidCallIsCounted() {
        long before = NativeCalls.count();
        SPARSEMAX.apply(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(before + 1, NativeCalls.count());
        SPARSEMAX.backward(new double[] {1, 0}, new double[] {1, 2}, 1, 2);
        assertEquals(before + 2, NativeCalls.count());
    }

    /** A rejected call leaves the output untouched. */
    @Test
    void outputUntouchedOnRejection() {
        double[] out = {7, 7, 7, 7};
        assertThrows(IAE, () -> SPARSEMAX.apply(new double[] {1, Double.NaN, 0, 0}, null, out, null, 2, 2, 1));
        assertEquals(List.of(7.0, 7.0, 7.0, 7.0), java.util.Arrays.stream(out).boxed().toList());
    }
}
