package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.hopfield4j.Precision;
import org.junit.jupiter.api.Test;

/**
 * Whatever an upstream gradient holds in the padding rows is ignored: every parameter gradient and the
 * input gradient are those of the same gradient with zero padding, and the input gradient's padding is zero.
 */
class PaddingGradientTest {
    private static final Batch BAGS = FiniteDifferences.randomBags(new int[] {3, 1, 2}, 4, 51);

    @Test
    void rowwiseLayersIgnoreThePaddingOfTheirGradient() {
        assertPaddingIgnored(() -> Model.of(new Linear(4, 3, 1), Activation.gelu(), new LayerNorm(3), new Linear(3, 2, 2)));
    }

    @Test
    void hopfieldLayersIgnoreThePaddingOfTheirGradientInBothPrecisions() {
        for (Precision precision : Precision.values()) {
            assertPaddingIgnored(() -> Model.of(Hopfield.builder(4).heads(2).precision(precision).seed(3).build()));
            assertPaddingIgnored(() -> Model.of(Hopfield.builder(4).heads(2).projections(false, false, false, false)
                    .precision(precision).seed(4).build()));
        }
    }

    @Test
    void aGradientOfTheWrongLengthIsRejected() {
        Model model = Model.of(new Linear(4, 3, 1));
        model.forward(BAGS, false);
        assertEquals("gradOutput has length 8, expected 27 (rows * output width)",
                assertThrows(IllegalArgumentException.class, () -> model.backward(Batch.rows(new double[8], 8, 1))).getMessage());
        HopfieldPooling pooling = Hopfield.builder(4).buildPooling(2);
        pooling.forward(BAGS, false);
        assertEquals("gradOutput has length 6, expected 48 (bags * queries * output width)",
                assertThrows(IllegalArgumentException.class, () -> pooling.backward(Batch.rows(new double[6], 6, 1))).getMessage());
    }

    private static void assertPaddingIgnored(Supplier<Model> build) {
        Model clean = build.get(), dirty = build.get();
        Batch y = clean.forward(BAGS, false);
        dirty.forward(BAGS, false);
        double[] g = new double[y.values().length], noisy = new double[g.length];
        for (int i = 0; i < g.length; i++) noisy[i] = g[i] = Math.sin(i + 1.0);
        y.clearPadding(g, y.width());
        double[] dx = clean.backward(y.with(g, y.width())).values();
        double[] dxNoisy = dirty.backward(y.with(noisy, y.width())).values();
        assertArrayEquals(dx, dxNoisy, 1e-12, "input gradient");
        for (int i = 0; i < dx.length; i++) if (isPadding(i)) assertEquals(0.0, dxNoisy[i], "padding " + i);
        List<Parameter> a = clean.parameters(), b = dirty.parameters();
        for (int p = 0; p < a.size(); p++) assertArrayEquals(a.get(p).gradient(), b.get(p).gradient(), 1e-12, a.get(p).name());
    }

    private static boolean isPadding(int index) {
        int row = index / BAGS.width(), bag = row / BAGS.length();
        return row % BAGS.length() >= BAGS.size(bag);
    }
}
