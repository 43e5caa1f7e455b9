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
    }
}
