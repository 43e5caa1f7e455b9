package org.hopfield4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row norms that bound similarity scores: exact values, whatever the chunking. */
class RowNormsTest {
    // 3 rows of 2: norms (5, 7), (13, 17), (0, 0); the largest row is the middle one
    private static final double[] M = {3, -4, -5, 12, 0, 0};

    @Test
    void theLargestNormsOfCompleteRowsWhateverTheChunks() {
        for (int split = 0; split <= M.length; split++) {
            RowNorms n = new RowNorms(2).add(M, 0, split).add(M, split, M.length);
            assertEquals(13.0, n.maxL2(), 0.0, "split at " + split);
            assertEquals(17.0, n.maxL1(), 0.0, "split at " + split);
        }
        float[] f = new float[M.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) M[i];
        RowNorms n = new RowNorms(2).add(f, 0, 3).add(f, 3, 6);
        assertEquals(13.0, n.maxL2(), 0.0);
        assertEquals(17.0, n.maxL1(), 0.0);
    }

    @Test
    void anIncompleteRowDoesNotCountYet() {
        RowNorms n = new RowNorms(2).add(new double[] {1, 0, 100}, 0, 3);
        assertEquals(1.0, n.maxL2(), 0.0);
        assertEquals(1.0, n.maxL1(), 0.0);
        n.add(new double[] {0}, 0, 1);
        assertEquals(100.0, n.maxL2(), 0.0);
    }

    @Test
    void eachRowVisitsEveryRowInOrderWithItsNorms() {
        List<String> seen = new ArrayList<>();
        RowNorms.eachRow(M, 3, 2, (row, l2, l1) -> seen.add(row + ":" + l2 + "," + l1));
        float[] f = {3, -4, -5, 12, 0, 0};
        List<String> seenF = new ArrayList<>();
        RowNorms.eachRow(f, 3, 2, (row, l2, l1) -> seenF.add(row + ":" + l2 + "," + l1));
        assertEquals(List.of("0:5.0,7.0", "1:13.0,17.0", "2:0.0,0.0"), seen);
        assertEquals(seen, seenF);
    }
}
