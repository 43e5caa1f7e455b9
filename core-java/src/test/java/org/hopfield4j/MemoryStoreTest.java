package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.hopfield4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class MemoryStoreTest {
    private static final float[] DATA = {1, 2, 3, 4, 5, 6};   // 2 x 3

    @Test
    void floatStoreKeepsShapeAndValues() {
        try (MemoryStore s = MemoryStore.ofFloat(DATA, 2, 3)) {
            assertEquals(2, s.size());
            assertEquals(3, s.dimension());
            assertEquals(Precision.FLOAT32, s.precision());
            assertArrayEquals(DATA, s.toFloatArray());
            assertArrayEquals(new double[] {4, 5, 6}, s.pattern(1));
            assertArrayEquals(new float[] {1, 2, 3}, s.floatPattern(0));
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, s.toDoubleArray());
        }
    }

    @Test
    void storeCopiesItsInput() {
        float[] data = DATA.clone();
        try (MemoryStore s = MemoryStore.ofFloat(data, 2, 3)) {
            data[0] = 99;
            assertEquals(1f, s.toFloatArray()[0]);
        }
    }

    @Test
    void doubleStoreIsExact() {
        double[] data = {0.1, 1e-300, Math.PI, -2.5};
        try (MemoryStore s = MemoryStore.ofDouble(data, 2, 2)) {
            assertEquals(Precision.FLOAT64, s.precision());
            assertArrayEquals(data, s.toDoubleArray());
            assertArrayEquals(new double[] {Math.PI, -2.5}, s.pattern(1));
            assertArrayEquals(new float[] {(float) Math.PI, -2.5f}, s.floatPattern(1));
        }
    }

    @Test
    void rowsFactories() {
        try (MemoryStore s = MemoryStore.ofFloatRows(new float[][] {{1, 2, 3}, {4, 5, 6}});
             MemoryStore t = MemoryStore.ofDoubleRows(new double[][] {{1, 2}, {3, 4}})) {
            assertArrayEquals(DATA, s.toFloatArray());
            assertArrayEquals(new double[] {1, 2, 3, 4}, t.toDoubleArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryStore.ofFloatRows(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("rows[1] has length 1, expected 2"), e.getMessage());
        assertThrows(NullPointerException.class, () -> MemoryStore.ofFloatRows(new float[][] {{1}, null}));
        e = assertThrows(IllegalArgumentException.class, () -> MemoryStore.ofDoubleRows(new double[0][]));
        assertTrue(e.getMessage().contains("M must be >= 1"), e.getMessage());
    }

    @Test
    void bufferFactoriesReadFromThePositionAndLeaveItAlone() {
        FloatBuffer direct = ByteBuffer.allocateDirect(8 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        direct.put(new float[] {9, 9, 1, 2, 3, 4, 5, 6}).position(2);
        FloatBuffer bigEndian = ByteBuffer.allocateDirect(6 * 4).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        bigEndian.put(DATA).flip();
        try (MemoryStore a = MemoryStore.ofFloat(direct, 2, 3);
             MemoryStore b = MemoryStore.ofFloat(bigEndian, 3, 2);
             MemoryStore c = MemoryStore.ofFloat(FloatBuffer.wrap(DATA), 6, 1);
             MemoryStore d = MemoryStore.ofDouble(DoubleBuffer.wrap(new double[] {1, 2}), 1, 2)) {
            assertArrayEquals(DATA, a.toFloatArray());
            assertEquals(2, direct.position());
            assertArrayEquals(DATA, b.toFloatArray());
            assertArrayEquals(DATA, c.toFloatArray());
            assertArrayEquals(new double[] {1, 2}, d.toDoubleArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryStore.ofFloat(FloatBuffer.wrap(new float[] {1, 2, Float.NaN, 4}), 2, 2));
        assertTrue(e.getMessage().contains("NaN at (row 1, column 0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemoryStore.ofFloat(FloatBuffer.wrap(DATA), 2, 2));
    }

    @Test
    void npyFilesOfBothPrecisions(@TempDir Path dir) throws Exception {
        Path f32 = dir.resolve("f32.npy"), f64 = dir.resolve("f64.npy"), flat = dir.resolve("flat.npy");
        Npy.write(f32, DATA, 2, 3);
        Npy.write(f64, new double[] {1, 2, 3, 4}, 2, 2);
        Npy.write(flat, DATA, 6);
        try (MemoryStore a = MemoryStore.fromNpy(f32); MemoryStore b = MemoryStore.fromNpy(f64)) {
            assertEquals(Precision.FLOAT32, a.precision());
            assertEquals(3, a.dimension());
            assertArrayEquals(DATA, a.toFloatArray());
            assertEquals(Precision.FLOAT64, b.precision());
            assertArrayEquals(new double[] {1, 2, 3, 4}, b.toDoubleArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryStore.fromNpy(flat));
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
    }

    @Test
    void rejectsBadInput() {
        bad(() -> MemoryStore.ofFloat(DATA, 0, 6), "M must be >= 1, got 0");
        bad(() -> MemoryStore.ofFloat(DATA, 6, 0), "d must be >= 1, got 0");
        bad(() -> MemoryStore.ofFloat(DATA, 2, 2), "data has length 6, expected 4");
        bad(() -> MemoryStore.ofFloat(DATA, 1 << 16, 1 << 16), "exceeds the largest Java array");
        bad(() -> MemoryStore.ofFloat(new float[] {1, 2, 3, Float.POSITIVE_INFINITY}, 2, 2),
                "Infinity at (row 1, column 1)");
        bad(() -> MemoryStore.ofDouble(new double[] {1, Double.NaN, 3, 4, 5, 6}, 3, 2), "NaN at (row 0, column 1)");
        assertThrows(NullPointerException.class, () -> MemoryStore.ofFloat((float[]) null, 1, 1));
        assertThrows(NullPointerException.class, () -> MemoryStore.fromNpy(null));
    }

    private static void bad(Executable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(message), () -> "'" + e.getMessage() + "' should contain '" + message + "'");
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() {
        MemoryStore s = MemoryStore.ofFloat(DATA, 2, 3);
        s.close();
        s.close();
        assertTrue(s.isClosed());
        assertTrue(s.isFreed());
        assertEquals(2, s.size());   // shape is still known
        for (Executable call : new Executable[] {s::toFloatArray, s::toDoubleArray, () -> s.pattern(0),
                () -> s.floatPattern(0), () -> Retriever.builder(s).map(Separation.softmax()).build()}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertEquals("memory store is closed", e.getMessage());
        }
        assertTrue(s.toString().contains("closed"));
    }

    @Test
    void toStringGivesShapeStorageAndStateOnly() {
        MemoryStore s = MemoryStore.ofFloat(DATA, 2, 3);
        assertEquals("MemoryStore[M=2, d=3, float32]", s.toString());    // neither mapped nor closed
        s.close();
        assertEquals("MemoryStore[M=2, d=3, float32, closed]", s.toString());
    }

    @Test
    void closeWhileInUseFreesWhenTheLastUserReleases() {
        MemoryStore s = MemoryStore.ofFloat(DATA, 2, 3);
        s.acquire();
        s.acquire();
        s.close();
        assertTrue(s.isClosed());
        assertFalse(s.isFreed());
        assertThrows(IllegalStateException.class, s::acquire);
        s.release();
        assertFalse(s.isFreed());
        s.release();
        assertTrue(s.isFreed());
    }

    @Test
    void appendBuildsANewLargerStore() {
        try (MemoryStore s = MemoryStore.ofFloat(DATA, 2, 3);
             MemoryStore t = s.append(new float[] {7, 8, 9}, 1);
             MemoryStore u = MemoryStore.ofDouble(new double[] {1, 2}, 1, 2);
             MemoryStore v = u.append(new double[] {3, 4, 5, 6}, 2)) {
            assertEquals(2, s.size());
            assertArrayEquals(DATA, s.toFloatArray());
            assertEquals(3, t.size());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, t.toFloatArray());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, v.toDoubleArray());
            bad(() -> s.append(new double[] {1, 2, 3}, 1), "precision mismatch");
            bad(() -> s.append(new float[] {1, 2}, 1), "data has length 2, expected 3");
            bad(() -> s.append(new float[0], 0), "count must be >= 1");
            bad(() -> s.append(new float[] {1, Float.NaN, 3}, 1), "NaN at (row 0, column 1)");
            s.close();
            assertThrows(IllegalStateException.class, () -> s.append(new float[] {1, 2, 3}, 1));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, t.toFloatArray(), "independent of s");
        }
    }

    @Test
    void patternIndexIsChecked() {
        try (MemoryStore s = MemoryStore.ofFloat(DATA, 2, 3)) {
            assertThrows(IndexOutOfBoundsException.class, () -> s.pattern(2));
            assertThrows(IndexOutOfBoundsException.class, () -> s.floatPattern(-1));
        }
    }
}
