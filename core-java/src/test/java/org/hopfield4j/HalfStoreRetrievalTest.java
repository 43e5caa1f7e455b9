package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.RetrievalFixtures.MapCase;
import org.hopfield4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval from a float16 / bfloat16 store equals retrieval from the float32 store of its rounded
 * values, bit for bit (the engine widens a tile to float32 and runs the float32 path on it): states,
 * steps, energies and weights, for every map, every similarity, 1 and 3 steps, on the fused and
 * register paths (M = 600, not a multiple of the 512-memory tile, half the patterns repeating the
 * other half: ties) and the blocked path (small B), M = 1 and d = 1. A {@code <f2} .npy maps as a
 * float16 store whose values are numpy's. Half stores refuse what they cannot do.
 */
class HalfStoreRetrievalTest {
    private static final StoragePrecision[] HALVES = {StoragePrecision.FLOAT16, StoragePrecision.BFLOAT16};

    private record Shape(int M, int d, int B, boolean ties) {}

    @Test
    void retrievalEqualsTheFloat32StoreOfTheRoundedValues() {
        Random rnd = new Random(31);
        for (Shape sh : new Shape[] {new Shape(600, 6, 40, true), new Shape(1, 5, 40, false), new Shape(700, 1, 37, false),
                new Shape(37, 3, 3, false)}) {
            int M = sh.M(), d = sh.d(), B = sh.B(), D = d + 2;
            float[] xi = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(rnd, M * d, 1));
            if (sh.ties()) System.arraycopy(xi, 0, xi, M / 2 * d, M / 2 * d);
            double[] w = RetrievalFixtures.gaussian(rnd, D * d, 1 / Math.sqrt(D));
            float[] q = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(rnd, B * d, 1));
            for (StoragePrecision p : HALVES) {
                try (MemoryStore half = MemoryStore.ofFloat(xi, M, d, p);
                     MemoryStore full = MemoryStore.ofFloat(half.toFloatArray(), M, d)) {
                    for (MapCase map : RetrievalFixtures.MAPS) {
                        for (Similarity.Kind sim : Similarity.Kind.values()) {
                            for (int steps : new int[] {1, 3}) {
                                String what = p + " " + sh + " " + map + " " + sim + " steps " + steps;
                                assertSameRetrieval(half, full, map, RetrievalFixtures.similarity(sim, w, D, d), steps, q, B,
                                        map.hasEnergy() && sim.hasEnergy(), what);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertSameRetrieval(MemoryStore half, MemoryStore full, MapCase map, Similarity sim, int steps,
                                            float[] q, int B, boolean energies, String what) {
        try (Retriever rh = map.apply(Retriever.builder(half)).beta(2).steps(steps).similarity(sim)
                .recordEnergies(energies).recordWeights(true).build();
             Retriever rf = map.apply(Retriever.builder(full)).beta(2).steps(steps).similarity(sim)
                .recordEnergies(energies).recordWeights(true).build()) {
            Retrieval h = rh.retrieve(q, B), f = rf.retrieve(q, B);
            assertArrayEquals(f.floatStates(), h.floatStates(), what + ": states");
            assertArrayEquals(f.steps(), h.steps(), what + ": steps");
            assertEquals(f.scorePath(), h.scorePath(), what + ": score path");
            if (energies) assertArrayEquals(f.energyAfter(), h.energyAfter(), what + ": energies");
            assertArrayEquals(f.weights().offsets(), h.weights().offsets(), what + ": weight offsets");
            for (int b = 0; b < B; b++) {
                assertArrayEquals(f.weights().rowIndices(b), h.weights().rowIndices(b), what + ": support of query " + b);
                assertArrayEquals(f.weights().rowValues(b), h.weights().rowValues(b), what + ": weights of query " + b);
            }
        }
    }

    /** Past d = 512 a float32 store keeps the blocked path; a half store still takes the tiles (same results up to rounding). */
    @Test
    void aHalfStoreTakesTheTilesAtAnyDimension() {
        int M = 600, d = 520, B = 40;
        Random rnd = new Random(8);
        float[] xi = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(rnd, M * d, 1 / Math.sqrt(d)));
        float[] q = RetrievalFixtures.toFloat(RetrievalFixtures.noisyPatterns(rnd, RetrievalFixtures.toDouble(xi), M, d, B, 0.01));
        try (MemoryStore half = MemoryStore.ofFloat(xi, M, d, StoragePrecision.FLOAT16);
             MemoryStore full = MemoryStore.ofFloat(half.toFloatArray(), M, d);
             Retriever rh = Retriever.builder(half).map(Separation.sparsemax()).beta(4).build();
             Retriever rf = Retriever.builder(full).map(Separation.sparsemax()).beta(4).build()) {
            Retrieval h = rh.retrieve(q, B), f = rf.retrieve(q, B);
            assertEquals(ScorePath.BLOCKED, f.scorePath());
            assertTrue(h.scorePath() != ScorePath.BLOCKED, h.scorePath()::toString);
            RetrievalFixtures.assertClose(RetrievalFixtures.states(f), RetrievalFixtures.states(h), 1e-5, "d = 520");
        }
    }

    @Test
    void aFloat16NpyMapsAsAFloat16StoreWithNumpysValues(@TempDir Path dir) throws IOException {
        int M = 530, d = 4, B = 33;
        Random rnd = new Random(3);
        ByteBuffer data = ByteBuffer.allocate(2 * M * d).order(ByteOrder.nativeOrder());
        for (int i = 0; i < M * d; i++) data.putShort((short) (rnd.nextInt(0x7c00) | (rnd.nextBoolean() ? 0x8000 : 0)));
        Path file = dir.resolve("xi.npy");
        Files.write(file, npy2d(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "<f2" : ">f2", M, d, data.array()));
        float[] numpy = Npy.read(file).floatData();   // io's own float16 decoder
        float[] q = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(rnd, B * d, 1e-4));
        try (MemoryStore mapped = MemoryStore.mapNpy(file); MemoryStore full = MemoryStore.ofFloat(numpy, M, d)) {
            assertTrue(mapped.isMapped());
            assertEquals(StoragePrecision.FLOAT16, mapped.storagePrecision());
            assertArrayEquals(numpy, mapped.toFloatArray());
            assertSameRetrieval(mapped, full, RetrievalFixtures.MAPS.get(1), Similarity.dot(), 2, q, B, false, "mapped <f2");
        }
    }

    @Test
    void halfStoresRefuseWhatTheyCannotDo() {
        float[] xi = {1, 2, 3, 4, 5, 6};
        try (MemoryStore full = MemoryStore.ofFloat(xi, 2, 3); MemoryStore half = full.toStoragePrecision(StoragePrecision.FLOAT16);
             MemoryStore wide = MemoryStore.ofDouble(new double[] {1, 2, 3}, 1, 3)) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> half.append(xi, 2)).getMessage()
                    .contains("cannot append to a float16 memory store"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> wide.toStoragePrecision(StoragePrecision.BFLOAT16))
                    .getMessage().contains("only a float32 store converts to bfloat16; this store is float64"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> full.toStoragePrecision(StoragePrecision.FLOAT64))
                    .getMessage().contains("target must be float16 or bfloat16, got float64"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> half.toStoragePrecision(StoragePrecision.BFLOAT16))
                    .getMessage().contains("this store is float16"));
            assertThrows(IllegalArgumentException.class, () -> MemoryStore.ofFloat(xi, 2, 3, StoragePrecision.FLOAT64));
            try (Retriever r = Retriever.builder(half).map(Separation.sparsemax()).build()) {
                assertThrows(IllegalArgumentException.class, () -> r.retrieve(new double[3], 1), "float64 queries");
                assertEquals(1, r.retrieve(new float[3], 1).steps().length);
            }
            assertTrue(assertThrows(IllegalArgumentException.class, () -> MemoryStore.ofFloat(
                    new float[] {1, Float.NaN, 3}, 1, 3, StoragePrecision.BFLOAT16)).getMessage().contains("column 1"));
            assertTrue(half.toString().contains("float16"), half.toString());
            half.close();
            assertThrows(IllegalStateException.class, () -> half.toFloatArray());
            assertEquals(StoragePrecision.FLOAT16, half.storagePrecision());
        }
        try (MemoryStore closed = MemoryStore.ofFloat(xi, 2, 3)) {
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.toStoragePrecision(StoragePrecision.FLOAT16));
        }
    }

    /** A 2-D .npy file as numpy writes it. */
    static byte[] npy2d(String descr, int rows, int cols, byte[] data) {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows
                + ", " + cols + "), }");
        while ((10 + header.length() + 1) % 64 != 0) header.append(' ');
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }
}
