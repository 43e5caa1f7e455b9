package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;
import org.hopfield4j.nn.HopfieldGradientTest.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 layers against the float64 ones (#14: "float32 matches float64 within its precision"): for
 * every layer, map (α fixed and learned per head), padding masks, 1–4 heads and 1–3 steps (the grid of
 * {@link HopfieldGradientTest}), the output, every parameter gradient and the input gradient.
 *
 * <p><b>The tolerance comes from the point's condition, measured.</b> A float32 layer computes the
 * float64 one with every product operand and result rounded to float32 (relative error ≤ u = 2⁻²⁴
 * each, the reductions' own error folded in: the inner dimensions here are ≤ 6). Each rounding stage
 * perturbs the computation at most as much as a relative perturbation of size u of the parameters and
 * inputs does, as seen from the output: so for each quantity F (the output, a gradient) the allowed
 * error is S · (Δ + u ‖F‖), where Δ is the largest change of F under three random relative
 * perturbations of size u of every parameter and input (computed in float64: the condition of this
 * point times u), u ‖F‖ the final rounding, and S the rounding stages on the longest path, counted in
 * {@link #stages}. A gradient that vanishes by an invariance (the keys' LayerNorm bias under shift
 * invariance of the map) has no condition to speak of: in float32 it is rounding noise of the terms
 * that cancel, bounded by S · u · the largest gradient of the layer.
 */
class HopfieldPrecisionTest {
    private static final double U = Math.ulp(1.0f) / 2;   // float32's unit roundoff, 2^-24
    private static final int WIDTH = 4;
    private static final Batch BAGS = FiniteDifferences.randomBags(new int[] {3, 5, 2}, WIDTH, 21);

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return HopfieldGradientTest.cases();
    }

    @ParameterizedTest(name = "{0} {1} heads={2} steps={3}")
    @MethodSource("cases")
    void float32OutputAndGradientsMatchFloat64WithinTheConditionOfThePoint(Kind kind, HopfieldGradientTest.Named map, int heads, int steps) {
        assertFloat32MatchesFloat64(precision -> HopfieldGradientTest.model(kind, map, heads, steps, precision), steps);
    }

    /** The learned-kernel similarity with an association mask; projections off. */
    @Test
    void kernelMaskAndProjectionsOffMatchFloat64() {
        boolean[] mask = new boolean[5 * 5];
        for (int i = 0; i < 5; i++) for (int j = 0; j <= i; j++) mask[i * 5 + j] = true; // causal
        assertFloat32MatchesFloat64(precision -> Model.of(Hopfield.builder(WIDTH).heads(2).keyDim(2).valueDim(2)
                .kernel(3).updateSteps(2).separation(Separation.sparsemax()).mask(mask, 5, 5).seed(3)
                .precision(precision).build()), 2);
        assertFloat32MatchesFloat64(precision -> Model.of(Hopfield.builder(WIDTH).heads(2)
                .projections(false, false, false, false).normalize(false, true, false)
                .separation(Separation.entmax15()).updateSteps(3).seed(4).precision(precision).buildLayer(6)), 3);
    }

    /**
     * The edges of the float32 path's own operations inside the layers: width 1 (LayerNorm of one value:
     * zero variance), bags of one instance, ties (every instance of a bag the same: zero variance and a
     * uniform association), large inputs (10⁴, which LayerNorm brings back to unit scale); pooling and
     * self-association, 1 and 2 steps.
     */
    @Test
    void edgeInputsMatchFloat64() {
        Batch tied = Batch.ofBags(List.of(new double[] {0.5, -1, 2, 0.25, 0.5, -1, 2, 0.25, 0.5, -1, 2, 0.25},
                new double[] {3, 3, 3, 3}), WIDTH);
        double[] large = BAGS.values().clone();
        for (int i = 0; i < large.length; i++) large[i] *= 1e4;
        Batch width1 = Batch.ofBags(List.of(new double[] {0.3, -1.2, 2.0}, new double[] {0.7}), 1);
        Batch single = Batch.ofBags(List.of(new double[] {0.3, -1.2, 2.0, 0.1}, new double[] {0.7, 0.2, -0.4, 1.1}), WIDTH);
        for (Batch input : List.of(tied, BAGS.with(large, WIDTH), single)) {
            for (int steps = 1; steps <= 2; steps++) {
                int t = steps;
                assertFloat32MatchesFloat64(precision -> Model.of(Hopfield.builder(WIDTH).heads(2).updateSteps(t)
                        .separation(Separation.softmax()).seed(7).precision(precision).buildPooling(2)), t, input);
                assertFloat32MatchesFloat64(precision -> Model.of(Hopfield.builder(WIDTH).heads(1).updateSteps(t)
                        .separation(Separation.sparsemax()).seed(8).precision(precision).build()), t, input);
            }
        }
        assertFloat32MatchesFloat64(precision -> Model.of(Hopfield.builder(1).separation(Separation.softmax()).seed(9)
                .precision(precision).buildPooling(1)), 1, width1);
    }

    private static void assertFloat32MatchesFloat64(Function<Precision, Model> build, int steps) {
        assertFloat32MatchesFloat64(build, steps, BAGS);
    }

    private static void assertFloat32MatchesFloat64(Function<Precision, Model> build, int steps, Batch input) {
        Model f64 = build.apply(Precision.FLOAT64), f32 = build.apply(Precision.FLOAT32);
        double[] cotangent = cotangent(f64, input, 5);
        Map<String, double[]> exact = quantities(f64, input, cotangent);
        Map<String, double[]> single = quantities(f32, input, cotangent);
        Map<String, double[]> change = perturbationChange(f64, input, exact, cotangent);
        int stages = stages(steps);
        double largest = exact.values().stream().mapToDouble(HopfieldPrecisionTest::norm).max().orElseThrow();
        for (String q : exact.keySet()) {
            double norm = norm(exact.get(q));
            double allowed = norm <= FiniteDifferences.ZERO
                    ? stages * U * largest
                    : stages * (norm(change.get(q)) + U * norm);
            double error = norm(minus(single.get(q), exact.get(q)));
            if (q.equals("output") && input == BAGS) assertTrue(error > 0, "the float32 layer computed in float64");
            assertTrue(error <= allowed, q + ": float32 differs by " + error + ", allowed " + allowed + " (|F| " + norm
                    + ", change under u-perturbation " + norm(change.get(q)) + ", " + stages + " stages)");
        }
    }

    /**
     * S: the float32 rounding stages on the longest path of a forward and its backward. Forward: the
     * input, the LayerNorm output entering W_Q / W_K / W_V, their product, per step the two products of
     * the association (scores, read-out) and the map between them, W_O's product (3 + 3T); the
     * backward passes the same stages once more and forms the parameter gradients in one more product.
     */
    static int stages(int steps) {
        int forward = 3 + 3 * steps;
        return 2 * forward + 1;
    }

    /** float32 training of the toy pooling task still reaches 100 % training accuracy (three seeds). */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void float32PoolingNetworkLearnsTheToyTaskToFullTrainingAccuracy(long seed) {
        Bags data = ToyBags.generate(48, 8, 100 + seed);
        Model model = Model.of(new Linear(8, 16, true, seed, Precision.FLOAT32), Activation.relu(),
                Hopfield.builder(16).heads(2).separation(Separation.sparsemax()).precision(Precision.FLOAT32).seed(seed)
                        .buildPooling(1),
                new Linear(16, 1, true, seed + 1, Precision.FLOAT32));
        assertEquals(1.0, HopfieldTrainingTest.train(model, data, seed), "training accuracy after at most 60 epochs");
    }

    private static double[] cotangent(Model model, Batch input, long seed) {
        Batch out = model.forward(input, false);
        SplittableRandom random = new SplittableRandom(seed);
        double[] c = new double[out.values().length];
        for (int i = 0; i < c.length; i++) c[i] = random.nextDouble() * 2 - 1;
        out.clearPadding(c, out.width());
        return c;
    }

    /** The output, every parameter gradient and the input gradient for the cotangent, by name. */
    private static Map<String, double[]> quantities(Model model, Batch input, double[] cotangent) {
        Map<String, double[]> all = new LinkedHashMap<>();
        model.zeroGradients();
        Batch out = model.forward(input, false);
        all.put("output", out.values().clone());
        Batch dx = model.backward(out.with(cotangent.clone(), out.width()));
        for (var e : model.namedParameters().entrySet()) all.put(e.getKey(), e.getValue().gradient().clone());
        all.put("input", dx.values().clone());
        return all;
    }

    /**
     * Per quantity, the largest change over three random relative perturbations of size u of every
     * parameter and input (float64); the parameters are restored.
     */
    private static Map<String, double[]> perturbationChange(Model model, Batch input, Map<String, double[]> exact,
                                                            double[] cotangent) {
        Map<String, double[]> largest = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        List<double[]> saved = new ArrayList<>();
        for (Parameter p : model.parameters()) saved.add(p.values().clone());
        for (int sample = 0; sample < 3; sample++) {
            for (Parameter p : model.parameters()) perturb(p.values(), random);
            double[] x = input.values().clone();
            perturb(x, random);
            Map<String, double[]> moved = quantities(model, input.with(x, input.width()), cotangent);
            for (String q : exact.keySet()) {
                double[] d = minus(moved.get(q), exact.get(q));
                if (!largest.containsKey(q) || norm(d) > norm(largest.get(q))) largest.put(q, d);
            }
            for (int i = 0; i < saved.size(); i++) {
                System.arraycopy(saved.get(i), 0, model.parameters().get(i).values(), 0, saved.get(i).length);
            }
        }
        return largest;
    }

    private static void perturb(double[] v, SplittableRandom random) {
        for (int i = 0; i < v.length; i++) v[i] *= 1 + U * (2 * random.nextDouble() - 1);
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double x : a) s += x * x;
        return Math.sqrt(s);
    }
}
