package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming pair of {@code retrieve --batch}: {@link NpyRowWriter} writes, block by block, exactly
 * the bytes {@link Npy#write} writes for the whole array, and {@link NpyRowReader} returns the rows of
 * {@link Npy#read} a block at a time; both refuse the wrong number of values.
 */
class NpyRowStreamingTest {
    private static final int ROWS = 7, COLS = 4;

    private static float[] floats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) Math.sin(1.7 * i + 0.3) * (i + 1);
        return v;
    }

    private static double[] doubles(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.cos(0.9 * i) * Math.pow(10, i % 5 - 2);
        return v;
    }

    @Test
    void blocksOfAnySizeGiveTheBytesOfTheWholeArray(@TempDir Path dir) throws IOException {
        float[] f = floats(ROWS * COLS);
        double[] d = doubles(ROWS * COLS);
        Path streamedF = dir.resolve("f.npy"), streamedD = dir.resolve("d.npy"), streamed1 = dir.resolve("v.npy");
        try (NpyRowWriter w = NpyRowWriter.open(streamedF, NpyDtype.FLOAT32, ROWS, COLS)) {
            w.append(f, 0, 3);           // blocks that do not end on a row
            w.append(f, 3, 11);
            w.append(f, 14, ROWS * COLS - 14);
        }
        try (NpyRowWriter w = NpyRowWriter.open(streamedD, NpyDtype.FLOAT64, ROWS, COLS)) {
            for (int i = 0; i < ROWS; i++) w.append(d, i * COLS, COLS);
        }
        try (NpyRowWriter w = NpyRowWriter.open(streamed1, NpyDtype.FLOAT32, 5)) {
            w.append(f, 2, 5);
        }
        Npy.write(dir.resolve("f-whole.npy"), NpyArray.ofFloat(f, ROWS, COLS));
        Npy.write(dir.resolve("d-whole.npy"), NpyArray.ofDouble(d, ROWS, COLS));
        Npy.write(dir.resolve("v-whole.npy"), Arrays.copyOfRange(f, 2, 7), 5);
        assertArrayEquals(Files.readAllBytes(dir.resolve("f-whole.npy")), Files.readAllBytes(streamedF));
        assertArrayEquals(Files.readAllBytes(dir.resolve("d-whole.npy")), Files.readAllBytes(streamedD));
        assertArrayEquals(Files.readAllBytes(dir.resolve("v-whole.npy")), Files.readAllBytes(streamed1));
    }

    @Test
    void theWriterRefusesTooFewTooManyAndWrongTypedValues(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("short.npy");
        NpyRowWriter shortWriter = NpyRowWriter.open(p, NpyDtype.FLOAT32, 2, 3);
        shortWriter.append(new float[5], 0, 5);
        IOException tooFew = assertThrows(IOException.class, shortWriter::close);
        assertTrue(tooFew.getMessage().contains("5 of the 6 values"), tooFew.getMessage());

        try (NpyRowWriter w = NpyRowWriter.open(dir.resolve("long.npy"), NpyDtype.FLOAT64, 2, 3)) {
            w.append(new double[4], 0, 4);
            IllegalStateException tooMany = assertThrows(IllegalStateException.class, () -> w.append(new double[3], 0, 3));
            assertTrue(tooMany.getMessage().contains("7 values, more than the 6"), tooMany.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.append(new float[2], 0, 2));
            w.append(new double[2], 0, 2);   // the refused appends wrote nothing: 6 values close cleanly
        }
        assertEquals(6, Npy.read(dir.resolve("long.npy")).toDouble().length);
    }

    @Test
    void blocksOfRowsAreThoseOfTheWholeArray(@TempDir Path dir) throws IOException {
        float[] f = floats(ROWS * COLS);
        Path p = dir.resolve("q.npy");
        Npy.write(p, NpyArray.ofFloat(f, ROWS, COLS));
        try (NpyRowReader r = NpyRowReader.open(p, NpyReadOptions.DEFAULT)) {
            assertArrayEquals(new int[] {ROWS, COLS}, r.shape());
            assertEquals(ROWS, r.rows());
            assertEquals(COLS, r.cols());
            assertEquals(NpyDtype.FLOAT32, r.dtype());
            int at = 0;
            for (int expectedRows : new int[] {3, 3, 1}) {
                NpyArray block = r.next(3);
                assertEquals(NpyDtype.FLOAT32, block.dtype());
                assertArrayEquals(new int[] {expectedRows, COLS}, block.shape());
                assertArrayEquals(Arrays.copyOfRange(f, at * COLS, (at + expectedRows) * COLS), block.toFloat());
                at += expectedRows;
                assertEquals(at, r.rowsRead());
            }
            assertEquals(0, r.next(3).rows(), "after the last row");
            assertThrows(IllegalArgumentException.class, () -> r.next(0));
        }
    }

    @Test
    void float64AndOneDimensionalFilesAreReadAsNpyReadsThem(@TempDir Path dir) throws IOException {
        double[] d = doubles(ROWS * COLS);
        Path p = dir.resolve("d.npy");
        Npy.write(p, NpyArray.ofDouble(d, ROWS, COLS));
        try (NpyRowReader r = NpyRowReader.open(p, NpyReadOptions.DEFAULT)) {
            assertEquals(NpyDtype.FLOAT64, r.dtype());
            assertArrayEquals(Arrays.copyOfRange(d, 0, 5 * COLS), r.next(5).toDouble());
            assertArrayEquals(Arrays.copyOfRange(d, 5 * COLS, ROWS * COLS), r.next(5).toDouble());
        }
        Path v = dir.resolve("v.npy");
        Npy.write(v, Arrays.copyOf(d, 6), 6);
        try (NpyRowReader r = NpyRowReader.open(v, NpyReadOptions.DEFAULT)) {
            assertEquals(1, r.rows());
            assertEquals(6, r.cols());
            assertArrayEquals(Arrays.copyOf(d, 6), r.next(10).toDouble());
        }
    }

    @Test
    void uint8IsScaledExactlyAsNpyReadScalesIt(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[256];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) i;
        Path p = Files.write(dir.resolve("u8.npy"), NpyDtypesTest.npy("|u1", pixels.length, pixels));
        float[] whole = Npy.read(p, NpyReadOptions.scalingUint8()).toFloat();
        try (NpyRowReader r = NpyRowReader.open(p, NpyReadOptions.scalingUint8())) {
            assertArrayEquals(whole, r.next(1).toFloat());
        }
        try (NpyRowReader r = NpyRowReader.open(p, NpyReadOptions.DEFAULT)) {
            assertEquals(255f, r.next(1).toFloat()[255]);
        }
    }

    @Test
    void aFileShorterOrLongerThanItsHeaderIsRefusedAtOpen(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("q.npy");
        Npy.write(p, NpyArray.ofFloat(floats(ROWS * COLS), ROWS, COLS));
        byte[] bytes = Files.readAllBytes(p);
        Files.write(dir.resolve("short.npy"), Arrays.copyOf(bytes, bytes.length - 1));
        Files.write(dir.resolve("long.npy"), Arrays.copyOf(bytes, bytes.length + 4));
        for (String name : new String[] {"short.npy", "long.npy"}) {
            assertThrows(NpyFormatException.class, () -> NpyRowReader.open(dir.resolve(name), NpyReadOptions.DEFAULT), name);
        }
    }
}
