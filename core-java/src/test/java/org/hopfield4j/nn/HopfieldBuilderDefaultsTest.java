package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The builder's defaults: the output width is the value width with W_O, heads · dv without; given widths are kept. */
class HopfieldBuilderDefaultsTest {
    @Test
    void outputWidthFollowsTheOutputProjection() {
        assertEquals(4, Hopfield.builder(4).heads(2).valueDim(3).settings().outputWidth());
        assertEquals(6, Hopfield.builder(4).heads(2).valueDim(3).projections(true, true, true, false).settings().outputWidth());
        assertEquals(5, Hopfield.builder(4).heads(2).valueDim(3).outputWidth(5).settings().outputWidth());
    }

    @Test
    void givenInputWidthsAreKept() {
        HopfieldSettings s = Hopfield.builder(4).stateWidth(5).storedWidth(6).valueWidth(7).settings();
        assertEquals(5, s.stateWidth());
        assertEquals(6, s.storedWidth());
        assertEquals(7, s.valueWidth());
    }
}
