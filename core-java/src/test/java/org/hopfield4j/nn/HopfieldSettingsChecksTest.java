package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The layer settings' checks: widths split between the heads without a projection, β and α per head. */
class HopfieldSettingsChecksTest {
    @Test
    void withoutItsProjectionEachInputWidthIsHeadsTimesItsDim() {
        assertMessage("without its projection the state width is split between the heads: it must be heads * 2 = 4, got 6",
                () -> Hopfield.builder(6).heads(2).keyDim(2).projections(false, true, true, true).build());
        assertMessage("without its projection the value width is split between the heads: it must be heads * 2 = 4, got 6",
                () -> Hopfield.builder(6).heads(2).valueDim(2).projections(true, true, false, true).build());
    }

    @Test
    void betaAndAlphaNeedOneValidValuePerHead() {
        assertMessage("betas[1] must be finite and > 0, got -1.0", () -> Hopfield.builder(4).heads(2).beta(1, -1).build());
        assertMessage("betas has length 1, expected 2 (one per head)", () -> settings(new double[] {1}, null));
        assertMessage("alphas has length 3, expected 2 (one per head)", () -> settings(new double[] {1, 1}, new double[] {1.5, 1.5, 1.5}));
        assertMessage("alphas[1] must be finite and > 1 (use softmax for alpha = 1), got 0.5",
                () -> Hopfield.builder(4).heads(2).alphas(1.5, 0.5).build());
        // a fixed alpha may lie outside a learned alpha's range (1.01, 2)
        assertArrayEquals(new double[] {1.005, 2.5}, Hopfield.builder(4).heads(2).alphas(1.005, 2.5).build().alphas());
    }

    private static HopfieldSettings settings(double[] betas, double[] alphas) {
        return new HopfieldSettings(4, 4, 4, 2, 2, 2, 4, new HopfieldSettings.Projections(true, true, true, true),
                new HopfieldSettings.Normalization(true, true, true), betas, false, Separation.softmax(), alphas, false, 1, 0, 0,
                null, 0, null, 0);
    }

    private static void assertMessage(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
