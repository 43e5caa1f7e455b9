package org.hopfield4j.nn;

import static org.hopfield4j.nn.AssociationGradientChecks.FD_TOLERANCE;
import static org.hopfield4j.nn.AssociationGradientChecks.assertGradient;
import static org.hopfield4j.nn.AssociationGradientChecks.fd;
import static org.hopfield4j.nn.AssociationGradientChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hopfield4j.MapKind;
import org.hopfield4j.Separation;
import org.hopfield4j.nn.AssociationGradientChecks.IllConditioned;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every gradient of {@link Association} (dQ, dK, dV, dβ per problem, dα for fixed and per-row α)
 * equals central finite differences in float64 to 1e-6, for every map, with and without an
 * association mask, key counts (padding) and dropout. Only well-conditioned points count
 * ({@link AssociationGradientChecks}: no step changes a support, the differences have converged,
 * the gradient is not zero); otherwise the next seed is drawn.
 */
class AssociationGradientTest {
    static final Association.Shape SHAPE = new Association.Shape(2, 3, 6, 4, 5);

    enum Masking { NONE, MASK, KEY_COUNTS, DROPOUT }

    /** A map case: how to build the map from its α values (one, or one per row). */
    record MapCase(String name, double[] alphas, Function<double[], Separation> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Case(MapCase map, Masking masking) {
        @Override
        public String toString() {
            return map + " " + masking;
        }
    }

    static List<MapCase> maps() {
        double[] rowAlphas = {1.25, 1.5, 1.9, 1.35, 2.0, 1.6};
        return List.of(
                new MapCase("softmax", new double[] {1}, a -> Separation.softmax()),
                new MapCase("sparsemax", new double[] {2}, a -> Separation.sparsemax()),
                new MapCase("entmax15", new double[] {1.5}, a -> Separation.entmax15()),
                new MapCase("entmax(1.3)", new double[] {1.3}, a -> Separation.entmax(a[0])),
                new MapCase("entmax(1.75)", new double[] {1.75}, a -> Separation.entmax(a[0])),
                new MapCase("entmax(per-row)", rowAlphas, Separation::entmaxPerRow),
                new MapCase("normmax(2)", new double[] {2}, a -> Separation.named("normmax", a[0])));
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (MapCase m : maps()) {
            for (Masking k : Masking.values()) out.add(new Case(m, k));
        }
        return out;
    }

    /** One drawn point: inputs, β per problem, upstream gradient, masks. */
    static final class Point {
        final double[] q, k, v, beta, dOut;
        final boolean[] mask, keep;
        final int[] keyCounts;

        Point(SplittableRandom rnd, Masking masking) {
            q = gaussian(rnd, SHAPE.problems() * SHAPE.queries() * SHAPE.keyDim(), 0.8);
            k = gaussian(rnd, SHAPE.problems() * SHAPE.keys() * SHAPE.keyDim(), 0.8);
            v = gaussian(rnd, SHAPE.problems() * SHAPE.keys() * SHAPE.valueDim(), 1);
            dOut = gaussian(rnd, SHAPE.problems() * SHAPE.queries() * SHAPE.valueDim(), 1);
            beta = new double[] {1.5, 0.8};
            int size = SHAPE.problems() * SHAPE.queries() * SHAPE.keys();
            mask = masking == Masking.MASK ? new boolean[size] : null;
            keep = masking == Masking.DROPOUT ? new boolean[size] : null;
            keyCounts = masking == Masking.KEY_COUNTS ? new int[] {4, 6} : null;
            for (int i = 0; i < size; i++) {
                if (mask != null) mask[i] = rnd.nextDouble() < 0.7 || i % SHAPE.keys() == 0;
                if (keep != null) keep[i] = rnd.nextDouble() < 0.75;
            }
            if (mask != null) Arrays.fill(mask, 0, SHAPE.keys(), false); // one row with nothing left
        }

        /** This point with its inputs rounded to float32 values. */
        Point roundedToFloat() {
            AssociationGradientChecks.roundToFloat(q, k, v, dOut);
            return this;
        }

        Association association(Separation map) {
            Association a = Association.of(map, SHAPE);
            if (mask != null) a = a.withMask(mask);
            if (keyCounts != null) a = a.withKeyCounts(keyCounts);
            if (keep != null) a = a.withDropout(keep, 0.25);
            return a;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyGradientEqualsFiniteDifferences(Case c) {
        for (long seed = 1; seed <= 40; seed++) {
            Point x = new Point(new SplittableRandom(seed), c.masking);
            try {
                check(c.map, x);
                return;
            } catch (IllConditioned e) {
                // not a well-conditioned point: draw the next one
            }
        }
        fail("no well-conditioned point in 40 seeds");
    }

    private static void check(MapCase m, Point x) {
        double[] alphas = m.alphas.clone();
        Association a = x.association(m.build.apply(alphas));
        AssociationForward<double[]> f = a.forward(x.q, x.k, x.v, x.beta);
        boolean[] support = AssociationGradientChecks.support(f.associations());
        AssociationGradients<double[]> g = f.backward(x.dOut);

        // the loss <dOut, out> as a function of one argument, the others held
        java.util.function.ToDoubleFunction<double[]>[] losses = new java.util.function.ToDoubleFunction[5];
        losses[0] = q -> loss(x, x.association(m.build.apply(alphas)), q, x.k, x.v, x.beta, support);
        losses[1] = k -> loss(x, x.association(m.build.apply(alphas)), x.q, k, x.v, x.beta, support);
        losses[2] = v -> loss(x, x.association(m.build.apply(alphas)), x.q, x.k, v, x.beta, support);
        losses[3] = b -> loss(x, x.association(m.build.apply(alphas)), x.q, x.k, x.v, b, support);
        losses[4] = al -> loss(x, x.association(m.build.apply(al)), x.q, x.k, x.v, x.beta, support);
        double[] fdQ = fd(x.q.clone(), losses[0]);
        double[] fdK = fd(x.k.clone(), losses[1]);
        double[] fdV = fd(x.v.clone(), losses[2]);
        double[] fdBeta = fd(x.beta.clone(), losses[3]);
        assertGradient(g.dQueries(), fdQ, FD_TOLERANCE, m + " dQ");
        assertGradient(g.dKeys(), fdK, FD_TOLERANCE, m + " dK");
        assertGradient(g.dValues(), fdV, FD_TOLERANCE, m + " dV");
        assertGradient(g.dBeta(), fdBeta, FD_TOLERANCE, m + " dbeta");
        if (a.map().kind() == MapKind.ENTMAX) {
            assertGradient(g.dAlpha(), fd(alphas.clone(), losses[4]), FD_TOLERANCE, m + " dalpha");
        } else {
            assertNull(g.dAlpha(), m + ": dalpha only for alpha-entmax");
        }
    }

    private static double loss(Point x, Association a, double[] q, double[] k, double[] v, double[] beta,
                               boolean[] support) {
        AssociationForward<double[]> f = a.forward(q, k, v, beta);
        AssociationGradientChecks.sameSupport(support, AssociationGradientChecks.support(f.associations()));
        return AssociationGradientChecks.dot(f.output(), x.dOut);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maskedEntriesGetExactlyZeroAndFullyMaskedRowsNothing(Case c) {
        Point x = new Point(new SplittableRandom(7), c.masking);
        AssociationForward<double[]> f = x.association(c.map.build.apply(c.map.alphas)).forward(x.q, x.k, x.v, x.beta);
        double[] p = f.associations();
        int nk = SHAPE.keys();
        for (int i = 0; i < p.length; i++) {
            int problem = i / (SHAPE.queries() * nk);
            boolean masked = (x.mask != null && !x.mask[i]) || (x.keyCounts != null && i % nk >= x.keyCounts[problem]);
            if (masked) assertEquals(0.0, p[i], "masked entry " + i);
        }
        if (x.mask != null) {
            assertArrayEquals(new double[SHAPE.valueDim()], Arrays.copyOf(f.output(), SHAPE.valueDim()),
                    "a row with every key masked outputs zeros");
        }
    }
}
