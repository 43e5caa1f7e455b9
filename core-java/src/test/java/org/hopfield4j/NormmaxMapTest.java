package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * α-normmax through the public API: deep-spin/entmax's published values, the registry name, the α
 * rule, and exact retrieval. (Native against the float64 reference on random and adversarial
 * batches, gradients and retrieval: the normmax entries of {@link MapCase#ALL} and
 * {@link RetrievalFixtures#MAPS}.)
 */
class NormmaxMapTest {

    @Test
    void nativeMatchesDeepSpinValuesInBothPrecisions() {
        Separation two = MapKind.NORMMAX.separation(2), thousand = MapKind.NORMMAX.separation(1000);
        double[] z = {0, .25, .5, .75, 1};
        assertArrayEquals(new double[] {0, 0.0239, 0.1746, 0.3254, 0.4761}, two.apply(z, 1, 5), 6e-5);
        assertArrayEquals(new double[] {0, 0, 0.3330, 0.3334, 0.3336}, thousand.apply(z, 1, 5), 6e-5);
        float[] zf = {-2, 0, 0.5f};
        assertArrayEquals(new float[] {0, 0.3110f, 0.6890f}, two.apply(zf, 1, 3), 6e-5f);
        assertArrayEquals(new float[] {0, 0.4997f, 0.5003f}, thousand.apply(zf, 1, 3), 6e-5f);
    }

    @Test
    void isNamedInTheRegistryWithItsAlpha() {
        assertSame(MapKind.NORMMAX, MapKind.named("NormMax"));
        assertEquals(MapKind.Parameter.ALPHA, MapKind.NORMMAX.parameter());
        Separation s = Separation.named("normmax", 3);
        assertEquals("normmax(3.0)", s.name());
        assertEquals(3.0, s.alpha());
        assertTrue(s.isSparse());
        assertEquals(s, MapKind.NORMMAX.separation(3));
        assertTrue(MapKind.labels(true).contains("normmax") && MapKind.NORMMAX.hasEnergy());
    }

    @Test
    void alphaOutOfRangeIsRejectedBeforeNativeCode() {
        for (double bad : new double[] {1, 0.5, 0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapKind.NORMMAX.separation(bad));
            assertTrue(e.getMessage().contains("alpha must be finite and > 1") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Separation.named("normmax", bad));
        }
    }

    /** Scores one apart: τ = max − 1 exactly, so the second entry gets exactly 0 (any α). */
    @Test
    void anEntryAtTheWindowEdgeGetsExactlyZero() {
        for (double alpha : new double[] {1.2, 2, 20, 500}) {
            double[] p = MapKind.NORMMAX.separation(alpha).apply(new double[] {7, 6, 6.5}, 1, 3, 2.0);
            assertEquals(1.0, p[0], 0.0, "alpha " + alpha);
            assertEquals(0.0, p[1], 0.0);
            assertEquals(0.0, p[2], 0.0);
        }
    }

    /** With a score gap of at least 1/β to every other pattern, a stored pattern is a fixed point. */
    @Test
    void retrievesAStoredPatternExactly() {
        float[] patterns = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5f, 0.5f, 0};
        try (MemoryStore store = MemoryStore.ofFloat(patterns, 4, 3);
             Retriever r = Retriever.builder(store).map(MapKind.NORMMAX.separation(2)).beta(4).steps(3).build()) {
            float[] out = r.retrieve(new float[] {0.9f, 0.1f, 0.05f}, 1).floatStates();
            assertArrayEquals(new float[] {1, 0, 0}, out, 0f);
        }
    }
}
