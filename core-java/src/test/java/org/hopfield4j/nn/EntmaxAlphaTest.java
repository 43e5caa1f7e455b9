package org.hopfield4j.nn;

import static org.hopfield4j.nn.AssociationGradientChecks.FD_TOLERANCE;
import static org.hopfield4j.nn.AssociationGradientChecks.assertGradient;
import static org.hopfield4j.nn.AssociationGradientChecks.dot;
import static org.hopfield4j.nn.AssociationGradientChecks.fd;
import static org.hopfield4j.nn.AssociationGradientChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.hopfield4j.Separation;
import org.hopfield4j.nn.AssociationGradientChecks.IllConditioned;
import org.hopfield4j.reference.ReferenceAssociation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * α as a parameter: the α-gradient of α-entmax equals finite differences and the independent
 * reference (implicit differentiation of the threshold) across (1, 2]; per head through
 * {@link EntmaxAlpha}'s parameterisation; and the parameterisation keeps α in [1 + δ, 2] under 10 000
 * Adam steps with a large learning rate pushing either way.
 */
class EntmaxAlphaTest {
    static final Association.Shape SHAPE = new Association.Shape(1, 4, 8, 3, 2);

    @ParameterizedTest(name = "alpha = {0}")
    @ValueSource(doubles = {1.05, 1.1, 1.25, 1.5, 1.75, 1.9, 2.0})
    void alphaGradientEqualsFiniteDifferencesAndTheReference(double alpha) {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            // scores spread over a few units so that several entries share the support
            double[] q = gaussian(rnd, 4 * 3, 1.2), k = gaussian(rnd, 8 * 3, 1.2), v = gaussian(rnd, 8 * 2, 1);
            double[] dOut = gaussian(rnd, 4 * 2, 1);
            try {
                AssociationForward<double[]> f = Association.of(Separation.entmax(alpha), SHAPE).forward(q, k, v, 1.0);
                boolean[] support = AssociationGradientChecks.support(f.associations());
                double analytic = f.backward(dOut).dAlpha()[0];
                double[] fdAlpha = fd(new double[] {alpha}, a -> {
                    AssociationForward<double[]> g = Association.of(Separation.entmax(a[0]), SHAPE).forward(q, k, v, 1.0);
                    AssociationGradientChecks.sameSupport(support, AssociationGradientChecks.support(g.associations()));
                    return dot(g.output(), dOut);
                });
                assertGradient(new double[] {analytic}, fdAlpha, FD_TOLERANCE, "alpha " + alpha);
                assertEquals(referenceAlphaGradient(f, q, k, v, dOut, alpha), analytic, 1e-9 * Math.max(1, Math.abs(analytic)),
                        "the reference's implicit differentiation");
                return;
            } catch (IllConditioned e) {
                // next seed
            }
        }
        fail("no well-conditioned point in 40 seeds");
    }

    /** dα by the reference, from the native forward's P and S. */
    private static double referenceAlphaGradient(AssociationForward<double[]> f, double[] q, double[] k, double[] v,
                                                 double[] dOut, double alpha) {
        double[] p = f.associations();
        double total = 0;
        for (int r = 0; r < 4; r++) {
            double[] pr = new double[8], z = new double[8], dp = new double[8];
            for (int j = 0; j < 8; j++) {
                pr[j] = p[r * 8 + j];
                for (int e = 0; e < 3; e++) z[j] += q[r * 3 + e] * k[j * 3 + e];
                for (int e = 0; e < 2; e++) dp[j] += dOut[r * 2 + e] * v[j * 2 + e];
            }
            total += ReferenceAssociation.entmaxAlphaVjp(pr, z, dp, alpha);
        }
        return total;
    }

    @Test
    void perHeadRawGradientEqualsFiniteDifferences() {
        // two heads = two problems of three queries each; one raw alpha per head
        Association.Shape shape = new Association.Shape(2, 3, 7, 3, 2);
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] q = gaussian(rnd, 2 * 3 * 3, 1.2), k = gaussian(rnd, 2 * 7 * 3, 1.2), v = gaussian(rnd, 2 * 7 * 2, 1);
            double[] dOut = gaussian(rnd, 2 * 3 * 2, 1);
            double[] raw = {EntmaxAlpha.raw(1.3), EntmaxAlpha.raw(1.8)};
            try {
                AssociationForward<double[]> f = Association.of(
                        Separation.entmaxPerRow(EntmaxAlpha.perRow(EntmaxAlpha.alphas(raw), 3)), shape).forward(q, k, v, 1.0);
                boolean[] support = AssociationGradientChecks.support(f.associations());
                double[] analytic = EntmaxAlpha.rawGradient(raw, f.backward(dOut).dAlpha());
                double[] numeric = fd(raw.clone(), a -> {
                    AssociationForward<double[]> g = Association.of(
                            Separation.entmaxPerRow(EntmaxAlpha.perRow(EntmaxAlpha.alphas(a), 3)), shape).forward(q, k, v, 1.0);
                    AssociationGradientChecks.sameSupport(support, AssociationGradientChecks.support(g.associations()));
                    return dot(g.output(), dOut);
                });
                assertGradient(analytic, numeric, FD_TOLERANCE, "raw alpha per head");
                return;
            } catch (IllConditioned e) {
                // next seed
            }
        }
        fail("no well-conditioned point in 40 seeds");
    }

    @Test
    void parameterisationRoundTripsAndItsDerivativeIsExact() {
        for (double alpha : new double[] {1.02, 1.2, 1.5, 1.9, 1.999}) {
            assertEquals(alpha, EntmaxAlpha.alpha(EntmaxAlpha.raw(alpha)), 1e-12);
        }
        for (double a : new double[] {-30, -3, -0.5, 0, 0.7, 4, 30}) {
            double h = 1e-6;
            double numeric = (EntmaxAlpha.alpha(a + h) - EntmaxAlpha.alpha(a - h)) / (2 * h);
            assertEquals(numeric, EntmaxAlpha.derivative(a), 1e-9, "dalpha/da at " + a);
        }
        assertEquals(1 + EntmaxAlpha.MIN_EXCESS, EntmaxAlpha.alpha(-1e300), 1e-15);
        assertEquals(2.0, EntmaxAlpha.alpha(1e300));
    }

    @Test
    void alphaStaysInItsIntervalThroughTenThousandAdamStepsWithALargeLearningRate() {
        // Adam (Kingma & Ba) on the raw value, lr 10: gradients of constant sign drive it to either
        // end, random ones make it wander; every alpha must stay usable as an entmax alpha
        SplittableRandom rnd = new SplittableRandom(5);
        for (int regime = 0; regime < 3; regime++) {
            double a = 0, m = 0, s = 0, lr = 10, b1 = 0.9, b2 = 0.999;
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int t = 1; t <= 10_000; t++) {
                double g = regime == 0 ? 1e3 : regime == 1 ? -1e3 : 1e3 * (rnd.nextDouble() - 0.5);
                m = b1 * m + (1 - b1) * g;
                s = b2 * s + (1 - b2) * g * g;
                a -= lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(s / (1 - Math.pow(b2, t))) + 1e-8);
                a -= lr * 0.01 * a; // decoupled weight decay, as AdamW
                double alpha = EntmaxAlpha.alpha(a);
                lo = Math.min(lo, alpha);
                hi = Math.max(hi, alpha);
                Separation.entmax(alpha); // accepted: finite and > 1
            }
            assertTrue(lo >= 1 + EntmaxAlpha.MIN_EXCESS && hi <= 2, "regime " + regime + ": alpha in [" + lo + ", " + hi + "]");
        }
    }
}
