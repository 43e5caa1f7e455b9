package org.hopfield4j.io;

import java.nio.ByteBuffer;

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
    FLOAT32("float32", 'f', 4, NpyDtype.FLOAT32),
    FLOAT64("float64", 'f', 8, NpyDtype.FLOAT64),
    FLOAT16("float16", 'f', 2, NpyDtype.FLOAT32),
    INT8("int8", 'i', 1, NpyDtype.FLOAT32),
    INT16("int16", 'i', 2, NpyDtype.FLOAT32),
    INT32("int32", 'i', 4, NpyDtype.FLOAT64),
    INT64("int64", 'i', 8, NpyDtype.FLOAT64),
    UINT8("uint8", 'u', 1, NpyDtype.FLOAT32),
    UINT16("uint16", 'u', 2, NpyDtype.FLOAT32),
    UINT32("uint32", 'u', 4, NpyDtype.FLOAT64),
    UINT64("uint64", 'u', 8, NpyDtype.FLOAT64),
    BOOL("bool", 'b', 1, NpyDtype.FLOAT32);

    /** For messages: every descriptor that is read. */
    static final String SUPPORTED = "supported: float32 (<f4), float64 (<f8), float16 (<f2), int8 (|i1), int16 (<i2),"
            + " int32 (<i4), int64 (<i8), uint8 (|u1), uint16 (<u2), uint32 (<u4), uint64 (<u8), bool (|b1); little- or big-endian (< or >, | for one byte)";

    private final String numpyName;
    private final char kind;
    private final int byteSize;
    private final NpyDtype readAs;

    NpyElementType(String numpyName, char kind, int byteSize, NpyDtype readAs) {
        this.numpyName = numpyName;
        this.kind = kind;
        this.byteSize = byteSize;
        this.readAs = readAs;
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

    /** Decodes {@code n} elements at {@code src}'s position (advancing it) into {@code dst[off..]}. */
    void decode(ByteBuffer src, int n, float[] dst, int off) {
        switch (this) {
            case FLOAT32 -> {
                src.asFloatBuffer().get(dst, off, n);
                src.position(src.position() + n * Float.BYTES);
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = halfToFloat(src.getShort());
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get();
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getShort();
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get() & 0xff;
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getShort() & 0xffff;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get() != 0 ? 1f : 0f;
                }
            }
            default -> throw new IllegalStateException(this + " is read as " + readAs);
        }
    }

    /** Decodes {@code n} elements at {@code src}'s position (advancing it) into {@code dst[off..]}. */
    void decode(ByteBuffer src, int n, double[] dst, int off) {
        switch (this) {
            case FLOAT64 -> {
                src.asDoubleBuffer().get(dst, off, n);
                src.position(src.position() + n * Double.BYTES);
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getInt();
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getLong(); // rounds to nearest beyond 2^53
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getInt() & 0xffffffffL;
                }
            }
            case UINT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = unsignedToDouble(src.getLong());
                }
            }
            default -> throw new IllegalStateException(this + " is read as " + readAs);
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
