package org.hopfield4j.io;

/**
 * Constants of the {@code .npy} format (numpy's {@code numpy/lib/format.py}, NEP 1) and small helpers
 * shared by the reader and the writer.
 */
final class NpyFormat {

    /** The six bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Magic plus the two version bytes. */
    static final int MAGIC_AND_VERSION_LENGTH = MAGIC.length + 2;

    /** Smallest possible prefix: magic, version, 2-byte header length (version 1.0). */
    static final int MIN_PREFIX_LENGTH = MAGIC_AND_VERSION_LENGTH + 2;

    /** numpy pads the header so the data starts on this boundary, which allows memory mapping. */
    static final int ALIGNMENT = 64;

    /**
     * numpy leaves room after the dict so that the growing axis can later be rewritten in place with up
     * to this many digits; we do the same so our files are byte-identical to {@code numpy.save}.
     */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /** The largest element count that reliably fits in a Java array on common JVMs. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Upper bound on the header length we accept. Our headers are under 200 bytes; the bound keeps a
     * corrupted length field in a stream from making us allocate gigabytes.
     */
    static final int MAX_HEADER_LENGTH = 1 << 20;

    private NpyFormat() {
    }

    /** The shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String shapeRepr(int[] shape) {
        long[] asLongs = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            asLongs[i] = shape[i];
        }
        return shapeRepr(asLongs);
    }

    /** The shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String shapeRepr(long[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(shape[i]);
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Bytes shown like a Python bytes literal, e.g. {@code \x89PNG\r\n}, so messages stay printable. */
    static String bytesRepr(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                text.append("\\n");
            } else if (b == '\r') {
                text.append("\\r");
            } else if (b == '\\') {
                text.append("\\\\");
            } else if (b >= 0x20 && b < 0x7F) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.toString();
    }

    /** The magic as it is usually written in documentation: {@code \x93NUMPY}. */
    static String magicRepr() {
        return bytesRepr(MAGIC, MAGIC.length);
    }

    /** Header text shown in messages: padding stripped, newlines escaped, cut to a readable length. */
    static String excerpt(String text) {
        String stripped = text.strip();
        String shown = stripped.length() > 200 ? stripped.substring(0, 200) + "..." : stripped;
        return shown.replace("\n", "\\n").replace("\r", "\\r");
    }
}
