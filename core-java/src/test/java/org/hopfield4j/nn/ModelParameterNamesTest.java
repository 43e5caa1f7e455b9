package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A model keeps its layers in order; its parameters are named {@code <layer index>.<layer kind>.<name>}, the keys of its saved file (docs/formats.md). */
class ModelParameterNamesTest {
    @Test
    void namesAreIndexKindAndName() {
        List<Layer> layers = List.of(new Linear(3, 4, 1), Activation.relu(), new LayerNorm(4), new Linear(4, 2, false, 2));
        Model model = Model.of(layers);
        assertEquals(layers, model.layers());
        assertEquals(List.of("0.linear.weight", "0.linear.bias", "2.layer_norm.gain", "2.layer_norm.bias", "3.linear.weight"),
                List.copyOf(model.namedParameters().keySet()));
    }
}
