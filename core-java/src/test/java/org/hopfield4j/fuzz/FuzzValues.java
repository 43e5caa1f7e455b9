package org.hopfield4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.reference.ReferenceSeparation;

/**
 * Adversarial numbers for the kernel fuzz tests. A raw {@code consumeDouble()} is almost always huge
 * or tiny, so ordinary values would hardly ever reach the kernels; here each value is, by the fuzzer's
 * choice, a special value (NaN, ±∞, ±0, the extremes and subnormals), an ordinary value, or raw bits.
 */
public final class FuzzValues {

    private static final double[] SPECIAL = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1.0, -1.0, 1 + Math.ulp(1.0), 1e30, -1e30, 1e-30,
    };

    private FuzzValues() {
    }

    /** Any double, from one of the three kinds. */
    public static double anyDouble(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> data.pickValue(SPECIAL);
            case 1 -> data.consumeRegularDouble(-100, 100);
            default -> data.consumeDouble();
        };
    }

    /** Any float (as a double holding a float value), from one of the three kinds. */
    public static double anyFloat(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> (float) data.pickValue(SPECIAL);
            case 1 -> (float) data.consumeRegularDouble(-100, 100);
            default -> data.consumeFloat();
        };
    }

    /** {@code count} values; float-representable ones when {@code float32}. */
    public static double[] values(FuzzedDataProvider data, int count, boolean float32) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = float32 ? anyFloat(data) : anyDouble(data);
        }
        return values;
    }

    /**
     * A store of {@code M × d} fuzzed patterns in the fuzzed precision, or null when the store rejects
     * them: a rejection with IllegalArgumentException is the expected answer to bad input, not a failure.
     */
    public static MemoryStore storeOrNull(double[] patterns, int M, int d, boolean float32) {
        try {
            return float32 ? MemoryStore.ofFloat(ReferenceSeparation.toFloat(patterns), M, d)
                    : MemoryStore.ofDouble(patterns, M, d);
        } catch (IllegalArgumentException rejected) {
            return null;
        }
    }
}
