package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/**
 * The three numerical edge cases the fuzzing round left open (docs/reliability.md, issue #18 item 8):
 * each gives the documented {@link IllegalArgumentException}, validated in Java before the native call,
 * or a finite result equal to the float64 reference — never ±∞ or NaN.
 */
class NumericalEdgeCaseTest {

    // ---------------------------------------------------------------- backward: β·|g| and β·p^(2−α)

    @Test
    void aBackwardThatWouldOverflowIsRejectedNamingGAndBeta() {
        double[] p = {0.5, 0.5};
        double[] dz = new double[2];
        // softmax: β·p·|g| = 5e309 (was [+Infinity, -Infinity])
        IllegalArgumentException softmax = assertThrows(IllegalArgumentException.class,
                () -> Separation.softmax().backward(p, new double[] {1e300, -1e300}, dz, 1, 2, 1e10));
        assertTrue(softmax.getMessage().startsWith("g and beta are too large for p in row 0: the softmax backward"),
                softmax.getMessage());
        // α = 5: p^(2−α) = 1e600 (was [NaN, NaN])
        IllegalArgumentException entmax = assertThrows(IllegalArgumentException.class,
                () -> Separation.entmax(5).backward(new double[] {1e-200, 1}, new double[] {1, -1}, dz, 1, 2, 1.0));
        assertTrue(entmax.getMessage().contains("largest p^(2 - alpha) Infinity"), entmax.getMessage());
        // float32: β·|g| beyond float32 although finite in double
        assertThrows(IllegalArgumentException.class, () -> Separation.sparsemax()
                .backward(new float[] {0.5f, 0.5f}, new float[] {3e38f, 0}, new float[2], 1, 2, 10.0));
        assertArrayEquals(new double[2], dz, 0.0, "nothing was written: rejected before the native call");
    }

    @Test
    void aBackwardWithinTheBoundsIsFiniteAndEqualsTheReference() {
        double[] p = Separation.entmax(5).apply(new double[] {1, 0.9, -3}, 1, 3);
        double[] g = {1e150, -2e150, 3e150};
        double[] dz = Separation.entmax(5).backward(p, g, 1, 3);
        double[] expected = ReferenceSeparation.backward(ReferenceSeparation.Map.ENTMAX_BISECT, 5, p, g, 1, 3, 1.0);
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(dz[i]), "dz[" + i + "] = " + dz[i]);
            assertEquals(expected[i], dz[i], 1e-9 * 3e150, "dz[" + i + "]");
        }
    }

    // ---------------------------------------------------------------- energies at a subnormal β, α near 1e308

    @Test
    void energiesAtASubnormalBetaAreRejectedNamingBeta() {
        for (Separation map : new Separation[] {Separation.softmax(), Separation.sparsemax(), Separation.entmax15(),
                Separation.entmax(3), Separation.entmax(1e308), MapKind.NORMMAX.separation(2)}) {
            for (double beta : new double[] {Double.MIN_VALUE, 1e-310}) {
                try (MemoryStore store = MemoryStore.ofDouble(new double[] {1, 0, 0, 1, 0.5, 0.5}, 3, 2);
                     Retriever r = Retriever.builder(store).map(map).beta(beta).steps(2).recordEnergies(true).build()) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> r.retrieve(new double[] {0.9, 0.1}, 1), map + " beta " + beta);
                    assertTrue(e.getMessage().startsWith("beta " + beta + " is too small for energies"), e.getMessage());
                    // without energies the states are fine: a subnormal β makes every pattern equally likely
                    try (Retriever states = Retriever.builder(store).map(map).beta(beta).steps(1).build()) {
                        double[] x = states.retrieve(new double[] {0.9, 0.1}, 1).doubleStates();
                        assertTrue(Double.isFinite(x[0]) && Double.isFinite(x[1]), map + ": " + x[0] + ", " + x[1]);
                    }
                }
            }
        }
    }

    @Test
    void energiesAtATinyNormalBetaAndAtAHugeAlphaAreFiniteAndEqualTheReference() {
        double[] xi = {1, 0, 0, 1, 0.5, 0.5};
        double[] q = {0.9, 0.1};
        Object[][] cases = {
            {Separation.softmax(), ReferenceSeparation.Map.SOFTMAX, 1.0, 1e-300},
            {Separation.entmax(2.5), ReferenceSeparation.Map.ENTMAX_BISECT, 2.5, 1e-300},
            {Separation.entmax(1e308), ReferenceSeparation.Map.ENTMAX_BISECT, 1e308, 1.0},
            {Separation.entmax(Double.MAX_VALUE), ReferenceSeparation.Map.ENTMAX_BISECT, Double.MAX_VALUE, 7.0},
        };
        for (Object[] c : cases) {
            Separation map = (Separation) c[0];
            double alpha = (double) c[2], beta = (double) c[3];
            try (MemoryStore store = MemoryStore.ofDouble(xi, 3, 2);
                 Retriever r = Retriever.builder(store).map(map).beta(beta).steps(0).recordEnergies(true).build()) {
                double e = r.energy(q, 1)[0];
                double expected = ReferenceRetrieval.of(xi, 3, 2).map((ReferenceSeparation.Map) c[1], alpha).beta(beta).energy(q);
                assertTrue(Double.isFinite(e), map + " beta " + beta + ": E = " + e);
                assertEquals(expected, e, 1e-9 * Math.max(1, Math.abs(expected)), map + " beta " + beta);
            }
        }
    }

    // ---------------------------------------------------------------- float32 kernel energies of huge queries

    @Test
    void aFloat32KernelEnergyThatWouldOverflowIsRejectedNamingTheQueryRow() {
        Similarity kernel = Similarity.kernel(new double[] {1e20, 0, 0, 1e20}, 2, 2);
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {1e-30f, 0, 0, 1e-30f}, 2, 2);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(kernel).beta(1).steps(1)
                     .recordEnergies(true).build()) {
            // |W x| = 1e39 does not fit float32 (was E = +Infinity); the scores, 1e29, do
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.retrieve(new float[] {1, 1, 1e19f, 0}, 2));
            assertTrue(e.getMessage().startsWith("queries row 1 is too large for the kernel energy: |W x| could reach 1.414"),
                    e.getMessage());
            // 1e14 fits: finite, and the float64 reference's value
            double energy = r.energy(new float[] {1e14f, 0}, 1)[0];
            double expected = ReferenceRetrieval.of(new float[] {1e-30f, 0, 0, 1e-30f}, 2, 2)
                    .map(ReferenceSeparation.Map.SOFTMAX, 1).similarity(ReferenceRetrieval.Similarity.KERNEL)
                    .kernel(new double[] {1e20, 0, 0, 1e20}, 2).beta(1).energy(new double[] {(double) 1e14f, 0});
            assertTrue(Double.isFinite(energy), "E = " + energy);
            assertEquals(expected, energy, 1e-6 * Math.abs(expected));
        }
    }
}
