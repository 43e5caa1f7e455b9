package org.hopfield4j.nn;

import static org.hopfield4j.nn.AssociationGradientChecks.gaussian;
import static org.hopfield4j.reference.ReferenceSeparation.toDouble;
import static org.hopfield4j.reference.ReferenceSeparation.toFloat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.hopfield4j.nn.AssociationGradientTest.Case;
import org.hopfield4j.nn.AssociationGradientTest.Point;
import org.hopfield4j.reference.ReferenceAssociation;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native kernels against the independent float64 Java reference ({@link ReferenceAssociation}),
 * and float32 against float64: the association (every map and masking of
 * {@link AssociationGradientTest}) and the retrieval gradient (every case of
 * {@link RetrievalGradientTest}). The inputs are rounded to float32 first, so that float32 and
 * float64 see the same numbers and their difference is the float32 arithmetic alone.
 */
class AssociationReferenceTest {
    /** float64 native vs the reference: both are float64, only the order of the sums differs. */
    static final double F64 = 1e-10;
    /** float32 vs float64: a few hundred float32 ulps through a product, a map and its backward. */
    static final double F32 = 2e-5;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.hopfield4j.nn.AssociationGradientTest#cases")
    void associationMatchesTheReferenceAndFloat32MatchesFloat64(Case c) {
        Point x = new Point(new SplittableRandom(21), c.masking()).roundedToFloat();
        Separation map = c.map().build().apply(c.map().alphas());
        Association a = x.association(map);
        AssociationForward<double[]> f = a.forward(x.q, x.k, x.v, x.beta);
        AssociationGradients<double[]> g = f.backward(x.dOut);

        Association.Shape s = AssociationGradientTest.SHAPE;
        double[] rowAlphas = map.rowAlphas() != null ? map.rowAlphas() : filled(s.rows(), map.alpha());
        ReferenceAssociation.Case rc = new ReferenceAssociation.Case(ReferenceSeparation.Map.of(map.kind()), rowAlphas,
                s.problems(), s.queries(), s.keys(), s.keyDim(), s.valueDim(), x.q, x.k, x.v, x.beta, combinedMask(x),
                x.keep, 1 / (1 - 0.25));
        ReferenceAssociation.Forward rf = ReferenceAssociation.forward(rc);
        ReferenceAssociation.Gradients rg = ReferenceAssociation.backward(rc, rf, x.dOut);
        double scale = largest(rf.out(), rg.dq(), rg.dk(), rg.dv(), rg.dBeta());
        close(rf.out(), f.output(), F64, scale, c + " out");
        close(rf.p(), f.associations(), F64, scale, c + " P");
        close(rg.dq(), g.dQueries(), F64, scale, c + " dQ");
        close(rg.dk(), g.dKeys(), F64, scale, c + " dK");
        close(rg.dv(), g.dValues(), F64, scale, c + " dV");
        close(rg.dBeta(), g.dBeta(), F64, scale, c + " dbeta");
        if (map.kind() == MapKind.ENTMAX) {
            close(map.rowAlphas() != null ? rg.dAlpha() : new double[] {sum(rg.dAlpha())}, g.dAlpha(), F64, scale, c + " dalpha");
        }

        AssociationForward<float[]> f32 = a.forward(toFloat(x.q), toFloat(x.k), toFloat(x.v), x.beta);
        AssociationGradients<float[]> g32 = f32.backward(toFloat(x.dOut));
        close(f.output(), toDouble(f32.output()), F32, scale, c + " float32 out");
        close(g.dQueries(), toDouble(g32.dQueries()), F32, scale, c + " float32 dQ");
        close(g.dKeys(), toDouble(g32.dKeys()), F32, scale, c + " float32 dK");
        close(g.dValues(), toDouble(g32.dValues()), F32, scale, c + " float32 dV");
        close(g.dBeta(), g32.dBeta(), F32, scale, c + " float32 dbeta");
        if (g.dAlpha() != null) close(g.dAlpha(), g32.dAlpha(), F32, scale, c + " float32 dalpha");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.hopfield4j.nn.RetrievalGradientTest#cases")
    void retrievalGradientMatchesTheReferenceAndFloat32MatchesFloat64(RetrievalGradientTest.Case c) {
        RetrievalGradientTest.Point x = new RetrievalGradientTest.Point(c, new SplittableRandom(8)).roundedToFloat();
        int B = RetrievalGradientTest.B, M = RetrievalGradientTest.M, d = RetrievalGradientTest.D_MODEL;
        int D = RetrievalGradientTest.D_KERNEL;
        RetrievalGradientResult<double[]> g = x.run(x.states, x.stored, x.values, x.w, x.beta[0], x.alphas);
        Separation map = c.map().build().apply(x.alphas);
        double[] scalars = new double[1 + B], finalStates = new double[B * c.dv()];
        double[][] ref = ReferenceAssociation.retrievalGradient(ReferenceSeparation.Map.of(map.kind()),
                filled(B, map.alpha()), x.beta[0], c.steps(), x.states, B, x.stored, M, d, x.values, c.dv(), x.w, D, x.mask,
                x.upstream, scalars, finalStates);
        double scale = largest(finalStates, ref[0], ref[1], ref[2], ref[3], new double[] {scalars[0]});
        close(finalStates, g.states(), F64, scale, c + " states");
        close(ref[0], g.dStates(), F64, scale, c + " dstates");
        close(ref[1], g.dStored(), F64, scale, c + " dstored");
        if (ref[2] != null) close(ref[2], g.dValues(), F64, scale, c + " dvalues");
        if (ref[3] != null) close(ref[3], g.dKernel(), F64, scale, c + " dW");
        close(new double[] {scalars[0]}, new double[] {g.dBeta()}, F64, scale, c + " dbeta");
        if (g.dAlpha() != null) close(new double[] {sum(scalars) - scalars[0]}, g.dAlpha(), F64, scale, c + " dalpha");

        Similarity sim = x.w == null ? Similarity.dot() : Similarity.kernel(x.w, D, d);
        try (MemoryStore store = MemoryStore.ofFloat(toFloat(x.stored), M, d);
             Retriever r = Retriever.builder(store).map(map).similarity(sim).beta(x.beta[0]).steps(c.steps()).build()) {
            RetrievalGradient rg = RetrievalGradient.of(r);
            if (x.values != null) rg = rg.withValues(toFloat(x.values), c.dv());
            RetrievalGradientResult<float[]> g32 = x.mask == null ? rg.vjp(toFloat(x.states), B, toFloat(x.upstream))
                    : rg.vjp(toFloat(x.states), B, toFloat(x.upstream), x.mask);
            close(g.states(), toDouble(g32.states()), F32, scale, c + " float32 states");
            close(g.dStates(), toDouble(g32.dStates()), F32, scale, c + " float32 dstates");
            close(g.dStored(), toDouble(g32.dStored()), F32, scale, c + " float32 dstored");
            if (g.dKernel() != null) close(g.dKernel(), toDouble(g32.dKernel()), F32, scale, c + " float32 dW");
            close(new double[] {g.dBeta()}, new double[] {g32.dBeta()}, F32, scale, c + " float32 dbeta");
        }
    }

    private static boolean[] combinedMask(Point x) {
        Association.Shape s = AssociationGradientTest.SHAPE;
        if (x.mask == null && x.keyCounts == null) return null;
        boolean[] m = new boolean[s.problems() * s.queries() * s.keys()];
        for (int i = 0; i < m.length; i++) {
            int problem = i / (s.queries() * s.keys());
            m[i] = (x.mask == null || x.mask[i]) && (x.keyCounts == null || i % s.keys() < x.keyCounts[problem]);
        }
        return m;
    }

    /**
     * max |actual − expected| ≤ tol · scale, scale the largest value the call produced (output or
     * gradient): rounding errors of a backward pass are absolute on the scale of its intermediate
     * values, so a gradient that nearly vanishes (the states' gradient after three contracting softmax
     * steps is 1e-7 while the stored patterns' is 2) is compared on that scale, not on its own.
     */
    private static void close(double[] expected, double[] actual, double tol, double scale, String what) {
        double num = 0;
        for (int i = 0; i < expected.length; i++) num = Math.max(num, Math.abs(actual[i] - expected[i]));
        double err = num / scale;
        assertTrue(err <= tol, what + ": relative error " + err + " > " + tol);
    }

    private static double largest(double[]... arrays) {
        double m = 0;
        for (double[] a : arrays) {
            if (a != null) m = Math.max(m, AssociationGradientChecks.maxAbs(a));
        }
        return m;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
