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

    /**
     * Every map of the registry {@link MapKind}: a map that takes an α with α = 1.3 and 2.5, poly with
     * n = 10. A map added to the registry is covered without a change here.
     */
    static final List<MapCase> MAPS = everyMap();

    private static List<MapCase> everyMap() {
        List<MapCase> out = new ArrayList<>();
        for (MapKind k : MapKind.values()) {
            double[] numbers = switch (k.parameter()) {
                case ALPHA -> new double[] {1.3, 2.5};
                case DEGREE -> new double[] {10};
                case NONE -> new double[] {Double.NaN};
            };
            for (double x : numbers) {
                RetrievalMap m = k.retrievalMap(x);
                Separation s = m.separation();
                out.add(s != null ? new MapCase(s.name(), s, 0, ReferenceSeparation.Map.of(k), s.alpha())
                        : new MapCase("poly-" + (long) x, null, x, null, 0));
            }
        }
        return List.copyOf(out);
    }

    /** The maps that have an energy (every α ≥ 1). */
    static List<MapCase> energyMaps() {
        List<MapCase> out = new ArrayList<>();
        for (MapCase m : MAPS) if (m.hasEnergy()) out.add(m);
        return out;
    }

    /** The similarity of registry entry {@code kind}: the kernel of W (D × d), the others by name. */
    static Similarity similarity(Similarity.Kind kind, double[] w, int D, int d) {
        return kind.needsData() ? Similarity.kernel(w, D, d) : Similarity.named(kind.label());
    }

    /** The reference's similarity of the same name (the kernel of W literally). */
    static ReferenceRetrieval similarity(ReferenceRetrieval r, Similarity.Kind kind, double[] w, int D) {
        return kind.needsData() ? r.kernel(w, D) : r.similarity(ReferenceRetrieval.Similarity.valueOf(kind.name()));
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
