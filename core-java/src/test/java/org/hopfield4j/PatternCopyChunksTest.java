package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PatternCopy} moves patterns in chunks of {@link PatternCopy#CHUNK} elements: a store of
 * 1.5 chunks (a partial last chunk, a row split across the chunk boundary) holds, returns and measures
 * every value, at every precision, exactly as computed element by element here.
 */
class PatternCopyChunksTest {
    /** 1.5 chunks of rows of D: row 1048 straddles the first chunk boundary (1 048 576 = 1048 · 1000 + 576). */
    private static final int D = 1000, M = (PatternCopy.CHUNK + PatternCopy.CHUNK / 2) / D;
    private static final int N = M * D;

    @TempDir
    Path dir;

    private static double[] doubles() {
        double[] v = new double[N];
        for (int i = 0; i < N; i++) v[i] = Math.sin(i * 0.37) * (1 + i % 13);   // not representable in float32
        return v;
    }

    /** Values exact in float16 and bfloat16 (quarters from -2 to 2), so a half store holds them unchanged. */
    private static float[] quarters() {
        float[] v = new float[N];
        for (int i = 0; i < N; i++) v[i] = (i % 17 - 8) / 4f;
        return v;
    }

    private static double maxRowNorm(double[] v, boolean l1) {
        double max = 0;
        for (int r = 0; r < M; r++) {
            double sum = 0;
            for (int c = 0; c < D; c++) {
                double x = v[r * D + c];
                sum += l1 ? Math.abs(x) : x * x;
            }
            max = Math.max(max, l1 ? sum : Math.sqrt(sum));
        }
        return max;
    }

    @Test
    void float64StoreReturnsEveryValueAndItsNorms() {
        double[] v = doubles();
        try (MemoryStore store = MemoryStore.ofDouble(v, M, D)) {
            assertArrayEquals(v, store.toDoubleArray());
            assertArrayEquals(RetrievalFixtures.toFloat(v), store.toFloatArray());
            assertEquals(maxRowNorm(v, false), store.maxNorm(), 1e-12 * maxRowNorm(v, false));
            assertEquals(maxRowNorm(v, true), store.maxL1Norm(), 1e-12 * maxRowNorm(v, true));
        }
    }

    @Test
    void float32StoreReturnsEveryValue() {
        float[] v = RetrievalFixtures.toFloat(doubles());
        try (MemoryStore store = MemoryStore.ofFloat(v, M, D)) {
            assertArrayEquals(v, store.toFloatArray());
            assertArrayEquals(RetrievalFixtures.toDouble(v), store.toDoubleArray());
        }
    }

    @Test
    void halfStoresReturnEveryValue() {
        float[] v = quarters();
        for (StoragePrecision half : new StoragePrecision[] {StoragePrecision.FLOAT16, StoragePrecision.BFLOAT16}) {
            try (MemoryStore store = MemoryStore.ofFloat(v, M, D, half)) {
                assertArrayEquals(v, store.toFloatArray(), half.toString());
                assertArrayEquals(RetrievalFixtures.toDouble(v), store.toDoubleArray(), half.toString());
            }
        }
    }

    @Test
    void appendingPlacesEveryChunkAfterTheStoredPatterns() {
        double[] first = {1.5, -2.25, 3.125};
        double[] more = doubles();
        double[] all = new double[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        try (MemoryStore one = MemoryStore.ofDouble(first, 1, 3);
             MemoryStore grown = one.append(more, more.length / 3)) {
            assertArrayEquals(all, grown.toDoubleArray());
        }
    }

    @Test
    void mappedStoresAreMeasuredOverEveryChunk() throws IOException {
        double[] v = doubles();
        Path f64 = dir.resolve("f64.npy"), f32 = dir.resolve("f32.npy");
        Npy.write(f64, v, M, D);
        float[] w = RetrievalFixtures.toFloat(v);
        Npy.write(f32, w, M, D);
        try (MemoryStore a = MemoryStore.mapNpy(f64); MemoryStore b = MemoryStore.mapNpy(f32)) {
            assertEquals(maxRowNorm(v, false), a.maxNorm(), 1e-12 * maxRowNorm(v, false));
            assertEquals(maxRowNorm(v, true), a.maxL1Norm(), 1e-12 * maxRowNorm(v, true));
            assertEquals(maxRowNorm(RetrievalFixtures.toDouble(w), false), b.maxNorm(), 1e-12 * maxRowNorm(v, false));
            assertEquals(maxRowNorm(RetrievalFixtures.toDouble(w), true), b.maxL1Norm(), 1e-12 * maxRowNorm(v, true));
        }
    }

    @Test
    void aNonFiniteValueInTheSecondChunkIsReportedAtItsRowAndColumn() throws IOException {
        double[] v = doubles();
        int bad = PatternCopy.CHUNK + 2 * D + 7;   // row 1050, column 583
        v[bad] = Double.NaN;
        String where = "(row " + bad / D + ", column " + bad % D + ")";
        IllegalArgumentException copied = assertThrows(IllegalArgumentException.class, () -> MemoryStore.ofDouble(v, M, D));
        assertEquals(true, copied.getMessage().contains(where), copied.getMessage());
        Path file = dir.resolve("nan.npy");
        Npy.write(file, v, M, D);
        try (MemoryStore mapped = MemoryStore.mapNpy(file)) {
            IllegalArgumentException measured = assertThrows(IllegalArgumentException.class, mapped::maxNorm);
            assertEquals(true, measured.getMessage().contains(where), measured.getMessage());
        }
    }

    @Test
    void aSingleRowIsAStore() {
        try (MemoryStore f = MemoryStore.ofFloatRows(new float[][] {{1f, 2f}});
             MemoryStore d = MemoryStore.ofDoubleRows(new double[][] {{3.0, 4.0, 5.0}})) {
            assertArrayEquals(new float[] {1f, 2f}, f.toFloatArray());
            assertArrayEquals(new double[] {3.0, 4.0, 5.0}, d.toDoubleArray());
        }
    }
}
