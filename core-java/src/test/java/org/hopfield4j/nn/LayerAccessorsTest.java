package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.hopfield4j.Precision;
import org.junit.jupiter.api.Test;

/** The layers' accessors return their own parameters and settings; kinds name the layers in a model. */
class LayerAccessorsTest {
    @Test
    void layersReturnTheirParametersAndSettings() {
        HopfieldLayer layer = Hopfield.builder(4).buildLayer(3);
        Map<String, Parameter> named = Model.of(layer).namedParameters();
        assertSame(named.get("0.hopfield_layer.memory"), layer.memory());
        assertSame(named.get("0.hopfield_layer.targets"), layer.targets());
        HopfieldPooling pooling = Hopfield.builder(4).buildPooling(2);
        assertSame(Model.of(pooling).namedParameters().get("0.hopfield_pooling.queries"), pooling.queries());
        assertEquals(Precision.FLOAT32, new Linear(2, 2, true, 1, Precision.FLOAT32).precision());
        assertEquals("Parameter[w, 1 x 2]", new Parameter("w", 1, 2, true).toString());
        assertEquals("Model[relu, gelu]", Model.of(Activation.relu(), Activation.gelu()).toString());
        assertEquals("Model[hopfield, hopfield_layer]",
                Model.of(Hopfield.builder(4).build(), Hopfield.builder(4).buildLayer(2)).toString());
        assertEquals("mask has length 5, expected 6 (rows * cols)", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new HopfieldSettings.AssociationMask(new boolean[5], 2, 3)).getMessage());
    }

    @Test
    void theSeparateInputGradientsOfASelfAssociationSumToItsGradient() {
        Batch x = FiniteDifferences.randomBags(new int[] {2, 3}, 4, 61);
        Hopfield self = Hopfield.builder(4).heads(2).seed(7).build(), separate = Hopfield.builder(4).heads(2).seed(7).build();
        Batch y = self.forward(x, false);
        double[] g = new double[y.values().length];
        for (int i = 0; i < g.length; i++) g[i] = Math.cos(i);
        y.clearPadding(g, y.width());
        double[] total = self.backward(y.with(g, y.width())).values();
        separate.forward(x, x, x, false);
        Hopfield.InputGradients parts = separate.backwardInputs(y.with(g, y.width()));
        for (int i = 0; i < total.length; i++) {
            assertEquals(total[i], parts.state().values()[i] + parts.stored().values()[i] + parts.values().values()[i], 1e-12);
        }
    }
}
