package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AdamW counts its steps (the bias corrections' t) and keeps its settings. */
class AdamWCountsTest {
    @Test
    void stepsAreCountedAndSettingsKept() {
        AdamW.Settings settings = AdamW.Settings.defaults(0.01);
        AdamW adam = new AdamW(List.of(new Parameter("w", 1, 2, true)), settings);
        assertSame(settings, adam.settings());
        adam.step();
        adam.step();
        assertEquals(2, adam.steps());
    }
}
