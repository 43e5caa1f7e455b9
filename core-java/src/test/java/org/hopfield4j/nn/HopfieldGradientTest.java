package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The must-show of #14 for the layers: for every layer, every map (α fixed and learned per head), with
 * padding masks, 1 to 4 heads and 1 to 3 update steps, the gradient of every parameter and of the input
 * equals central finite differences in float64 (relative error ≤ 1e-6). The points are random and
 * well-conditioned: no entry of a sparse map sits within h of its support threshold there (a kink
 * there would show as a large error, not a small one).
 */
class HopfieldGradientTest {
    private static final int WIDTH = 4;
    private static final Batch BAGS = FiniteDifferences.randomBags(new int[] {3, 5, 2}, WIDTH, 21);

    /** The maps of a layer: each a change to the builder. */
    private static final List<Named> MAPS = List.of(
            new Named("softmax", (b, h) -> b.separation(Separation.softmax())),
            new Named("sparsemax", (b, h) -> b.separation(Separation.sparsemax())),
            new Named("entmax15", (b, h) -> b.separation(Separation.entmax15())),
            new Named("entmax(1.3)", (b, h) -> b.separation(Separation.entmax(1.3))),
            new Named("normmax(2)", (b, h) -> b.separation(Separation.named("normmax", 2.0))),
            new Named("fixed alpha per head", (b, h) -> b.alphas(Arrays.copyOf(new double[] {1.2, 1.7, 1.4, 1.9}, h))),
            new Named("learned alpha per head",
                    (b, h) -> b.learnedAlpha(Arrays.copyOf(new double[] {1.3, 1.6, 1.45, 1.8}, h))));

    record Named(String name, BiFunction<HopfieldBuilder, Integer, HopfieldBuilder> map) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Kind { HOPFIELD, POOLING, LOOKUP }

    /** Every (layer, map), with heads 1–4 and steps 1–3 cycling so that each layer meets every count. */
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        int i = 0;
        for (Kind kind : Kind.values()) {
            for (Named map : MAPS) {
                for (int round = 0; round < 2; round++, i++) {
                    all.add(Arguments.of(kind, map, 1 + i % 4, 1 + i % 3));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} heads={2} steps={3}")
    @MethodSource("cases")
    void everyGradientMatchesFiniteDifferences(Kind kind, Named map, int heads, int steps) {
        assertTrue(FiniteDifferences.check(model(kind, map, heads, steps, Precision.FLOAT64), BAGS, 5)
                <= FiniteDifferences.TOLERANCE);
    }

    /** The layer of one case followed by Linear(→ 2), its LayerNorms moved off their symmetric start. */
    static Model model(Kind kind, Named map, int heads, int steps, Precision precision) {
        HopfieldBuilder b = Hopfield.builder(WIDTH).heads(heads).keyDim(2).valueDim(3).outputWidth(3)
                .updateSteps(steps).learnBeta(true).beta(0.9).seed(heads * 10L + steps).precision(precision);
        map.map().apply(b, heads);
        Layer layer = switch (kind) {
            case HOPFIELD -> b.build();
            case POOLING -> b.buildPooling(2);
            case LOOKUP -> b.buildLayer(5);
        };
        Model model = Model.of(layer, new Linear(kind == Kind.POOLING ? 6 : 3, 2, 99));
        shiftNormalization(model);
        return model;
    }

    /** The learned-kernel similarity (its W trained end to end) and an association mask. */
    @Test
    void kernelAndAssociationMaskGradientsMatchFiniteDifferences() {
        boolean[] mask = new boolean[5 * 5];
        for (int i = 0; i < 5; i++) for (int j = 0; j <= i; j++) mask[i * 5 + j] = true; // causal
        Hopfield layer = Hopfield.builder(WIDTH).heads(2).keyDim(2).valueDim(2).kernel(3).updateSteps(2)
                .separation(Separation.sparsemax()).mask(mask, 5, 5).seed(3).build();
        Model model = Model.of(layer);
        shiftNormalization(model);
        assertTrue(FiniteDifferences.check(model, BAGS, 8) <= FiniteDifferences.TOLERANCE);
    }

    /** Projections off: the heads split the inputs themselves. */
    @Test
    void withoutProjectionsGradientsMatchFiniteDifferences() {
        HopfieldLayer layer = Hopfield.builder(WIDTH).heads(2).projections(false, false, false, false)
                .normalize(false, true, false).separation(Separation.entmax15()).updateSteps(3).seed(4).buildLayer(6);
        assertTrue(FiniteDifferences.check(Model.of(layer), BAGS, 9) <= FiniteDifferences.TOLERANCE);
    }

    /** LayerNorm starts at gain 1 and bias 0, a symmetric point: move it so index mistakes show. */
    static void shiftNormalization(Model model) {
        for (var e : model.namedParameters().entrySet()) {
            if (e.getKey().contains("norm_")) {
                double[] v = e.getValue().values();
                for (int i = 0; i < v.length; i++) v[i] += 0.1 * ((i * 7) % 5) - 0.2;
            }
        }
    }
}
