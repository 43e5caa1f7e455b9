package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    /** The header numpy writes for a (2, 3) float32 array, before padding. */
    private static final String NUMPY_DICT_2X3_F4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripsFloat32OneDimensional() throws IOException {
        NpyArray read = writeAndRead(NpyArray.ofFloat(new float[] {1.5f, -2f, 3.25f}, 3));

        assertEquals(NpyDtype.FLOAT32, read.dtype());
        assertEquals(1, read.rank());
        assertArrayEquals(new int[] {3}, read.shape());
        assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, read.floatData());
    }

    @Test
    void roundTripsFloat32TwoDimensional() throws IOException {
        float[] data = {1, 2, 3, 4, 5, 6};
        NpyArray read = writeAndRead(NpyArray.ofFloat(data, 2, 3));

        assertEquals(2, read.rank());
        assertEquals(2, read.rows());
        assertEquals(3, read.cols());
        assertArrayEquals(data, read.floatData());
    }

    @Test
    void roundTripsFloat64OneAndTwoDimensional() throws IOException {
        double[] data = {Math.PI, -Math.E, 1e-300, 1e300, -0.0, Double.NaN};
        NpyArray oneD = writeAndRead(NpyArray.ofDouble(data, 6));
        NpyArray twoD = writeAndRead(NpyArray.ofDouble(data, 3, 2));

        assertEquals(NpyDtype.FLOAT64, oneD.dtype());
        assertArrayEquals(data, oneD.doubleData());
        assertArrayEquals(new int[] {3, 2}, twoD.shape());
        assertArrayEquals(data, twoD.doubleData());
    }

    @Test
    void roundTripsZeroRowAndEmptyArrays() throws IOException {
        NpyArray zeroRowsF4 = writeAndRead(NpyArray.ofFloat(new float[0], 0, 5));
        NpyArray zeroRowsF8 = writeAndRead(NpyArray.ofDouble(new double[0], 0, 5));
        NpyArray empty1d = writeAndRead(NpyArray.ofFloat(new float[0], 0));

        assertArrayEquals(new int[] {0, 5}, zeroRowsF4.shape());
        assertEquals(0, zeroRowsF4.rows());
        assertEquals(5, zeroRowsF4.cols());
        assertEquals(0, zeroRowsF4.floatData().length);
        assertArrayEquals(new int[] {0, 5}, zeroRowsF8.shape());
        assertEquals(NpyDtype.FLOAT64, zeroRowsF8.dtype());
        assertArrayEquals(new int[] {0}, empty1d.shape());
        assertEquals(128, Files.size(dir.resolve("array.npy")), "an empty array is just the 128-byte prefix");
    }

    @Test
    void roundTripsOneByOne() throws IOException {
        NpyArray read = writeAndRead(NpyArray.ofDouble(new double[] {42.0}, 1, 1));

        assertArrayEquals(new int[] {1, 1}, read.shape());
        assertArrayEquals(new double[] {42.0}, read.doubleData());
    }

    @Test
    void convenienceWritersTakeDataAndShape() throws IOException {
        Path floats = dir.resolve("floats.npy");
        Path doubles = dir.resolve("doubles.npy");
        Npy.write(floats, new float[] {1, 2, 3, 4}, 2, 2);
        Npy.write(doubles, new double[] {1, 2, 3}, 3);

        assertEquals(NpyArray.ofFloat(new float[] {1, 2, 3, 4}, 2, 2), Npy.read(floats));
        assertEquals(NpyArray.ofDouble(new double[] {1, 2, 3}, 3), Npy.read(doubles));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(floats, new float[] {1, 2, 3}, 2, 2));
    }

    @Test
    void streamsRoundTripAndAreLeftOpen() throws IOException {
        NpyArray array = NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        CloseTrackingOutputStream out = new CloseTrackingOutputStream();
        Npy.write(out, array);
        CloseTrackingInputStream in = new CloseTrackingInputStream(out.toByteArray());

        assertEquals(array, Npy.read(in, "memory"));
        assertFalse(out.closed, "write(OutputStream) must not close the caller's stream");
        assertFalse(in.closed, "read(InputStream) must not close the caller's stream");

        Path file = dir.resolve("same.npy");
        Npy.write(file, array);
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray(), "stream and file output are identical");
    }

    @Test
    void readsDataSpanningManyChunksAndPartialReads() throws IOException {
        // Over 1 MiB so the reader refills its buffer; a stream yielding 7 bytes at a time splits elements.
        Random random = new Random(7);
        double[] values = new double[200_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        byte[] bigEndian = npyFile(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (200003,), }",
                doubles(ByteOrder.BIG_ENDIAN, values));
        NpyArray little = NpyArray.ofDouble(values, 200_003);
        ByteArrayOutputStream littleBytes = new ByteArrayOutputStream();
        Npy.write(littleBytes, little);

        assertEquals(little, Npy.read(write("big.npy", bigEndian)));
        assertEquals(little, Npy.read(new TrickleInputStream(bigEndian, 7), "big-endian trickle"));
        assertEquals(little, Npy.read(new TrickleInputStream(littleBytes.toByteArray(), 7), "little trickle"));
    }

    @Test
    void randomShapesRoundTripThroughFilesAndStreams() throws IOException {
        Random random = new Random(20240611L);
        for (int trial = 0; trial < 200; trial++) {
            NpyArray array = randomArray(random);
            Path file = dir.resolve("random.npy");
            Npy.write(file, array);
            byte[] bytes = Files.readAllBytes(file);
            String context = "trial " + trial + ": " + array;

            assertEquals(array, Npy.read(file), context);
            assertEquals(array, Npy.read(new ByteArrayInputStream(bytes), "random"), context);
            int prefixLength = 10 + headerLengthField(bytes);
            assertEquals(0, prefixLength % 64, context + ": data must start 64-byte aligned");
            assertEquals(prefixLength + (long) array.size() * array.dtype().byteSize(), bytes.length, context);
        }
    }

    // ---------------------------------------------------------------- numpy compatibility

    @Test
    void writesExactlyTheBytesNumpyWrites() throws IOException {
        Path file = dir.resolve("numpy.npy");
        Npy.write(file, new float[] {0, 1, 2, 3, 4, 5}, 2, 3);

        assertArrayEquals(numpyFile2x3(), Files.readAllBytes(file));
    }

    @Test
    void writtenHeaderHasNumpysTextAndPadding() throws IOException {
        Path oneD = dir.resolve("one.npy");
        Npy.write(oneD, new double[] {1, 2, 3}, 3);
        byte[] bytes = Files.readAllBytes(oneD);
        String header = new String(bytes, 10, headerLengthField(bytes), StandardCharsets.ISO_8859_1);

        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
        assertTrue(header.endsWith("\n"), "numpy ends the header with a newline");
        assertTrue(header.substring(0, header.length() - 1).strip().endsWith("}"), "the rest is space padding");
        assertEquals(0, (10 + header.length()) % 64);
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
    }

    @Test
    void readsTheBytesNumpyWrites() throws IOException {
        NpyArray array = Npy.read(write("numpy.npy", numpyFile2x3()));

        assertEquals(NpyDtype.FLOAT32, array.dtype());
        assertArrayEquals(new int[] {2, 3}, array.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, array.floatData());
    }

    @Test
    void readsBigEndianData() throws IOException {
        byte[] f4 = npyFile(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }",
                floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f, 3f, 1e-30f));
        byte[] f8 = npyFile(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }",
                doubles(ByteOrder.BIG_ENDIAN, 1.5, -2, Math.PI));

        assertEquals(NpyArray.ofFloat(new float[] {1.5f, -2f, 3f, 1e-30f}, 2, 2), Npy.read(write("be4.npy", f4)));
        assertEquals(NpyArray.ofDouble(new double[] {1.5, -2, Math.PI}, 3),
                Npy.read(new ByteArrayInputStream(f8), "be8"));
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        byte[] data = doubles(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }";
        NpyArray expected = NpyArray.ofDouble(new double[] {0, 1, 2, 3, 4}, 5);

        assertEquals(expected, Npy.read(write("v2.npy", npyFile(2, dict, data))));
        assertEquals(expected, Npy.read(new ByteArrayInputStream(npyFile(2, dict, data)), "v2"));
        assertEquals(expected, Npy.read(write("v3.npy", npyFile(3, dict, data))));
    }

    @Test
    void toleratesHeaderVariantsOtherWritersProduce() throws IOException {
        byte[] data = floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);
        NpyArray expected = NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        List<String> headers = List.of(
                "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}", // double quotes, no comma
                "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}", // other key order
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }", // Python 2 longs
                "{u'descr': u'<f4', u'fortran_order': False, u'shape': (2, 3), }", // Python 2 unicode
                "  {\n 'descr' : '<f4' ,\t'fortran_order':False,'shape':( 2 , 3 , ) }\n", // odd spacing
                "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 6), }"); // Fortran order, same layout

        for (String header : headers) {
            NpyArray want = header.contains("(1, 6)") ? NpyArray.ofFloat(expected.floatData(), 1, 6) : expected;
            assertEquals(want, Npy.read(write("variant.npy", npyFile(1, header, data))), header);
        }
        // Unpadded header without the final newline: not what numpy writes, but nothing is ambiguous.
        byte[] unpadded = concat(rawPrefix(1, NUMPY_DICT_2X3_F4), data);
        assertEquals(expected, Npy.read(write("unpadded.npy", unpadded)));
    }

    // ---------------------------------------------------------------- rejected input

    @Test
    void rejectsBadMagic() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        assertRejected(png, "bad magic", "expected \\x93NUMPY", "found \\x89PNG\\r\\n");
    }

    @Test
    void rejectsUnsupportedVersion() throws IOException {
        byte[] bytes = npyFile(1, NUMPY_DICT_2X3_F4, new byte[24]);
        bytes[6] = 4;

        assertRejected(bytes, "unsupported .npy format version 4.0", "supported: 1.0, 2.0, 3.0");
    }

    @Test
    void rejectsUnsupportedDtypes() {
        List<Executable> checks = new ArrayList<>();
        for (String descr : List.of("<c8", "<c16", "<f16", "=f4", "|f4", "|O", "|S4", "<M8", "<i3", "<b2")) {
            byte[] bytes = npyFile(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,), }",
                    new byte[8]);
            checks.add(() -> assertRejected(bytes, "unsupported dtype '" + descr + "'",
                    "supported: float32 (<f4), float64 (<f8), float16 (<f2), int8 (|i1)"));
        }
        assertAll(checks.stream());
    }

    @Test
    void rejectsStructuredDtype() throws IOException {
        byte[] bytes = npyFile(1, "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                new byte[8]);

        assertRejected(bytes, "unsupported dtype [('x', '<f4'), ('y', '<f4')]", "supported: float32 (<f4)");
    }

    @Test
    void rejectsColumnMajorMatrices() throws IOException {
        byte[] bytes = npyFile(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", new byte[24]);

        assertRejected(bytes, "fortran_order True", "(2, 3)", "expected fortran_order False");
    }

    @Test
    void rejectsRanksOtherThanOneAndTwo() throws IOException {
        byte[] scalar = npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", new byte[8]);
        byte[] cube = npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", new byte[32]);

        assertRejected(scalar, "rank 0", "expected a 1-D or 2-D array");
        assertRejected(cube, "rank 3", "(2, 2, 2)", "expected a 1-D or 2-D array");
    }

    @Test
    void rejectsNegativeDimensions() throws IOException {
        byte[] bytes = npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 3), }", new byte[12]);

        assertRejected(bytes, "negative dimension -1", "(-1, 3)");
    }

    @Test
    void rejectsShapesThatDoNotFitInAJavaArray() throws IOException {
        assertRejected(shapeOnly("(100000, 100000)"), "10000000000 elements", "at most 2147483639");
        assertRejected(shapeOnly("(4611686018427387904, 4)"), "more elements than a 64-bit count holds");
        assertRejected(shapeOnly("(99999999999999999999999,)"), "dimension 99999999999999999999999",
                "overflows a 64-bit integer");
        assertRejected(shapeOnly("(0, 3000000000)"), "dimension 3000000000", "exceeds the maximum of 2147483639");
    }

    @Test
    void hugeDeclaredShapeFailsAsTruncatedWithoutAllocatingIt() throws IOException {
        // 2147483639 doubles would need 16 GiB: the file size check (path) and chunked reading (stream)
        // must report the truncation instead of running out of memory.
        byte[] bytes = npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483639,), }",
                new byte[16]);

        assertRejected(bytes, "truncated data", "expected 17179869112 bytes", "found 16");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] bytes = npyFile(1, NUMPY_DICT_2X3_F4, new byte[20]);

        assertRejected(bytes, "truncated data", "expected 24 bytes", "shape (2, 3) float32", "found 20");
    }

    @Test
    void rejectsTruncatedHeaders() throws IOException {
        byte[] magicOnly = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1};
        byte[] version2MissingLength = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 100, 0, 0};

        assertRejected(new byte[0], "truncated header", "found 0");
        assertRejected(magicOnly, "truncated header", "at least 10 bytes", "found 7");
        assertRejected(version2MissingLength, "truncated header", "found 11");
    }

    @Test
    void rejectsHeaderLengthBeyondTheInput() throws IOException {
        byte[] bytes = concat(rawPrefix(1, NUMPY_DICT_2X3_F4), new byte[4]);
        bytes[8] = (byte) 0x88; // header length 5000 = 0x1388, little-endian
        bytes[9] = 0x13;

        NpyFormatException fromFile = assertThrows(NpyFormatException.class, () -> Npy.read(write("long.npy", bytes)));
        NpyFormatException fromStream = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes), "long-stream"));

        assertContains(fromFile, "header length 5000", "beyond the end of the file", "has " + bytes.length + " bytes");
        assertContains(fromStream, "truncated header", "header length is 5000 bytes",
                "only " + (bytes.length - 10) + " follow");
    }

    @Test
    void rejectsAbsurdHeaderLengthInStreamsBeforeAllocating() {
        byte[] bytes = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};

        NpyFormatException error = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes), "absurd"));

        assertContains(error, "header length 2147483647", "exceeds the supported maximum");
    }

    @Test
    void rejectsTrailingGarbage() throws IOException {
        byte[] bytes = npyFile(1, NUMPY_DICT_2X3_F4, new byte[28]);

        assertRejected(bytes, "4 unexpected bytes after the data", "24 data bytes of shape (2, 3) float32");
    }

    @Test
    void rejectsMalformedHeaderDicts() {
        List<Executable> checks = new ArrayList<>();
        for (String header : List.of(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}",
                "{'descr' '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                "{'descr': <f4, 'fortran_order': False, 'shape': (2, 3), }",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } extra",
                "{'descr': '<f4', 'fortran_order': false, 'shape': (2, 3), }",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5, 3), }",
                "{'descr': '<f4, 'fortran_order': False, 'shape': (2, 3), }",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ",
                "['descr', '<f4']",
                "")) {
            byte[] bytes = npyFile(1, header, new byte[24]);
            checks.add(() -> assertRejected(bytes, "malformed header dict", "at offset"));
        }
        assertAll(checks.stream());
    }

    @Test
    void rejectsDeeplyNestedHeadersWithoutOverflowingTheStack() throws IOException {
        // 2 000 nested tuples used to overflow the recursive parser: StackOverflowError, not NpyFormatException.
        String nested = "(".repeat(100_000) + ")".repeat(100_000);
        assertRejected(npyFile(2, "{'descr': '<f4', 'fortran_order': False, 'shape': " + nested + ", }", new byte[0]),
                "nested more than " + PythonLiteralParser.MAX_NESTING + " deep");
    }

    @Test
    void rejectsWrongKeysAndValueTypes() throws IOException {
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': False, }", new byte[0]),
                "missing key 'shape'", "found ['descr', 'fortran_order']");
        assertRejected(npyFile(1, "{'descr': '<f4', 'shape': (2,), }", new byte[8]), "missing key 'fortran_order'");
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
                new byte[8]), "unexpected key 'extra'");
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (2,)}",
                new byte[8]), "duplicate key 'shape'");
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", new byte[8]),
                "'fortran_order' must be True or False, found 0");
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': 2, }", new byte[8]),
                "'shape' must be a tuple of integers, found 2");
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2), }", new byte[8]),
                "'shape' must be a tuple of integers, found 2");
        assertRejected(npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': ('2',), }", new byte[8]),
                "'shape' must be a tuple of integers, found ('2',)");
    }

    @Test
    void messagesNameTheSource() throws IOException {
        Path file = write("named-file.npy", npyFile(1, NUMPY_DICT_2X3_F4, new byte[20]));

        NpyFormatException fromFile = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        NpyFormatException fromStream = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(Files.readAllBytes(file)), "entry patterns.npy"));

        assertTrue(fromFile.getMessage().startsWith(file.toString() + ": "), fromFile.getMessage());
        assertEquals(file.toString(), fromFile.source());
        assertTrue(fromStream.getMessage().startsWith("entry patterns.npy: "), fromStream.getMessage());
        assertEquals(fromStream.getMessage(), fromStream.source() + ": " + fromStream.detail());
    }

    // ---------------------------------------------------------------- atomic writes

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("patterns.npy");
        Files.write(file, "old content that is not a npy file".getBytes(StandardCharsets.US_ASCII));

        Npy.write(file, new float[] {1, 2}, 2);
        Npy.write(file, new double[] {3, 4, 5, 6}, 2, 2);

        assertEquals(NpyArray.ofDouble(new double[] {3, 4, 5, 6}, 2, 2), Npy.read(file));
        assertEquals(List.of("patterns.npy"), listDir());
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws IOException {
        Path occupied = dir.resolve("occupied.npy");
        Files.createDirectory(occupied);
        Files.write(occupied.resolve("inside"), new byte[] {1});

        assertThrows(IOException.class, () -> Npy.write(occupied, new float[] {1}, 1));

        assertEquals(List.of("occupied.npy"), listDir());
        assertTrue(Files.isDirectory(occupied), "the existing entry is untouched");
    }

    @Test
    void writeToARelativePathWorks() throws IOException {
        // A relative path is resolved against the working directory; the temporary file must go next to it.
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("relative.npy"));
        Npy.write(relative, new float[] {9}, 1);

        assertEquals(NpyArray.ofFloat(new float[] {9}, 1), Npy.read(dir.resolve("relative.npy")));
        assertEquals(List.of("relative.npy"), listDir());
    }

    // ---------------------------------------------------------------- NpyArray value semantics

    @Test
    void oneDimensionalArraysAreOneRow() {
        NpyArray array = NpyArray.ofFloat(new float[] {1, 2, 3, 4}, 4);

        assertEquals(1, array.rank());
        assertEquals(1, array.rows());
        assertEquals(4, array.cols());
        assertEquals(4, array.size());
    }

    @Test
    void dataAccessorsCheckTheDtype() {
        NpyArray floats = NpyArray.ofFloat(new float[] {1.5f}, 1);
        NpyArray doubles = NpyArray.ofDouble(new double[] {0.1}, 1);

        IllegalStateException notDouble = assertThrows(IllegalStateException.class, floats::doubleData);
        IllegalStateException notFloat = assertThrows(IllegalStateException.class, doubles::floatData);
        assertTrue(notDouble.getMessage().contains("float32, not float64"), notDouble.getMessage());
        assertTrue(notFloat.getMessage().contains("float64, not float32"), notFloat.getMessage());
        assertThrows(IllegalStateException.class, doubles::floatBuffer);
        assertArrayEquals(new double[] {1.5}, floats.toDouble());
        assertArrayEquals(new float[] {0.1f}, doubles.toFloat());
    }

    @Test
    void arraysAreImmutable() {
        float[] source = {1, 2, 3};
        int[] shape = {3};
        NpyArray array = NpyArray.ofFloat(source, shape);
        source[0] = 99;
        shape[0] = 1;
        array.floatData()[1] = 99;
        array.shape()[0] = 7;
        array.toFloat()[2] = 99;

        assertArrayEquals(new float[] {1, 2, 3}, array.floatData());
        assertArrayEquals(new int[] {3}, array.shape());
        assertThrows(ReadOnlyBufferException.class, () -> array.floatBuffer().put(0, 5f));
        assertEquals(2f, array.floatBuffer().get(1));
    }

    @Test
    void factoriesValidateTheShape() {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloat(new float[5], 2, 3));
        IllegalArgumentException rank3 = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofDouble(new double[8], 2, 2, 2));
        IllegalArgumentException noShape = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofDouble(new double[1]));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloat(new float[0], -1, 0));

        assertTrue(mismatch.getMessage().contains("(2, 3) needs 6 elements but data has 5"), mismatch.getMessage());
        assertTrue(rank3.getMessage().contains("1 or 2 dimensions"), rank3.getMessage());
        assertTrue(noShape.getMessage().contains("got 0"), noShape.getMessage());
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
    }

    @Test
    void equalityComparesDtypeShapeAndData() {
        NpyArray a = NpyArray.ofFloat(new float[] {1, 2, 3, 4}, 2, 2);

        assertEquals(a, NpyArray.ofFloat(new float[] {1, 2, 3, 4}, 2, 2));
        assertEquals(a.hashCode(), NpyArray.ofFloat(new float[] {1, 2, 3, 4}, 2, 2).hashCode());
        assertNotEquals(a, NpyArray.ofFloat(new float[] {1, 2, 3, 4}, 4));
        assertNotEquals(a, NpyArray.ofDouble(new double[] {1, 2, 3, 4}, 2, 2));
        assertEquals("NpyArray[float32, shape=(2, 2)]", a.toString());
    }

    // ---------------------------------------------------------------- helpers

    /** The file numpy 1.x/2.x writes for {@code np.arange(6, dtype='<f4').reshape(2, 3)}, built from the spec. */
    private static byte[] numpyFile2x3() {
        // magic, version 1.0, header length 118 (uint16 LE), dict padded with spaces and '\n' to 128 bytes total
        byte[] expected = new byte[128 + 24];
        byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
        System.arraycopy(start, 0, expected, 0, start.length);
        byte[] dict = NUMPY_DICT_2X3_F4.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(dict, 0, expected, 10, dict.length);
        for (int i = 10 + dict.length; i < 127; i++) {
            expected[i] = ' ';
        }
        expected[127] = '\n';
        byte[] data = floats(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5);
        System.arraycopy(data, 0, expected, 128, data.length);
        return expected;
    }

    /** A file with the given header dict padded the way numpy pads (spaces, '\n', 64-byte aligned). */
    private static byte[] npyFile(int majorVersion, String dict, byte[] data) {
        int lengthBytes = majorVersion == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        return concat(rawPrefix(majorVersion, header), data);
    }

    /** Magic, version, header length and the header text exactly as given. */
    private static byte[] rawPrefix(int majorVersion, String header) {
        byte[] text = header.getBytes(majorVersion == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthBytes = majorVersion == 1 ? 2 : 4;
        ByteBuffer prefix = ByteBuffer.allocate(8 + lengthBytes + text.length).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) majorVersion, 0});
        if (lengthBytes == 2) {
            prefix.putShort((short) text.length);
        } else {
            prefix.putInt(text.length);
        }
        return prefix.put(text).array();
    }

    private static byte[] shapeOnly(String shape) {
        return npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", new byte[0]);
    }

    private static byte[] floats(ByteOrder order, float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(order);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(order);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static int headerLengthField(byte[] file) {
        return (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
    }

    private NpyArray writeAndRead(NpyArray array) throws IOException {
        Path file = dir.resolve("array.npy");
        Npy.write(file, array);
        NpyArray read = Npy.read(file);
        assertEquals(array, read);
        return read;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** Reading {@code bytes} as a file and as a stream both fail, naming the source and every fact. */
    private void assertRejected(byte[] bytes, String... expectedFragments) throws IOException {
        Path file = write("bad.npy", bytes);
        NpyFormatException fromFile = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        NpyFormatException fromStream = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes), "bad-stream"));

        assertEquals(file.toString(), fromFile.source());
        assertEquals("bad-stream", fromStream.source());
        assertContains(fromFile, expectedFragments);
        assertContains(fromStream, expectedFragments);
    }

    private static void assertContains(NpyFormatException error, String... expectedFragments) {
        for (String fragment : expectedFragments) {
            assertTrue(error.getMessage().contains(fragment),
                    "message should contain \"" + fragment + "\" but was: " + error.getMessage());
        }
    }

    private List<String> listDir() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static NpyArray randomArray(Random random) {
        int[] shape = random.nextBoolean()
                ? new int[] {random.nextInt(300)}
                : new int[] {random.nextInt(40), random.nextInt(40)};
        int size = shape.length == 1 ? shape[0] : shape[0] * shape[1];
        if (random.nextBoolean()) {
            float[] data = new float[size];
            for (int i = 0; i < size; i++) {
                data[i] = (float) randomValue(random);
            }
            return NpyArray.ofFloat(data, shape);
        }
        double[] data = new double[size];
        for (int i = 0; i < size; i++) {
            data[i] = randomValue(random);
        }
        return NpyArray.ofDouble(data, shape);
    }

    private static double randomValue(Random random) {
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Float.MIN_VALUE, Float.MAX_VALUE};
        return random.nextInt(50) == 0 ? special[random.nextInt(special.length)] : random.nextGaussian() * 1e3;
    }

    /** Hands out at most {@code step} bytes per read, like a slow network stream. */
    private static final class TrickleInputStream extends FilterInputStream {
        private final int step;

        TrickleInputStream(byte[] content, int step) {
            super(new ByteArrayInputStream(content));
            this.step = step;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, step));
        }
    }

    private static final class CloseTrackingInputStream extends FilterInputStream {
        boolean closed;

        CloseTrackingInputStream(byte[] content) {
            super(new ByteArrayInputStream(content));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    private static final class CloseTrackingOutputStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
