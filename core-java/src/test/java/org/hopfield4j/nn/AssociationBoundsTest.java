package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;

/**
 * The inclusive ends of the association's ranges: a key count of 0 (a problem with no real key: its
 * rows are zero) and of Nk (every key real: as unmasked), and a dropout rate of 0 (as no dropout).
 */
class AssociationBoundsTest {
    private static final Association A = Association.of(Separation.softmax(), new Association.Shape(2, 2, 3, 2, 2));
    private static final double[] Q = {0.5, -1, 2, 0.25, 1, 1, -0.5, 0.75};
    private static final double[] K = {1, 2, -1, 0.5, 0.3, -0.7, 2, 1, 0, -1, 1.5, 0.5};
    private static final double[] V = {3, -1, 0.5, 2, -2, 1, 1, 1, -1, 4, 0.5, -0.5};

    @Test
    void keyCountsOfZeroAndOfEveryKeyAreAllowed() {
        double[] plain = A.forward(Q, K, V, 1.5).output();
        double[] counted = A.withKeyCounts(new int[] {0, 3}).forward(Q, K, V, 1.5).output();
        assertArrayEquals(new double[4], Arrays.copyOfRange(counted, 0, 4), "no real key: zero rows");
        assertArrayEquals(Arrays.copyOfRange(plain, 4, 8), Arrays.copyOfRange(counted, 4, 8), 1e-15, "every key real");
    }

    @Test
    void aDropoutRateOfZeroKeepingEveryEntryIsNoDropout() {
        boolean[] keep = new boolean[12];
        Arrays.fill(keep, true);
        assertArrayEquals(A.forward(Q, K, V, 1.5).output(), A.withDropout(keep, 0.0).forward(Q, K, V, 1.5).output(), 1e-15);
    }
}
