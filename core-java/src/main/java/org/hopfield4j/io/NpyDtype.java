package org.hopfield4j.io;

/**
 * The element types that {@link Npy} reads and writes.
 *
 * <p>Only floating-point arrays are supported because patterns, queries and weights in hopfield4j are
 * real-valued; integer, boolean and complex {@code .npy} files are rejected with an
 * {@link NpyFormatException} rather than silently converted.
 */
public enum NpyDtype {
    /** IEEE 754 single precision; numpy {@code float32}, written as {@code '<f4'}. */
    FLOAT32(4, "float32", "<f4"),
    /** IEEE 754 double precision; numpy {@code float64}, written as {@code '<f8'}. */
    FLOAT64(8, "float64", "<f8");

    private final int byteSize;
    private final String numpyName;
    private final String descr;

    NpyDtype(int byteSize, String numpyName, String descr) {
        this.byteSize = byteSize;
        this.numpyName = numpyName;
        this.descr = descr;
    }

    /** Bytes per element: 4 for {@link #FLOAT32}, 8 for {@link #FLOAT64}. */
    public int byteSize() {
        return byteSize;
    }

    /** The numpy name of this type, e.g. {@code "float32"}. */
    public String numpyName() {
        return numpyName;
    }

    /** The little-endian numpy type descriptor written to headers, e.g. {@code "<f4"}. */
    public String descr() {
        return descr;
    }
}
