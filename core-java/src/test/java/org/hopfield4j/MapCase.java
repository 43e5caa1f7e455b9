package org.hopfield4j;

import java.util.List;
import org.hopfield4j.reference.ReferenceSeparation;
import org.hopfield4j.reference.ReferenceSeparation.Map;

/**
 * One separation map under test, paired with the reference algorithm it must agree with. Shared by
 * the JUnit tests and the kotest specs.
 */
public record MapCase(String label, Separation map, Map reference, double alpha) {

    /**
     * Every map the tests cover: softmax, sparsemax, entmax15, entmax(α) for α in {1.2, 1.5, 2, 3, 7}
     * and normmax(α) for α in {1.5, 2, 5}.
     */
    public static final List<MapCase> ALL = List.of(
            new MapCase("softmax", Separation.softmax(), Map.SOFTMAX, 1.0),
            new MapCase("sparsemax", Separation.sparsemax(), Map.SPARSEMAX, 2.0),
            new MapCase("entmax15", Separation.entmax15(), Map.ENTMAX15, 1.5),
            entmax(1.2), entmax(1.5), entmax(2.0), entmax(3.0), entmax(7.0),
            normmax(1.5), normmax(2.0), normmax(5.0));

    public static MapCase entmax(double alpha) {
        return new MapCase("entmax(" + alpha + ")", Separation.entmax(alpha), Map.ENTMAX_BISECT, alpha);
    }

    public static MapCase normmax(double alpha) {
        return new MapCase("normmax(" + alpha + ")", MapKind.NORMMAX.separation(alpha), Map.NORMMAX_BISECT, alpha);
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
