package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bit-for-bit comparison of two float32 retrievals that must not differ (a retry, another thread). */
final class IdenticalRetrievals {
    private IdenticalRetrievals() {}

    /** States, steps, both energies and the recorded weights (offsets, indices, values) are identical. */
    static void assertIdenticalFloat32(Retrieval want, Retrieval got, String what) {
        assertEquals(Precision.FLOAT32, want.precision(), what);
        assertArrayEquals(want.floatStates(), got.floatStates(), what + ": states");
        assertArrayEquals(want.steps(), got.steps(), what + ": steps");
        assertArrayEquals(want.energyBefore(), got.energyBefore(), what + ": energy before");
        assertArrayEquals(want.energyAfter(), got.energyAfter(), what + ": energy after");
        assertArrayEquals(want.weights().offsets(), got.weights().offsets(), what + ": weight offsets");
        assertArrayEquals(want.weights().indices(), got.weights().indices(), what + ": weight indices");
        assertArrayEquals(want.weights().floatValues(), got.weights().floatValues(), what + ": weight values");
    }
}
