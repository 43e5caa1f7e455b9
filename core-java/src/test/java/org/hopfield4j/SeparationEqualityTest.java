package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A Separation is its kind with its α (or per-row α's): equal exactly when those are, and named after them. */
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

    @Test
    void namesAlphasAndSparsity() {
        assertEquals("Separation.softmax", Separation.softmax().toString());
        assertEquals("entmax15", Separation.entmax15().name());
        assertEquals("entmax(1.7)", Separation.entmax(1.7).name());
        assertEquals("entmax(per-row)", Separation.entmaxPerRow(1.5, 3).name());
        assertEquals("normmax(2.0)", Separation.named("normmax", 2).name());
        assertFalse(Separation.softmax().isSparse());
        assertTrue(Separation.sparsemax().isSparse());
        assertTrue(Separation.entmax(1.2).isSparse());
        assertNull(Separation.entmax(1.7).rowAlphas());
        Separation perRow = Separation.entmaxPerRow(1.5, 3);
        assertTrue(Double.isNaN(perRow.alpha()));
        perRow.rowAlphas()[0] = 9;
        assertArrayEquals(new double[] {1.5, 3}, perRow.rowAlphas());
        assertEquals(1.0, Separation.softmax().alpha());
    }

    @Test
    void perRowAlphasAreCheckedOneByOne() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Separation.entmaxPerRow());
        assertEquals("alphas must hold one alpha per row, got an empty array", empty.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Separation.entmaxPerRow(1.5, 1));
        assertEquals("alphas[1] must be finite and > 1 (use softmax for alpha = 1), got 1.0", bad.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> Separation.entmaxPerRow((double[]) null));
        assertEquals("alphas must not be null", none.getMessage());
    }
}
