package org.hopfield4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;
import org.hopfield4j.Numerics;
import org.hopfield4j.Separation;
import org.hopfield4j.reference.ReferenceSeparation;

/**
 * A separation map chosen by the fuzzer, with the float64 reference it must agree with: softmax,
 * sparsemax, exact 1.5-entmax, α-entmax with any α, or α-entmax with one fuzzed α per row.
 */
public final class FuzzedMap {

    private final Separation separation;
    private final ReferenceSeparation.Map reference;
    private final double[] rowAlphas; // the α of each row for the reference; one value when shared

    private FuzzedMap(Separation separation, ReferenceSeparation.Map reference, double... rowAlphas) {
        this.separation = separation;
        this.reference = reference;
        this.rowAlphas = rowAlphas;
    }

    /**
     * A map from the fuzzer's input, or null when its α is invalid and was rejected with the
     * documented {@link IllegalArgumentException}.
     *
     * @param rows the batch's rows, so that a per-row map usually has one α per row
     */
    public static FuzzedMap consume(FuzzedDataProvider data, int rows) {
        try {
            return switch (data.consumeInt(0, 4)) {
                case 0 -> new FuzzedMap(Separation.softmax(), ReferenceSeparation.Map.SOFTMAX, 1.0);
                case 1 -> new FuzzedMap(Separation.sparsemax(), ReferenceSeparation.Map.SPARSEMAX, 2.0);
                case 2 -> new FuzzedMap(Separation.entmax15(), ReferenceSeparation.Map.ENTMAX15, 1.5);
                case 3 -> {
                    double alpha = FuzzValues.anyDouble(data);
                    yield new FuzzedMap(Separation.entmax(alpha), ReferenceSeparation.Map.ENTMAX_BISECT, alpha);
                }
                default -> {
                    double[] alphas = new double[data.consumeBoolean() ? Math.max(rows, 1) : data.consumeInt(0, 6)];
                    for (int i = 0; i < alphas.length; i++) {
                        alphas[i] = FuzzValues.anyDouble(data);
                    }
                    yield new FuzzedMap(Separation.entmaxPerRow(alphas), ReferenceSeparation.Map.ENTMAX_BISECT, alphas);
                }
            };
        } catch (IllegalArgumentException rejectedAlpha) {
            return null;
        }
    }

    public Separation separation() {
        return separation;
    }

    /** The α of {@code row} (1 for softmax). */
    public double alpha(int row) {
        return rowAlphas[rowAlphas.length == 1 ? 0 : row];
    }

    /** The reference result, row by row with each row's α. */
    public double[] reference(double[] z, boolean[] mask, int rows, int n, double beta) {
        double[] p = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            double[] row = Arrays.copyOfRange(z, r * n, (r + 1) * n);
            boolean[] rowMask = mask == null ? null : Arrays.copyOfRange(mask, r * n, (r + 1) * n);
            double[] q = ReferenceSeparation.apply(reference, alpha(r), row, rowMask, 1, n, beta);
            System.arraycopy(q, 0, p, r * n, n);
        }
        return p;
    }

    /**
     * How far the kernel may be from the reference: the rounding of the precision plus what one ulp of
     * the threshold τ costs a τ-based entmax ({@link Numerics#tauConditioning}), the tolerance of the
     * separation property tests.
     */
    public double tolerance(double[] reference, int rows, int n, boolean float32) {
        double conditioning = 0;
        for (int r = 0; r < rows; r++) {
            double[] row = Arrays.copyOfRange(reference, r * n, (r + 1) * n);
            conditioning = Math.max(conditioning, Numerics.tauConditioning(row, 1, n, alpha(r)));
        }
        return (float32 ? Numerics.F32_TOL : Numerics.F64_TOL) + 16 * Numerics.ULP1 * conditioning;
    }

    @Override
    public String toString() {
        return separation.name() + (separation.rowAlphas() != null ? " " + Arrays.toString(rowAlphas) : "");
    }
}
