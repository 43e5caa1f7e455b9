package org.hopfield4j.io;

import java.nio.ByteBuffer;
import java.util.function.ToDoubleFunction;

/**
 * The element type of a {@code .npy} file as read, and how it becomes a floating-point array
 * (docs/formats.md#npy-dtypes).
 *
 * <p>hopfield4j computes in float32 or float64, but numpy's natural types for images and labels are
 * integers ({@code np.save("x.npy", images)} writes {@code uint8}), so every type whose values a float
 * holds is read and converted on the way in: types of at most 16 bits (and float16) become
 * {@link NpyDtype#FLOAT32}, exactly; 32-bit integers become {@link NpyDtype#FLOAT64}, exactly; 64-bit
 * integers become {@link NpyDtype#FLOAT64}, exact up to 2^53 in magnitude and rounded to nearest beyond. Booleans
 * are 0 and 1 (any non-zero byte is true, as numpy reads it). Values are not rescaled: a {@code uint8}
 * image stays in [0, 255]. Complex, object, string, structured and datetime types are rejected.
 */
enum NpyElementType {
    FLOAT32("float32", 'f', 4, NpyDtype.FLOAT32, null),
    FLOAT64("float64", 'f', 8, NpyDtype.FLOAT64, null),
    FLOAT16("float16", 'f', 2, NpyDtype.FLOAT32, b -> halfToFloat(b.getShort())),
    INT8("int8", 'i', 1, NpyDtype.FLOAT32, ByteBuffer::get),
    INT16("int16", 'i', 2, NpyDtype.FLOAT32, ByteBuffer::getShort),
    INT32("int32", 'i', 4, NpyDtype.FLOAT64, ByteBuffer::getInt),
    INT64("int64", 'i', 8, NpyDtype.FLOAT64, b -> (double) b.getLong()), // rounds to nearest beyond 2^53
    UINT8("uint8", 'u', 1, NpyDtype.FLOAT32, b -> b.get() & 0xff),
    UINT16("uint16", 'u', 2, NpyDtype.FLOAT32, b -> b.getShort() & 0xffff),
    UINT32("uint32", 'u', 4, NpyDtype.FLOAT64, b -> b.getInt() & 0xffffffffL),
    UINT64("uint64", 'u', 8, NpyDtype.FLOAT64, b -> unsignedToDouble(b.getLong())),
    BOOL("bool", 'b', 1, NpyDtype.FLOAT32, b -> b.get() != 0 ? 1 : 0);

    /** For messages: every descriptor that is read. */
    static final String SUPPORTED = "supported: float32 (<f4), float64 (<f8), float16 (<f2), int8 (|i1), int16 (<i2),"
            + " int32 (<i4), int64 (<i8), uint8 (|u1), uint16 (<u2), uint32 (<u4), uint64 (<u8), bool (|b1);"
            + " little- or big-endian (< or >, | for one byte)";

    private final String numpyName;
    private final char kind;
    private final int byteSize;
    private final NpyDtype readAs;
    private final ToDoubleFunction<ByteBuffer> element; // reads one element; null: bulk-copied as it is

    NpyElementType(String numpyName, char kind, int byteSize, NpyDtype readAs, ToDoubleFunction<ByteBuffer> element) {
        this.numpyName = numpyName;
        this.kind = kind;
        this.byteSize = byteSize;
        this.readAs = readAs;
        this.element = element;
    }

    String numpyName() {
        return numpyName;
    }

    int byteSize() {
        return byteSize;
    }

    /** The precision of the array this type is read into. */
    NpyDtype readAs() {
        return readAs;
    }

    /**
     * The type of a numpy descriptor such as {@code <f4}, {@code |u1} or {@code >i8}, or null if it is not
     * one of these types with a valid byte-order character ({@code <}, {@code >}, or {@code |} for
     * one-byte types, the only forms numpy writes).
     */
    static NpyElementType ofDescr(String descr) {
        if (descr.length() != 3) {
            return null;
        }
        char order = descr.charAt(0);
        for (NpyElementType t : values()) {
            if (descr.charAt(1) == t.kind && descr.charAt(2) == (char) ('0' + t.byteSize)) {
                boolean orderValid = order == '<' || order == '>' || (order == '|' && t.byteSize == 1);
                return orderValid ? t : null;
            }
        }
        return null;
    }

    /**
     * Decodes {@code n} elements at {@code src}'s position (advancing it) into {@code dst[off..]}; only for
     * the types {@link #readAs() read as} float32. Every such value is exact in a float.
     */
    void decode(ByteBuffer src, int n, float[] dst, int off) {
        if (element == null) {
            src.asFloatBuffer().get(dst, off, n);
            src.position(src.position() + n * Float.BYTES);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) element.applyAsDouble(src);
        }
    }

    /** As {@link #decode(ByteBuffer, int, float[], int)}, for the types read as float64. */
    void decode(ByteBuffer src, int n, double[] dst, int off) {
        if (element == null) {
            src.asDoubleBuffer().get(dst, off, n);
            src.position(src.position() + n * Double.BYTES);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[off + i] = element.applyAsDouble(src);
        }
    }

    /** The unsigned 64-bit value of {@code bits}, rounded to nearest like a signed conversion. */
    static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // halve (keeping the lowest bit as a sticky bit so the rounding stays correct), convert, double
        return ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    /** IEEE 754 binary16 to binary32, exactly (every half value, subnormals, ±∞ and NaN included). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN (the payload is kept)
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24, exact in float
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
