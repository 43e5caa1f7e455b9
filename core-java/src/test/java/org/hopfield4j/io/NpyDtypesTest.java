package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integer, bool and float16 {@code .npy} files are read and converted exactly (docs/formats.md#npy-dtypes):
 * files written by numpy 2.4 itself, and every float16 bit pattern and random integers against an
 * independent conversion.
 */
class NpyDtypesTest {
    @TempDir
    Path dir;

    private static NpyArray numpyFile(String name) throws IOException {
        try (InputStream in = NpyDtypesTest.class.getResourceAsStream("numpy/" + name)) {
            return Npy.read(in, name);
        }
    }

    @Test
    void numpysNaturalImageFileLoadsAsAStore() throws IOException {
        NpyArray a = numpyFile("uint8-3x4.npy");
        assertEquals(NpyDtype.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {3, 4}, a.shape());
        assertArrayEquals(new float[] {0, 1, 2, 127, 128, 200, 254, 255, 3, 4, 5, 6}, a.floatData());
        Path file = dir.resolve("images.npy");
        try (InputStream in = NpyDtypesTest.class.getResourceAsStream("numpy/uint8-3x4.npy")) {
            Files.copy(in, file);
        }
        try (MemoryStore store = MemoryStore.fromNpy(file)) {
            assertEquals(3, store.size());
            assertEquals(4, store.dimension());
        }
    }

    @Test
    void numpyIntegerBoolAndHalfFilesReadExactly() throws IOException {
        assertArrayEquals(new float[] {-32768, -1, 0, 1, 32767}, numpyFile("int16-be.npy").floatData());
        NpyArray int64 = numpyFile("int64.npy");
        assertEquals(NpyDtype.FLOAT64, int64.dtype());
        // 2^53 + 1 is not a double: numpy's float(...) and ours both round it to 2^53
        assertArrayEquals(new double[] {-0x1p63, -1, 0, 0x1p53, 0x1p63}, int64.doubleData());
        assertArrayEquals(new double[] {0, 0x1p64, 0x1p63 + 2048}, numpyFile("uint64.npy").doubleData());
        assertArrayEquals(new float[] {0f, -0f, 1f, -2.5f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY}, numpyFile("float16.npy").floatData());
        assertArrayEquals(new float[] {1, 0, 0, 1}, numpyFile("bool.npy").floatData());
    }

    @Test
    void everyHalfBitPatternConvertsExactly() {
        for (int bits = 0; bits < 65536; bits++) {
            float got = NpyElementType.halfToFloat((short) bits);
            double expected = halfByDefinition(bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(got), "bits " + Integer.toHexString(bits));
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                        "bits " + Integer.toHexString(bits));
            }
        }
    }

    /** (-1)^s * 2^(e-15) * (1 + m/1024), or 2^-14 * m/1024 for e = 0: the binary16 definition. */
    private static double halfByDefinition(int bits) {
        int s = bits >> 15;
        int e = (bits >> 10) & 31;
        int m = bits & 1023;
        double sign = s == 1 ? -1.0 : 1.0;
        if (e == 31) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return e == 0 ? sign * Math.scalb(m / 1024.0, -14) : sign * Math.scalb(1 + m / 1024.0, e - 15);
    }

    @Test
    void randomIntegersOfEveryWidthAndByteOrderReadExactly() throws IOException {
        Random random = new Random(11);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            char o = order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
            for (String kind : new String[] {"i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8"}) {
                int size = kind.charAt(1) - '0';
                boolean unsigned = kind.charAt(0) == 'u';
                int n = 257;
                ByteBuffer data = ByteBuffer.allocate(n * size).order(order);
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    long v = i < 2 ? (i == 0 ? -1L : 0L) : random.nextLong(); // all ones, zero, then random
                    BigInteger exact = BigInteger.valueOf(v).and(BigInteger.ONE.shiftLeft(8 * size).subtract(BigInteger.ONE));
                    if (!unsigned && exact.testBit(8 * size - 1)) {
                        exact = exact.subtract(BigInteger.ONE.shiftLeft(8 * size));
                    }
                    expected[i] = exact.doubleValue(); // correctly rounded, independently of our code
                    switch (size) {
                        case 1 -> data.put((byte) v);
                        case 2 -> data.putShort((short) v);
                        case 4 -> data.putInt((int) v);
                        default -> data.putLong(v);
                    }
                }
                String descr = (size == 1 ? '|' : o) + kind;
                NpyArray a = Npy.read(new ByteArrayInputStream(npy(descr, n, data.array())), "test");
                assertArrayEquals(expected, a.toDouble(), descr);
                assertEquals(size <= 2 ? NpyDtype.FLOAT32 : NpyDtype.FLOAT64, a.dtype(), descr);
            }
        }
    }

    @Test
    void anyNonZeroBoolByteIsTrue() throws IOException {
        NpyArray a = Npy.read(new ByteArrayInputStream(npy("|b1", 4, new byte[] {0, 1, 2, (byte) 255})), "test");
        assertArrayEquals(new float[] {0, 1, 1, 1}, a.floatData());
    }

    @Test
    void truncatedIntegerDataIsRejectedWithTheFileType() {
        NpyFormatException e = org.junit.jupiter.api.Assertions.assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(npy("<i4", 4, new byte[15])), "test"));
        assertTrue(e.getMessage().contains("truncated data: expected 16 bytes for shape (4,) int32, found 15"), e.getMessage());
    }

    /** A 1-D .npy file of {@code n} elements of type {@code descr}, laid out as numpy writes it. */
    static byte[] npy(String descr, int n, byte[] data) {
        String dict = NpyHeader.dictText(descr, new int[] {n});
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }
}
