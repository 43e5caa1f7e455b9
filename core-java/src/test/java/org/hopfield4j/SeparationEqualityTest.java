package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** A Separation is its kind with its α (or per-row α's): equal exactly when those are. */
class SeparationEqualityTest {

    @Test
    void equalWhenKindAndAlphasAre() {
        assertEquals(Separation.entmax(1.7), Separation.entmax(1.7));
        assertEquals(Separation.entmax(1.7).hashCode(), Separation.entmax(1.7).hashCode());
        assertEquals(Separation.entmaxPerRow(1.5, 2), Separation.entmaxPerRow(1.5, 2));
        assertEquals(Separation.entmaxPerRow(1.5, 2).hashCode(), Separation.entmaxPerRow(1.5, 2).hashCode());
        assertEquals(Separation.sparsemax(), MapKind.SPARSEMAX.separation(2));
    }

    @Test
    void differentKindAlphaOrRowAlphasAreDifferent() {
        assertNotEquals(Separation.entmax(1.7), Separation.entmax(1.8));
        assertNotEquals(Separation.entmax(2), Separation.sparsemax(), "the root finder at α = 2 is not the closed form's kind");
        assertNotEquals(Separation.softmax(), Separation.sparsemax());
        assertNotEquals(Separation.entmaxPerRow(1.5, 2), Separation.entmaxPerRow(2, 1.5));
        assertNotEquals(Separation.entmaxPerRow(1.5, 2), Separation.entmax(1.5));
        assertNotEquals(Separation.softmax(), "softmax");
        assertNotEquals(Separation.softmax(), null);
    }
}
