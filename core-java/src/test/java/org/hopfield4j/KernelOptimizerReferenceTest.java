package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage I's optimisers and step schedules against a hand computation of their updates over several
 * epochs (docs/math.md#uhop): the expected W_k is computed here in plain float64 from the gradients
 * that the public {@link SeparationLoss#evaluate} returns at the expected W_{k−1}, with the textbook
 * formulas written out below — SGD's W − γ_k g, Adam's moments with both bias corrections (Kingma &amp;
 * Ba 2015, Algorithm 1), and γ_k of each schedule in closed form (γ, γ/√k, γ/√(k!)). Nothing of
 * {@code GradientDescent} or {@code KernelTrainer.Schedule} is reused, so a dropped bias correction,
 * a swapped β₁/β₂, a step taken with the wrong sign or at the wrong epoch's rate each move W far
 * beyond the tolerance (rounding only: the gradients are those of the same W).
 */
class KernelOptimizerReferenceTest {
    private static final int M = 6;
    private static final int d = 5;
    private static final int D = 4;
    private static final int EPOCHS = 5;
    private static final double T = 1.5;

    /** One optimiser setting: SGD, or Adam with its β₁, β₂, ε. */
    private record Optimizer(KernelTrainer.Optimizer kind, double beta1, double beta2, double eps) {
        @Override
        public String toString() {
            return kind == KernelTrainer.Optimizer.SGD ? "SGD" : "Adam(" + beta1 + ", " + beta2 + ", " + eps + ")";
        }
    }

    static List<Arguments> cases() {
        List<Optimizer> optimizers = List.of(
                new Optimizer(KernelTrainer.Optimizer.SGD, 0.9, 0.999, 1e-8),
                new Optimizer(KernelTrainer.Optimizer.ADAM, 0.9, 0.999, 1e-8),   // the defaults
                new Optimizer(KernelTrainer.Optimizer.ADAM, 0.5, 0.8, 1e-3));    // β₁ ≠ β₂ far apart, ε that matters
        List<Arguments> cases = new ArrayList<>();
        for (Optimizer optimizer : optimizers) {
            for (KernelTrainer.Schedule schedule : KernelTrainer.Schedule.values()) {
                for (SeparationLoss loss : new SeparationLoss[] {SeparationLoss.AVG, SeparationLoss.DL}) {
                    for (boolean f32 : new boolean[] {false, true}) {
                        cases.add(Arguments.of(optimizer, schedule, loss, f32));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} {2} float32={3}")
    @MethodSource("cases")
    void trainedWEqualsTheHandComputedUpdates(Optimizer optimizer, KernelTrainer.Schedule schedule,
                                              SeparationLoss loss, boolean f32) {
        double gamma = optimizer.kind() == KernelTrainer.Optimizer.SGD ? 0.4 : 0.05;
        try (MemoryStore store = KernelTrainerTest.randomStore(11, M, d, f32)) {
            double[] w0 = KernelTrainer.gaussian(D, d, 5, 0.7);
            List<Double> reportedRates = new ArrayList<>();
            LearnedKernel kernel = KernelTrainer.builder()
                    .loss(loss).t(T).epochs(EPOCHS).learningRate(gamma).schedule(schedule)
                    .optimizer(optimizer.kind()).adam(optimizer.beta1(), optimizer.beta2(), optimizer.eps())
                    .normalizeRows(false)
                    .progress((epoch, epochs, value, minDistance2, rate) -> reportedRates.add(rate))
                    .build().train(store, w0, D);

            double[] w = w0.clone();
            double[] m = new double[w.length];
            double[] v = new double[w.length];
            double[] losses = new double[EPOCHS + 1];
            for (int k = 1; k <= EPOCHS; k++) {
                SeparationLoss.Evaluation at = loss.evaluate(w, D, store, T, true);
                losses[k - 1] = at.loss();
                double rate = expectedRate(schedule, gamma, k);
                assertEquals(rate, reportedRates.get(k - 1), 1e-15 * rate, "γ_" + k + " of " + schedule);
                double[] g = at.gradient();
                for (int i = 0; i < w.length; i++) {
                    if (optimizer.kind() == KernelTrainer.Optimizer.SGD) {
                        w[i] -= rate * g[i];
                    } else {
                        m[i] = optimizer.beta1() * m[i] + (1 - optimizer.beta1()) * g[i];
                        v[i] = optimizer.beta2() * v[i] + (1 - optimizer.beta2()) * g[i] * g[i];
                        double mHat = m[i] / (1 - Math.pow(optimizer.beta1(), k));
                        double vHat = v[i] / (1 - Math.pow(optimizer.beta2(), k));
                        w[i] -= rate * mHat / (Math.sqrt(vHat) + optimizer.eps());
                    }
                }
            }
            losses[EPOCHS] = loss.evaluate(w, D, store, T, true).loss();

            // float32: each evaluation rounds W to float, so W_k may differ from the float64 walk by a
            // few float ulps of the gradient times γ; a wrong update moves it by a sizeable part of γ.
            double tolerance = f32 ? 1e-5 : 1e-11;
            double[] trained = kernel.featureMap();
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], trained[i], tolerance * (1 + Math.abs(w[i])),
                        "W after " + EPOCHS + " epochs, entry " + i + " (row " + i / d + ", column " + i % d + ")");
            }
            assertArrayEquals(losses, kernel.lossHistory(), f32 ? 1e-5 : 1e-11, "loss history");
        }
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void learningRatesFollowTheClosedForms(KernelTrainer.Schedule schedule) {
        double gamma = 0.3;
        KernelTraining training = KernelTrainer.builder().epochs(8).learningRate(gamma).schedule(schedule)
                .build().training();
        double[] rates = training.learningRates();
        assertEquals(8, rates.length);
        for (int k = 1; k <= 8; k++) {
            double expected = expectedRate(schedule, gamma, k);
            assertEquals(expected, rates[k - 1], 1e-15 * expected, "γ_" + k + " of " + schedule);
        }
    }

    static KernelTrainer.Schedule[] schedules() {
        return KernelTrainer.Schedule.values();
    }

    /** γ_k in closed form: constant γ, γ/√k, or the cumulative γ/√(k!) = γ/√(1 · 2 ⋯ k). */
    private static double expectedRate(KernelTrainer.Schedule schedule, double gamma, int k) {
        return switch (schedule) {
            case CONSTANT -> gamma;
            case INV_SQRT -> gamma / Math.sqrt(k);
            case CUMULATIVE -> {
                double factorial = 1;
                for (int i = 2; i <= k; i++) factorial *= i;
                yield gamma / Math.sqrt(factorial);
            }
        };
    }
}
