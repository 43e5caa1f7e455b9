package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;

/** Random data, the map × similarity grid mirrored in the reference, and tolerant comparisons. */
final class RetrievalFixtures {
    private RetrievalFixtures() {}

    /** A map of the native API and the same map of the reference. */
    record MapCase(String name, Separation map, double polyN, ReferenceSeparation.Map refMap, double refAlpha) {
        Retriever.Builder apply(Retriever.Builder b) {
            return map != null ? b.map(map) : b.polynomial(polyN);
        }

        ReferenceRetrieval apply(ReferenceRetrieval r) {
            return map != null ? r.map(refMap, refAlpha) : r.polynomial(polyN);
        }

        boolean hasEnergy() {
            return map != null;
        }

        /** α of the map (1 for softmax), NaN for poly. */
        double alpha() {
            return map != null ? map.alpha() : Double.NaN;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<MapCase> MAPS = List.of(
            new MapCase("softmax", Separation.softmax(), 0, ReferenceSeparation.Map.SOFTMAX, 1),
            new MapCase("sparsemax", Separation.sparsemax(), 0, ReferenceSeparation.Map.SPARSEMAX, 2),
            new MapCase("entmax15", Separation.entmax15(), 0, ReferenceSeparation.Map.ENTMAX15, 1.5),
            new MapCase("entmax(1.3)", Separation.entmax(1.3), 0, ReferenceSeparation.Map.ENTMAX_BISECT, 1.3),
            new MapCase("entmax(2.5)", Separation.entmax(2.5), 0, ReferenceSeparation.Map.ENTMAX_BISECT, 2.5),
            new MapCase("normmax(2.0)", MapKind.NORMMAX.separation(2), 0, ReferenceSeparation.Map.NORMMAX_BISECT, 2),
            new MapCase("normmax(3.5)", MapKind.NORMMAX.separation(3.5), 0, ReferenceSeparation.Map.NORMMAX_BISECT, 3.5),
            new MapCase("poly-10", null, 10, null, 0));

    /** The maps that have an energy (every α ≥ 1). */
    static List<MapCase> energyMaps() {
        List<MapCase> out = new ArrayList<>();
        for (MapCase m : MAPS) if (m.hasEnergy()) out.add(m);
        return out;
    }

    enum SimCase { DOT, L2, L1, KERNEL, COSINE }

    static Similarity similarity(SimCase s, double[] w, int D, int d) {
        return switch (s) {
            case DOT -> Similarity.dot();
            case L2 -> Similarity.negativeL2();
            case L1 -> Similarity.negativeManhattan();
            case KERNEL -> Similarity.kernel(w, D, d);
            case COSINE -> Similarity.cosine();
        };
    }

    static ReferenceRetrieval similarity(ReferenceRetrieval r, SimCase s, double[] w, int D) {
        return switch (s) {
            case DOT -> r.similarity(ReferenceRetrieval.Similarity.DOT);
            case L2 -> r.similarity(ReferenceRetrieval.Similarity.NEGATIVE_L2);
            case L1 -> r.similarity(ReferenceRetrieval.Similarity.NEGATIVE_MANHATTAN);
            case KERNEL -> r.kernel(w, D);
            case COSINE -> r.similarity(ReferenceRetrieval.Similarity.COSINE);
        };
    }

    static double[] gaussian(Random rnd, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = scale * rnd.nextGaussian();
        return a;
    }

    /** Rounds to float, and back: data that float32 and float64 stores hold exactly alike. */
    static double[] floatRounded(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) a[i];
        return out;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    /** Queries near stored patterns: pattern q mod M plus Gaussian noise. */
    static double[] noisyPatterns(Random rnd, double[] xi, int M, int d, int B, double noise) {
        double[] q = new double[B * d];
        for (int b = 0; b < B; b++) {
            int mu = rnd.nextInt(M);
            for (int i = 0; i < d; i++) q[b * d + i] = xi[mu * d + i] + noise * rnd.nextGaussian();
        }
        return q;
    }

    static MemoryStore store(Precision p, double[] xi, int M, int d) {
        return p == Precision.FLOAT32 ? MemoryStore.ofFloat(toFloat(xi), M, d) : MemoryStore.ofDouble(xi, M, d);
    }

    static Retrieval retrieve(Retriever r, double[] queries, int B) {
        return r.store().precision() == Precision.FLOAT32 ? r.retrieve(toFloat(queries), B) : r.retrieve(queries, B);
    }

    /** The states of a retrieval as doubles, whatever its precision. */
    static double[] states(Retrieval r) {
        return r.precision() == Precision.FLOAT32 ? toDouble(r.floatStates()) : r.doubleStates();
    }

    /** |actual − expected| ≤ tol · max(1, |expected|) elementwise. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (error " + err
                        + ", tolerance " + tol + " relative)");
            }
        }
    }

    /** The dense B × M weights of a retrieval. */
    static double[] dense(SparseWeights w) {
        double[] out = new double[w.rows() * w.columns()];
        for (int i = 0; i < w.rows(); i++) System.arraycopy(w.denseRow(i), 0, out, i * w.columns(), w.columns());
        return out;
    }
}
