package org.hopfield4j;

import org.hopfield4j.nativelib.HopfieldNative;

/**
 * How a {@link MemoryStore} holds its patterns (docs/formats.md#half-stores). float32 and float64 stores
 * compute in their own precision; float16 and bfloat16 stores hold the patterns in 16 bits (half the
 * memory and bandwidth of float32) and compute in float32: queries, states and weights are float32, and
 * retrieval widens a tile of patterns to float32 in cache, so a half store retrieves exactly as a
 * float32 store of its (rounded) values does.
 */
public enum StoragePrecision {
    /** IEEE 754 single precision, the working precision. */
    FLOAT32("float32", Float.BYTES, Precision.FLOAT32, 0, Float.MAX_VALUE),
    /** IEEE 754 double precision. */
    FLOAT64("float64", Double.BYTES, Precision.FLOAT64, 0, Double.MAX_VALUE),
    /** IEEE 754 half precision: 10 fraction bits (about 3 decimal digits), largest finite value 65504. */
    FLOAT16("float16", 2, Precision.FLOAT32, HopfieldNative.HALF_FLOAT16, 65504.0),
    /** bfloat16: float32's exponent range with 7 fraction bits (about 2 decimal digits). */
    BFLOAT16("bfloat16", 2, Precision.FLOAT32, HopfieldNative.HALF_BFLOAT16, Float.intBitsToFloat(0x7F7F0000));

    private final String label;
    private final int bytes;
    private final Precision computes;
    private final int nativeCode;
    private final double largestFinite;

    StoragePrecision(String label, int bytes, Precision computes, int nativeCode, double largestFinite) {
        this.label = label;
        this.bytes = bytes;
        this.computes = computes;
        this.nativeCode = nativeCode;
        this.largestFinite = largestFinite;
    }

    /** Bytes per stored element: 2, 4 or 8. */
    public int bytes() {
        return bytes;
    }

    /** The precision retrieval computes in, and of queries, states and weights: float32 for the 16-bit formats. */
    public Precision computePrecision() {
        return computes;
    }

    /** Whether the patterns are held in 16 bits (float16 or bfloat16). */
    public boolean isHalf() {
        return bytes == 2;
    }

    /** The largest finite value of the format. */
    public double largestFinite() {
        return largestFinite;
    }

    /**
     * The smallest float32 magnitude that does not fit the format: it would round to infinity (the
     * largest finite value plus half its spacing, a tie that rounds to the even infinity).
     */
    float overflowThreshold() {
        return switch (this) {
            case FLOAT16 -> 65520.0f;
            case BFLOAT16 -> Float.intBitsToFloat(0x7F7F8000);
            default -> Float.POSITIVE_INFINITY;
        };
    }

    /**
     * The precision called {@code name}: {@code float32}, {@code float64}, {@code float16} or {@code bfloat16}
     * (the command line's {@code --store-precision}).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static StoragePrecision named(String name) {
        for (StoragePrecision p : values()) {
            if (p.label.equals(name)) return p;
        }
        throw new IllegalArgumentException("unknown storage precision '" + name
                + "'; expected float32, float64, float16 or bfloat16");
    }

    /** The RetrievalCall.storage code (hopfield4j_half.h): 0 for float32/float64. */
    int nativeCode() {
        return nativeCode;
    }

    /** The storage precision of a store computing in {@code p} with full-width patterns. */
    static StoragePrecision of(Precision p) {
        return p == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
    }

    /** The name: {@code float32}, {@code float64}, {@code float16} or {@code bfloat16}. */
    @Override
    public String toString() {
        return label;
    }
}
