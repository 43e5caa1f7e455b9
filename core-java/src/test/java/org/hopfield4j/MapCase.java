package org.hopfield4j;

import java.util.ArrayList;
import java.util.List;
import org.hopfield4j.reference.ReferenceSeparation;
import org.hopfield4j.reference.ReferenceSeparation.Map;

/**
 * One separation map under test, paired with the reference algorithm it must agree with. Shared by
 * the JUnit tests and the kotest specs.
 */
public record MapCase(String label, Separation map, Map reference, double alpha) {

    /** The α values a map that takes one is tested with. */
    static final double[] ALPHAS = {1.2, 1.5, 2.0, 3.0, 7.0};

    /**
     * Every map the tests cover: every separation map of the registry {@link MapKind} (softmax,
     * sparsemax, entmax15, ...), a map that takes an α once for each of {@link #ALPHAS}. A map added
     * to the registry is covered without a change here.
     */
    public static final List<MapCase> ALL = everyMap();

    private static List<MapCase> everyMap() {
        List<MapCase> out = new ArrayList<>();
        for (MapKind k : MapKind.values()) {
            if (!k.isSeparation()) continue;
            if (k.parameter() == MapKind.Parameter.ALPHA) {
                for (double a : ALPHAS) out.add(of(k.separation(a)));
            } else {
                out.add(of(k.separation(Double.NaN)));
            }
        }
        return List.copyOf(out);
    }

    /** The case of {@code map}, paired with the reference of its registry entry. */
    public static MapCase of(Separation map) {
        return new MapCase(map.name(), map, Map.of(map.kind()), map.alpha());
    }

    public static MapCase entmax(double alpha) {
        return of(Separation.entmax(alpha));
    }

    /** The α that enters the entmax formulas (1 for softmax). */
    public double formulaAlpha() {
        return alpha;
    }

    public double[] reference(double[] z, boolean[] mask, int rows, int n, double beta) {
        return ReferenceSeparation.apply(reference, alpha, z, mask, rows, n, beta);
    }

    public float[] reference(float[] z, boolean[] mask, int rows, int n, double beta) {
        return ReferenceSeparation.apply(reference, alpha, z, mask, rows, n, beta);
    }

    public double[] referenceBackward(double[] p, double[] g, int rows, int n, double beta) {
        return ReferenceSeparation.backward(reference, alpha, p, g, rows, n, beta);
    }

    public float[] referenceBackward(float[] p, float[] g, int rows, int n, double beta) {
        return ReferenceSeparation.backward(reference, alpha, p, g, rows, n, beta);
    }

    @Override
    public String toString() {
        return label;
    }
}
