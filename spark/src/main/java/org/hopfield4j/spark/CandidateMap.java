package org.hopfield4j.spark;

import java.util.Arrays;
import java.util.Comparator;
import org.hopfield4j.Separation;

/**
 * The native separation map applied to each query's candidate scores (padded rows, the padding
 * masked), keeping the entries with a positive weight, sorted by id: the exact map of every query
 * whenever its candidates hold its support (docs/spark.md#exact-merge). The shards use it to shrink
 * their candidates to their local supports, the driver to get the global weights.
 */
final class CandidateMap {
    private CandidateMap() {}

    /** The weights p &gt; 0 of Sep(β · scores) over each row of {@code scores}. */
    static Candidates support(Separation map, double beta, Candidates scores) {
        int rows = scores.rows;
        int n = 1;
        for (int b = 0; b < rows; b++) n = Math.max(n, scores.rowSize(b));
        double[] z = new double[Math.multiplyExact(rows, n)];
        boolean[] mask = new boolean[z.length];
        for (int b = 0; b < rows; b++) {
            int from = (int) scores.offsets[b];
            for (int k = 0; k < scores.rowSize(b); k++) {
                z[b * n + k] = scores.values[from + k];
                mask[b * n + k] = true;
            }
        }
        double[] p = new double[z.length];
        if (rows > 0) map.apply(z, mask, p, null, rows, n, beta);
        Candidates.Builder out = new Candidates.Builder(rows);
        for (int b = 0; b < rows; b++) {
            int from = (int) scores.offsets[b], size = scores.rowSize(b);
            Integer[] order = new Integer[size];
            for (int k = 0; k < size; k++) order[k] = k;
            Arrays.sort(order, Comparator.comparingLong(k -> scores.ids[from + k]));
            for (int k : order) if (p[b * n + k] > 0) out.add(scores.ids[from + k], p[b * n + k]);
            out.endRow();
        }
        return out.build();
    }
}
