package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hopfield4j.reference.ReferenceHalfRounding;
import org.hopfield4j.reference.ReferenceHalfRounding.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rounding of float32 stores to float16 / bfloat16 ({@link MemoryStore#toStoragePrecision}) against
 * the plain-Java reference {@link ReferenceHalfRounding}: every value of the format, every midpoint
 * between neighbours (ties to even) and the floats either side of it, subnormals, the largest finite
 * value, and random floats; values that would round to infinity are rejected with their row, column,
 * value and the limit; the norms the score bounds use are those of the rounded values.
 */
class HalfStoreRoundingTest {
    private static Format reference(StoragePrecision p) {
        return p == StoragePrecision.FLOAT16 ? Format.FLOAT16 : Format.BFLOAT16;
    }

    /** Probes of the rounding of {@code f} that fit: values, midpoints and their neighbours, random floats. */
    private static float[] probes(StoragePrecision p, Random rnd) {
        List<Float> v = new ArrayList<>();
        float limit = p.overflowThreshold();
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = p == StoragePrecision.BFLOAT16 ? Float.intBitsToFloat(bits << 16) : halfValue(bits);
            if (!Float.isFinite(value) || !(Math.abs(value) < limit)) continue;
            v.add(value);
            float next = p == StoragePrecision.BFLOAT16 ? Float.intBitsToFloat((bits + 1) << 16) : halfValue(bits + 1);
            if (Float.isFinite(next) && (bits & 0x7fff) != 0x7fff) {
                float mid = (float) (((double) value + next) / 2);
                v.add(mid);
                v.add(Math.nextDown(mid));
                v.add(Math.nextUp(mid));
            }
        }
        for (float x : new float[] {Float.MIN_VALUE, 0x1p-25f, 0x1.8p-25f, 0x1p-24f, 0x1p-14f, Math.nextDown(limit),
                -Math.nextDown(limit), 0f, -0f}) v.add(x);
        for (int i = 0; i < 20000; i++) {
            float x = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isFinite(x) && Math.abs(x) < limit) v.add(x);
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    /** The value of float16 encoding {@code bits} by the binary16 definition (for building probes only). */
    private static float halfValue(int bits) {
        int e = (bits >> 10) & 31, m = bits & 1023;
        double sign = (bits & 0x8000) != 0 ? -1 : 1;
        if (e == 31) return m == 0 ? (float) (sign * Double.POSITIVE_INFINITY) : Float.NaN;
        return (float) (e == 0 ? sign * Math.scalb(m / 1024.0, -14) : sign * Math.scalb(1 + m / 1024.0, e - 15));
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT16", "BFLOAT16"})
    void roundsToNearestEvenAsTheReference(StoragePrecision p) {
        float[] x = probes(p, new Random(5));
        int d = 7, M = x.length / d;  // rows of 7: columns other than the first, a row count that is not a power of two
        float[] data = java.util.Arrays.copyOf(x, M * d);
        try (MemoryStore half = MemoryStore.ofFloat(data, M, d, p)) {
            assertEquals(p, half.storagePrecision());
            assertEquals(Precision.FLOAT32, half.precision());
            float[] got = half.toFloatArray();
            double maxL2 = 0, maxL1 = 0;
            for (int i = 0; i < data.length; i++) {
                float in = data[i];
                float want = (float) ReferenceHalfRounding.round(reference(p), in);
                if (Float.floatToIntBits(want) != Float.floatToIntBits(got[i])) {
                    throw new AssertionError(p + " of " + in + " (0x" + Integer.toHexString(Float.floatToIntBits(in))
                            + "): got " + got[i] + ", the reference rounds to " + want);
                }
            }
            for (int r = 0; r < M; r++) {
                double l2 = 0, l1 = 0;
                for (int c = 0; c < d; c++) {
                    double v = ReferenceHalfRounding.round(reference(p), data[r * d + c]);
                    l2 += v * v;
                    l1 += Math.abs(v);
                }
                maxL2 = Math.max(maxL2, Math.sqrt(l2));
                maxL1 = Math.max(maxL1, l1);
            }
            assertEquals(maxL2, half.maxNorm(), 1e-12 * maxL2, "largest norm of the rounded patterns");
            assertEquals(maxL1, half.maxL1Norm(), 1e-12 * maxL1, "largest L1 norm of the rounded patterns");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT16", "BFLOAT16"})
    void valuesThatWouldBecomeInfiniteAreRejectedWithTheirPlace(StoragePrecision p) {
        float limit = p.overflowThreshold();
        assertTrue(Double.isNaN(ReferenceHalfRounding.round(reference(p), limit)), "the reference agrees on the limit");
        assertEquals(reference(p).largest(), ReferenceHalfRounding.round(reference(p), Math.nextDown(limit)));
        assertEquals(reference(p).largest(), p.largestFinite());
        for (float bad : new float[] {limit, -limit, Math.nextUp(limit), Float.MAX_VALUE}) {
            float[] data = {1, 2, 3, 4, 5, bad};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MemoryStore.ofFloat(data, 2, 3, p).close());
            String m = e.getMessage();
            assertTrue(m.contains("pattern 1, column 2") && m.contains(String.valueOf(bad)) && m.contains(String.valueOf(limit))
                    && m.contains(p.toString()), m);
        }
    }
}
