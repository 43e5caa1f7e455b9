package org.hopfield4j.io;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The meaning of a {@code .npy} header dict: element type, byte order and shape, validated so that the
 * data can be allocated and read safely.
 *
 * @param type element type in the file (converted to float32 or float64 when read)
 * @param byteOrder byte order of the data in the file
 * @param shape 1 or 2 non-negative dimensions, each an int, whose product is within the reader's
 *     limit (a Java array when the data is read, {@link ElementLimit#MAPPED} when it is memory-mapped)
 */
record NpyHeader(NpyElementType type, ByteOrder byteOrder, int[] shape) {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * How many elements a header may announce: what one Java array holds (the data is read into
     * one), or what a memory map addresses (the data stays in the file; every offset is a long).
     */
    enum ElementLimit {
        JAVA_ARRAY(NpyFormat.MAX_ELEMENTS, "fit in a Java array"),
        MAPPED(Long.MAX_VALUE / Double.BYTES, "can be addressed in bytes by a 64-bit offset");

        final long max;
        final String meaning;

        ElementLimit(long max, String meaning) {
            this.max = max;
            this.meaning = meaning;
        }
    }

    /** The number of elements, the product of the shape (validated in fromDict against its limit). */
    long elementCount() {
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        return count;
    }

    /** The number of data bytes that must follow the header. */
    long dataLength() {
        return elementCount() * type.byteSize();
    }

    /** E.g. {@code shape (2, 3) float32}, for messages. */
    String describe() {
        return "shape " + NpyFormat.shapeRepr(shape) + " " + type.numpyName();
    }

    /**
     * The header dict exactly as {@code numpy.save} writes it for a C-ordered little-endian array, e.g.
     * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} (keys sorted, trailing comma).
     */
    static String dictText(NpyDtype dtype, int[] shape) {
        return dictText(dtype.descr(), shape);
    }

    /** As {@link #dictText(NpyDtype, int[])} for any numpy type descriptor, e.g. {@code <i8} (written, never read). */
    static String dictText(String descr, int[] shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + NpyFormat.shapeRepr(shape) + ", }";
    }

    /**
     * Interprets a parsed header dict.
     *
     * @param dict the dict from {@link PythonLiteralParser#parseDict}
     * @param source file or stream name for messages
     * @param limit how many elements the shape may have
     * @throws NpyFormatException if a key is missing or unexpected, the dtype is not a supported float
     *     type, the data is column-major, or the shape is not a 1-D or 2-D shape within {@code limit}
     */
    static NpyHeader fromDict(Map<String, Object> dict, String source, ElementLimit limit) throws NpyFormatException {
        checkKeys(dict, source);
        Object descr = dict.get("descr");
        NpyElementType type = typeOf(descr, source);
        ByteOrder byteOrder = ((String) descr).startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] shape = shapeOf(dict.get("shape"), source, limit);
        checkMemoryOrder(dict.get("fortran_order"), shape, source);
        return new NpyHeader(type, byteOrder, shape);
    }

    private static void checkKeys(Map<String, Object> dict, String source) throws NpyFormatException {
        for (String key : new TreeSet<>(KEYS)) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(source, "header is missing key '" + key
                        + "'; expected keys 'descr', 'fortran_order', 'shape', found " + keyList(dict));
            }
        }
        // numpy itself rejects extra keys; an unknown key could change how the data must be read.
        for (String key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new NpyFormatException(source, "header has unexpected key '" + key
                        + "'; expected exactly 'descr', 'fortran_order', 'shape'");
            }
        }
    }

    private static String keyList(Map<String, Object> dict) {
        StringBuilder text = new StringBuilder("[");
        for (String key : new TreeSet<>(dict.keySet())) {
            text.append(text.length() > 1 ? ", " : "").append(PythonLiteralParser.repr(key));
        }
        return text.append(']').toString();
    }

    private static NpyElementType typeOf(Object descr, String source) throws NpyFormatException {
        if (!(descr instanceof String)) {
            throw new NpyFormatException(source, "unsupported dtype " + PythonLiteralParser.repr(descr)
                    + " (a structured or malformed dtype); " + NpyElementType.SUPPORTED);
        }
        NpyElementType type = NpyElementType.ofDescr((String) descr);
        if (type == null) {
            throw new NpyFormatException(source, "unsupported dtype " + PythonLiteralParser.repr(descr)
                    + "; " + NpyElementType.SUPPORTED);
        }
        return type;
    }

    private static void checkMemoryOrder(Object fortranOrder, int[] shape, String source)
            throws NpyFormatException {
        if (!(fortranOrder instanceof Boolean)) {
            throw new NpyFormatException(source, "malformed header: 'fortran_order' must be True or False, found "
                    + PythonLiteralParser.repr(fortranOrder));
        }
        // Column-major and row-major bytes coincide when at most one dimension exceeds 1, so such files
        // (some writers flag every 1-D array as Fortran-ordered) are read as they are.
        boolean layoutDiffers = shape.length == 2 && shape[0] > 1 && shape[1] > 1;
        if ((Boolean) fortranOrder && layoutDiffers) {
            throw new NpyFormatException(source, "fortran_order True (column-major data) is not supported for shape "
                    + NpyFormat.shapeRepr(shape) + "; expected fortran_order False (C order)."
                    + " Save numpy.ascontiguousarray(a) instead");
        }
    }

    private static int[] shapeOf(Object shapeValue, String source, ElementLimit limit) throws NpyFormatException {
        if (!(shapeValue instanceof PythonLiteralParser.PyTuple)) {
            throw new NpyFormatException(source, "malformed header: 'shape' must be a tuple of integers, found "
                    + PythonLiteralParser.repr(shapeValue));
        }
        List<Object> items = ((PythonLiteralParser.PyTuple) shapeValue).items();
        String shapeText = PythonLiteralParser.repr(shapeValue);
        for (Object item : items) {
            if (!(item instanceof BigInteger)) {
                throw new NpyFormatException(source, "malformed header: 'shape' must be a tuple of integers, found "
                        + shapeText);
            }
        }
        if (items.isEmpty()) {
            throw new NpyFormatException(source,
                    "rank 0 (a scalar, shape ()) is not supported; expected a 1-D or 2-D array");
        }
        if (items.size() > 2) {
            throw new NpyFormatException(source, "rank " + items.size() + " (shape " + shapeText
                    + ") is not supported; expected a 1-D or 2-D array");
        }
        long[] dims = new long[items.size()];
        for (int i = 0; i < dims.length; i++) {
            BigInteger dim = (BigInteger) items.get(i);
            if (dim.signum() < 0) {
                throw new NpyFormatException(source, "negative dimension " + dim + " in shape " + shapeText);
            }
            if (dim.bitLength() > 63) {
                throw new NpyFormatException(source, "dimension " + dim + " in shape " + shapeText
                        + " overflows a 64-bit integer; at most " + limit.max + " elements are supported");
            }
            dims[i] = dim.longValue();
        }
        return checkedSize(dims, shapeText, source, limit);
    }

    /** Checks, before anything is allocated or mapped, that the shape is within {@code limit}, each dimension an int. */
    private static int[] checkedSize(long[] dims, String shapeText, String source, ElementLimit limit)
            throws NpyFormatException {
        long count = 1;
        try {
            for (long dim : dims) {
                count = Math.multiplyExact(count, dim);
            }
        } catch (ArithmeticException overflow) {
            throw new NpyFormatException(source, "shape " + shapeText + " has more elements than a 64-bit count holds;"
                    + " at most " + limit.max + " elements " + limit.meaning);
        }
        if (count > limit.max) {
            throw new NpyFormatException(source, "shape " + shapeText + " has " + count + " elements; at most "
                    + limit.max + " " + limit.meaning);
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            // A Java array: only reachable when another dimension is 0, e.g. (0, 3000000000); mapped:
            // rows and columns are still counted in ints (MemoryStore's M and d).
            if (dims[i] > NpyFormat.MAX_ELEMENTS) {
                throw new NpyFormatException(source, "dimension " + dims[i] + " in shape " + shapeText
                        + " exceeds the maximum of " + NpyFormat.MAX_ELEMENTS);
            }
            shape[i] = (int) dims[i];
        }
        return shape;
    }
}
