package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What a Retrieval and its SparseWeights hand out, on a case worked by hand: patterns (1, 0), (0, 1),
 * (−1, 0), sparsemax at β = 0.5, one step. Query (1, 0.5): scores (1, 0.5, −1), β·s = (0.5, 0.25, −0.5),
 * weights (0.625, 0.375, 0), state (0.625, 0.375). Query (0, 3): weights (0, 1, 0), state (0, 1).
 */
class RetrievalAccessorsTest {
    static final double[] XI = {1, 0, 0, 1, -1, 0};
    static final double[] Q = {1, 0.5, 0, 3};

    private static Retrieval retrieve(Precision p, boolean energies) {
        try (MemoryStore store = p == Precision.FLOAT32 ? MemoryStore.ofFloat(new float[] {1, 0, 0, 1, -1, 0}, 3, 2)
                : MemoryStore.ofDouble(XI, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.sparsemax()).beta(0.5).steps(1)
                     .recordWeights(true).recordEnergies(energies).build()) {
            return p == Precision.FLOAT32 ? r.retrieve(new float[] {1, 0.5f, 0, 3}, 2) : r.retrieve(Q, 2);
        }
    }

    @Test
    void statesStepsAndShapeInBothPrecisions() {
        for (Precision p : Precision.values()) {
            Retrieval got = retrieve(p, false);
            assertEquals(2, got.batchSize());
            assertEquals(2, got.dimension());
            assertEquals(p, got.precision());
            assertArrayEquals(new double[] {0.625, 0.375}, got.state(0), 1e-7);
            assertArrayEquals(new double[] {0, 1}, got.state(1), 1e-7);
            assertArrayEquals(new int[] {1, 1}, got.steps());
            assertEquals(1, got.steps(1));
            assertThrows(IndexOutOfBoundsException.class, () -> got.state(2));
            assertThrows(IndexOutOfBoundsException.class, () -> got.steps(-1));
            assertFalse(got.hasEnergies());
            assertNull(got.energyBefore());
            assertNull(got.energyAfter());
            assertEquals("Retrieval[B=2, d=2, " + p + ", weights]", got.toString());
        }
        float[] f = retrieve(Precision.FLOAT32, false).floatStates();
        assertArrayEquals(new float[] {0.625f, 0.375f, 0, 1}, f, 1e-7f);
        double[] d = retrieve(Precision.FLOAT64, false).doubleStates();
        assertArrayEquals(new double[] {0.625, 0.375, 0, 1}, d, 1e-15);
        IllegalStateException notF = assertThrows(IllegalStateException.class, () -> retrieve(Precision.FLOAT64, false).floatStates());
        assertEquals("states are float64, not float32; use doubleStates()", notF.getMessage());
        IllegalStateException notD = assertThrows(IllegalStateException.class, () -> retrieve(Precision.FLOAT32, false).doubleStates());
        assertEquals("states are float32, not float64; use floatStates()", notD.getMessage());
    }

    @Test
    void arraysHandedOutAreCopies() {
        Retrieval got = retrieve(Precision.FLOAT64, true);
        got.doubleStates()[0] = 9;
        got.steps()[0] = 9;
        got.energyBefore()[0] = 9;
        got.energyAfter()[0] = 9;
        got.weights().offsets()[1] = 9;
        got.weights().indices()[0] = 9;
        got.weights().values()[0] = 9;
        assertEquals(0.625, got.doubleStates()[0], 1e-15);
        assertEquals(1, got.steps()[0]);
        assertTrue(got.hasEnergies());
        assertEquals("Retrieval[B=2, d=2, float64, energies, weights]", got.toString());
        assertEquals(got.energyBefore()[0], retrieve(Precision.FLOAT64, true).energyBefore()[0]);
        assertTrue(got.energyAfter()[0] <= got.energyBefore()[0], "the energy does not rise");
        assertArrayEquals(new long[] {0, 2, 3}, got.weights().offsets());
        assertArrayEquals(new int[] {0, 1, 1}, got.weights().indices());
        assertArrayEquals(new double[] {0.625, 0.375, 1}, got.weights().values(), 1e-15);
        Retrieval f = retrieve(Precision.FLOAT32, false);
        f.floatStates()[0] = 9;
        f.weights().floatValues()[0] = 9;
        assertEquals(0.625f, f.floatStates()[0], 1e-7f);
        assertArrayEquals(new float[] {0.625f, 0.375f, 1}, f.weights().floatValues(), 1e-7f);
    }

    @Test
    void sparseWeightsRowsAndEntries() {
        for (Precision p : Precision.values()) {
            SparseWeights w = retrieve(p, false).weights();
            double tol = p == Precision.FLOAT32 ? 1e-7 : 1e-15;
            assertEquals(p, w.precision());
            assertEquals(3, w.entryCount());
            assertEquals(2, w.rowSize(0));
            assertEquals(1, w.rowSize(1));
            assertArrayEquals(new int[] {1}, w.rowIndices(1));
            assertArrayEquals(new double[] {1}, w.rowValues(1), tol);
            assertArrayEquals(new double[] {0.625, 0.375}, w.rowValues(0), tol);
            assertArrayEquals(new double[] {0, 1, 0}, w.denseRow(1), tol);
            assertEquals(0.375, w.get(0, 1), tol);
            assertEquals(1, w.get(1, 1), tol);
            assertEquals(0, w.get(1, 0));
            assertEquals(0, w.get(1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> w.get(0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> w.get(2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> w.rowSize(2));
            assertThrows(IndexOutOfBoundsException.class, () -> w.rowValues(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> w.denseRow(2));
            assertEquals("SparseWeights[2 x 3, 3 entries, " + p + "]", w.toString());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> retrieve(Precision.FLOAT64, false).weights().floatValues());
        assertEquals("weights are float64, not float32; use values()", e.getMessage());
    }
}
