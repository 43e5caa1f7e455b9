package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The energy checks of ScoreBounds at their edges (docs/math.md#energy): β must be normal AND C/β must
 * fit, C = 1/(α(α−1)) for the Tsallis maps, each on its own; the smallest normal β itself is allowed;
 * a kernel W too large for the stored patterns is blamed on W, not on a small query.
 */
class EnergyBoundsTest {
    static final double[] XI = {1, 0, 0, 1, 0.5, 0.5};
    static final double LIMIT = Precision.FLOAT64.overflowLimit();

    @Test
    void aNormalBetaIsStillRejectedWhenCOverBetaOverflows() {
        // entmax15: C = 1/(1.5 · 0.5) = 4/3; β = 4e-306 is normal, but C/β = 3.3e305 exceeds the limit (1.76e305)
        double beta = 4e-306, c = 1 / (1.5 * 0.5);
        try (MemoryStore store = MemoryStore.ofDouble(XI, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.entmax15()).beta(beta).steps(1).recordEnergies(true).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.retrieve(new double[] {0.9, 0.1}, 1));
            assertTrue(e.getMessage().startsWith("beta " + beta + " is too small for energies: the energy's (1/beta) * Psi* "
                    + "term reaches " + c + " / beta = " + c / beta + " (limit " + LIMIT + ","), e.getMessage());
        }
    }

    @Test
    void theSmallestNormalBetaIsAllowed() {
        // α = 1e4: C = 1/(α(α−1)) ≈ 1e-8, so C / Double.MIN_NORMAL ≈ 4.5e299 fits
        try (MemoryStore store = MemoryStore.ofDouble(XI, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.entmax(1e4)).beta(Double.MIN_NORMAL).steps(0)
                     .recordEnergies(true).build()) {
            assertTrue(Double.isFinite(r.energy(new double[] {0.9, 0.1}, 1)[0]));
        }
    }

    @Test
    void aKernelWTooLargeForThePatternsIsBlamedOnW() {
        // W = (1e306, 0) maps the patterns (0, ±2) to 0, so the keys and scores are 0; but the bound |W|_F · |x| for a
        // state made of the patterns (|x| <= 2) is 2e306, beyond the limit: W is to blame, not the small query
        double[] xi = {0, 2, 0, -2};
        try (MemoryStore store = MemoryStore.ofDouble(xi, 2, 2);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernel(new double[] {1e306, 0}, 1, 2))
                     .steps(1).recordEnergies(true).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.retrieve(new double[] {0, 1e-3}, 1));
            assertEquals("the kernel's W is too large for these patterns: the energy's |W x| for a stored pattern could reach "
                    + 2e306 + " (|W|_F " + 1e306 + "), beyond what float64 can hold (limit " + LIMIT
                    + "); scale W or the patterns down", e.getMessage());
        }
    }
}
