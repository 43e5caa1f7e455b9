package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The row-wise layers and the losses: every gradient against central finite differences, padding kept at zero. */
class ToolkitGradientTest {
    private static final Batch PADDED = FiniteDifferences.randomBags(new int[] {3, 1, 2}, 5, 7);

    @Test
    void linearActivationsAndLayerNormMatchFiniteDifferences() {
        Model model = Model.of(new Linear(5, 6, 1), Activation.gelu(), new LayerNorm(6), new Linear(6, 4, false, 2),
                Activation.relu(), new Linear(4, 3, 3));
        // LayerNorm's gain and bias start at 1 and 0: move them so a wrong index in their gradient shows
        for (Parameter p : model.parameters()) {
            if (!p.decays()) for (int i = 0; i < p.size(); i++) p.values()[i] += 0.1 * (i % 3) + 0.05;
        }
        assertTrue(FiniteDifferences.check(model, PADDED, 11) <= FiniteDifferences.TOLERANCE);
    }

    @Test
    void paddingStaysZeroAndGetsNoGradient() {
        Model model = Model.of(new Linear(5, 4, 1), Activation.gelu());
        Batch y = model.forward(PADDED, false);
        for (int b = 0; b < y.bags(); b++) {
            for (int i = (b * y.length() + y.size(b)) * y.width(); i < (b + 1) * y.length() * y.width(); i++) {
                assertEquals(0.0, y.values()[i], "padding of bag " + b + " at " + i);
            }
        }
    }

    @Test
    void dropoutIsSeededAndScalesKeptValues() {
        Batch x = Batch.rows(new double[1000], 100, 10).with(filled(1000, 1.0), 10);
        double[] a = new Dropout(0.25, 5).forward(x, true).values();
        double[] b = new Dropout(0.25, 5).forward(x, true).values();
        assertArrayEquals(a, b);
        int zeros = 0;
        for (double v : a) {
            assertTrue(v == 0 || v == 1 / 0.75, "a kept value is scaled by 1/(1-p), got " + v);
            if (v == 0) zeros++;
        }
        assertTrue(zeros > 200 && zeros < 300, "about a quarter dropped, got " + zeros);
        assertArrayEquals(x.values(), new Dropout(0.25, 5).forward(x, false).values());
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        double[] z = {0.3, -2.0, 5.0, -0.7};
        double[] y = {1, 0, 0, 1};
        Loss bce = Loss.binaryCrossEntropy(Batch.rows(z, 4, 1), y);
        FiniteDifferences.assertClose("bce", bce.gradient().values(),
                numeric(z, v -> Loss.binaryCrossEntropy(Batch.rows(v, 4, 1), y).value()));
        double expected = (Math.log1p(Math.exp(-0.3)) + Math.log1p(Math.exp(-2.0)) + Math.log1p(Math.exp(5.0))
                + Math.log1p(Math.exp(0.7))) / 4;
        assertEquals(expected, bce.value(), 1e-14);

        double[] logits = {1, 2, 3, -1, 0, 4};
        int[] labels = {2, 0};
        Loss ce = Loss.crossEntropy(Batch.rows(logits, 2, 3), labels);
        FiniteDifferences.assertClose("cross-entropy", ce.gradient().values(),
                numeric(logits, v -> Loss.crossEntropy(Batch.rows(v, 2, 3), labels).value()));
    }

    /** Central differences of a scalar function of the logits. */
    private static double[] numeric(double[] x, java.util.function.ToDoubleFunction<double[]> f) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone(), m = x.clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / 2e-6;
        }
        return g;
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
