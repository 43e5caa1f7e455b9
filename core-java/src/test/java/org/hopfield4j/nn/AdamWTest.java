package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AdamW against a hand computation, decoupled decay only on decaying parameters, and global-norm clipping. */
class AdamWTest {
    @Test
    void firstStepsMatchTheFormula() {
        Parameter w = new Parameter("w", 1, 1, true).fill(2.0);
        Parameter b = new Parameter("b", 1, 1, false).fill(2.0);
        AdamW adam = new AdamW(List.of(w, b), new AdamW.Settings(0.1, 0.9, 0.999, 1e-8, 0.5));
        w.gradient()[0] = 3;
        b.gradient()[0] = 3;
        adam.step();
        // step 1: m̂ = g, v̂ = g², so the Adam step is lr · g/|g| = 0.1; decay multiplies w by 1 − 0.1·0.5
        assertEquals(2.0 * 0.95 - 0.1 * 3 / (3 + 1e-8), w.values()[0], 1e-15);
        assertEquals(2.0 - 0.1 * 3 / (3 + 1e-8), b.values()[0], 1e-15);
        w.gradient()[0] = -1;
        double before = w.values()[0];
        adam.step();
        double m = (0.9 * 0.1 * 3 + 0.1 * -1) / (1 - 0.81), v = (0.999 * 0.001 * 9 + 0.001 * 1) / (1 - 0.999 * 0.999);
        assertEquals(before * 0.95 - 0.1 * m / (Math.sqrt(v) + 1e-8), w.values()[0], 1e-14);
    }

    @Test
    void clippingScalesToTheGlobalNorm() {
        Parameter a = new Parameter("a", 1, 2, true), b = new Parameter("b", 1, 1, true);
        a.gradient()[0] = 3;
        a.gradient()[1] = 0;
        b.gradient()[0] = 4;
        assertEquals(5.0, AdamW.clipGlobalNorm(List.of(a, b), 1.0), 1e-15);
        assertEquals(0.6, a.gradient()[0], 1e-15);
        assertEquals(0.8, b.gradient()[0], 1e-15);
        assertEquals(1.0, AdamW.clipGlobalNorm(List.of(a, b), 2.0), 1e-15);
        assertEquals(0.6, a.gradient()[0], 1e-15);
    }
}
