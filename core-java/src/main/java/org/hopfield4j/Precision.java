package org.hopfield4j;

/**
 * The floating-point precision of a {@link MemoryStore} and of everything computed with it: queries,
 * retrieved states and association weights come in the same precision as the store.
 */
public enum Precision {
    /** IEEE 754 single precision ({@code float}), the working precision. */
    FLOAT32(Float.BYTES, "float32"),
    /** IEEE 754 double precision ({@code double}), for tests and for users who ask for it. */
    FLOAT64(Double.BYTES, "float64");

    private final int bytes;
    private final String label;

    Precision(int bytes, String label) {
        this.bytes = bytes;
        this.label = label;
    }

    /** Bytes per element: 4 or 8. */
    public int bytes() {
        return bytes;
    }

    /**
     * The largest magnitude validation lets an intermediate (a score, a feature, an accumulated sum)
     * reach: the largest finite value / 1024, headroom for the few additions and scalings after it.
     * Public so that every package's validation (the layers' too) bounds against the same limit.
     */
    public double overflowLimit() {
        return (this == FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE) / 1024;
    }

    /** The numpy-style name: {@code float32} or {@code float64}. */
    @Override
    public String toString() {
        return label;
    }
}
