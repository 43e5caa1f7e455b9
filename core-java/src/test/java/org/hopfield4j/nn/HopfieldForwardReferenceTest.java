package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;
import org.hopfield4j.reference.ReferenceAssociation;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/**
 * The Hopfield layer's forward against the same computation written out in float64 from its parameters
 * (docs/math.md#hopfield-layer): LayerNorm of each input, the projections, the heads, T − 1 retrieval
 * steps on the keys and the step that reads the values (through {@link ReferenceAssociation}, masked to
 * each bag's real stored rows and the association mask), then W_O. The finite-difference tests only
 * check that the backward fits the forward; this checks the forward itself.
 */
class HopfieldForwardReferenceTest {
    private static final Batch STATE = FiniteDifferences.randomBags(new int[] {2, 3}, 5, 21);
    private static final Batch STORED = FiniteDifferences.randomBags(new int[] {4, 2}, 6, 22);
    private static final Batch VALUES = FiniteDifferences.randomBags(new int[] {4, 2}, 3, 23);

    @Test
    void normalisedProjectedHeadsWithThreeStepsMatchTheReference() {
        Hopfield layer = Hopfield.builder(5).storedWidth(6).valueWidth(3).heads(2).keyDim(3).valueDim(2).outputWidth(4)
                .beta(0.8, 1.7).updateSteps(3).seed(3).build();
        assertMatchesReference(layer, ReferenceSeparation.Map.SOFTMAX, null);
    }

    @Test
    void associationMaskOnEveryBagAndHeadMatchesTheReference() {
        boolean[] allowed = {true, false, true, true, false, true, true, false, false, true, true, true};
        Hopfield layer = Hopfield.builder(5).storedWidth(6).valueWidth(3).heads(2).keyDim(3).valueDim(2).outputWidth(4)
                .separation(Separation.sparsemax()).beta(2.5).mask(allowed, 3, 4).updateSteps(2).seed(4).build();
        assertMatchesReference(layer, ReferenceSeparation.Map.SPARSEMAX, allowed);
    }

    /**
     * ε between the third and the fourth step's largest query change stops the steps after the fourth,
     * in either precision (float32 against the float64 reference within its rounding).
     */
    @Test
    void epsilonStopsTheStepsOnceTheLargestChangeOfTheBatchIsWithinIt() {
        for (Precision precision : Precision.values()) {
            HopfieldBuilder b = Hopfield.builder(5).storedWidth(6).valueWidth(3).heads(2).keyDim(3).valueDim(2).outputWidth(4)
                    .beta(2.0, 3.0).updateSteps(7).precision(precision).seed(5);
            List<Double> changes = new ArrayList<>();
            reference(moved(b.build()), ReferenceSeparation.Map.SOFTMAX, null, changes);
            double epsilon = Math.sqrt(changes.get(2) * changes.get(3));
            assertTrue(changes.get(0) > 1.5 * epsilon && changes.get(1) > 1.5 * epsilon && changes.get(2) > 1.5 * epsilon
                    && changes.get(3) < epsilon / 1.5, "the changes must pass epsilon with a margin at the fourth step: " + changes);
            Hopfield layer = moved(b.epsilon(epsilon).build());
            double[] expected = reference(layer, ReferenceSeparation.Map.SOFTMAX, null);
            double[] actual = layer.forward(STATE, STORED, VALUES, false).values();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], precision == Precision.FLOAT32 ? 1e-5 : 1e-12, precision + ": output " + i);
            }
        }
    }

    /** The layer's output against the reference, after moving every parameter off its initial value. */
    private static void assertMatchesReference(Hopfield layer, ReferenceSeparation.Map map, boolean[] allowed) {
        moved(layer);
        double[] actual = layer.forward(STATE, STORED, VALUES, false).values();
        double[] expected = reference(layer, map, allowed);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-12, "output " + i);
    }

    /** Every parameter moved off its initial value (LayerNorm's gain 1 and bias 0 would hide a wrong index). */
    private static Hopfield moved(Hopfield layer) {
        for (Parameter p : layer.parameters()) {
            for (int i = 0; i < p.size(); i++) p.values()[i] += 0.07 * ((i * 5 + p.name().length()) % 7 - 3);
        }
        return layer;
    }

    private static double[] reference(Hopfield layer, ReferenceSeparation.Map map, boolean[] allowed) {
        return reference(layer, map, allowed, new ArrayList<>());
    }

    /**
     * The reference output; {@code changes} receives each retrieval step's largest query change over the
     * whole batch, the quantity ε is compared with (≤ ε: stop).
     */
    private static double[] reference(Hopfield layer, ReferenceSeparation.Map map, boolean[] allowed, List<Double> changes) {
        HopfieldSettings s = layer.settings();
        Map<String, double[]> w = new HashMap<>();
        for (Parameter p : layer.parameters()) w.put(p.name(), p.values());
        int h = s.heads(), dk = s.keyDim(), dv = s.valueDim(), bags = STATE.bags();
        int rows = STATE.length(), n = STORED.length(), problems = h * bags;
        double[] q = project(norm(STATE, w, "norm_state"), STATE.rows(), s.stateWidth(), w.get("w_q.weight"), h * dk);
        double[] k = project(norm(STORED, w, "norm_stored"), STORED.rows(), s.storedWidth(), w.get("w_k.weight"), h * dk);
        double[] v = project(norm(VALUES, w, "norm_value"), VALUES.rows(), s.valueWidth(), w.get("w_v.weight"), h * dv);
        double[][] query = new double[problems][], keys = new double[problems][], values = new double[problems][];
        boolean[][] masks = new boolean[problems][];
        for (int head = 0; head < h; head++) {
            for (int b = 0; b < bags; b++) {
                int p = head * bags + b;
                masks[p] = new boolean[rows * n];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) masks[p][i * n + j] = j < STORED.size(b) && (allowed == null || allowed[i * n + j]);
                }
                query[p] = block(q, b * rows, rows, h * dk, head * dk, dk);
                keys[p] = block(k, b * n, n, h * dk, head * dk, dk);
                values[p] = block(v, b * n, n, h * dv, head * dv, dv);
            }
        }
        for (int t = 0; t + 1 < s.updateSteps(); t++) {
            double change = 0;
            for (int p = 0; p < problems; p++) {
                double[] next = associate(map, s, p / bags, query[p], keys[p], keys[p], masks[p], rows, n, dk);
                for (int i = 0; i < next.length; i++) change = Math.max(change, Math.abs(next[i] - query[p][i]));
                query[p] = next;
            }
            changes.add(change);
            if (s.epsilon() > 0 && change <= s.epsilon()) break;
        }
        double[] heads = new double[bags * rows * h * dv];   // [bag][row][head][dim]
        for (int p = 0; p < problems; p++) {
            int head = p / bags, b = p % bags;
            double[] out = associate(map, s, head, query[p], keys[p], values[p], masks[p], rows, n, dv);
            for (int i = 0; i < rows; i++) System.arraycopy(out, i * dv, heads, ((b * rows + i) * h + head) * dv, dv);
        }
        double[] out = project(heads, bags * rows, h * dv, w.get("w_o.weight"), s.outputWidth());
        STATE.clearPadding(out, s.outputWidth());   // the padding rows of the state have no output
        return out;
    }

    private static double[] associate(ReferenceSeparation.Map map, HopfieldSettings s, int head, double[] q, double[] k,
                                      double[] v, boolean[] mask, int rows, int n, int dv) {
        double[] alphas = new double[rows];
        java.util.Arrays.fill(alphas, map == ReferenceSeparation.Map.SOFTMAX ? 1 : 2);
        return ReferenceAssociation.forward(new ReferenceAssociation.Case(map, alphas, 1, rows, n, s.keyDim(), dv, q, k, v,
                new double[] {s.betas()[head]}, mask, null, 1)).out();
    }

    /** LayerNorm (eps 1e-5) of every row with the layer's gain and bias; padding rows stay as they are (zero). */
    private static double[] norm(Batch x, Map<String, double[]> w, String prefix) {
        double[] g = w.get(prefix + ".gain"), bias = w.get(prefix + ".bias"), y = new double[x.values().length];
        int width = x.width();
        for (int b = 0; b < x.bags(); b++) {
            for (int r = 0; r < x.size(b); r++) {
                int o = (b * x.length() + r) * width;
                double mean = 0, var = 0;
                for (int j = 0; j < width; j++) mean += x.values()[o + j] / width;
                for (int j = 0; j < width; j++) var += (x.values()[o + j] - mean) * (x.values()[o + j] - mean) / width;
                for (int j = 0; j < width; j++) y[o + j] = g[j] * (x.values()[o + j] - mean) / Math.sqrt(var + 1e-5) + bias[j];
            }
        }
        return y;
    }

    /** x (rows × in) Wᵀ with W (out × in). */
    private static double[] project(double[] x, int rows, int in, double[] weight, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < in; j++) y[r * out + o] += x[r * in + j] * weight[o * in + j];
            }
        }
        return y;
    }

    /** Rows [from, from + count) of x (width columns), columns [col, col + cols). */
    private static double[] block(double[] x, int from, int count, int width, int col, int cols) {
        double[] out = new double[count * cols];
        for (int r = 0; r < count; r++) System.arraycopy(x, (from + r) * width + col, out, r * cols, cols);
        return out;
    }
}
