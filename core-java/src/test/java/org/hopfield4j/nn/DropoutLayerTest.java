package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Dropout's backward scales the gradient by the forward's own mask; evaluation passes both through; its kind names it. */
class DropoutLayerTest {
    @Test
    void theGradientIsScaledByTheSameMaskAsTheOutput() {
        Batch ones = Batch.rows(ToolkitGradientTest.filled(60, 1.0), 20, 3);
        Batch dy = Batch.rows(ToolkitGradientTest.filled(60, 2.0), 20, 3);
        Dropout dropout = new Dropout(0.4, 3);
        double[] y = dropout.forward(ones, true).values();
        double[] dx = dropout.backward(dy).values();
        for (int i = 0; i < y.length; i++) assertEquals(2 * y[i], dx[i], 1e-15, "entry " + i);
        dropout.forward(ones, false);
        assertArrayEquals(dy.values(), dropout.backward(dy).values(), "evaluation: no mask");
        assertEquals("Model[linear, dropout]", Model.of(new Linear(3, 3, 1), dropout).toString());
    }
}
