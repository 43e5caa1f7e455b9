package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ROC AUC against its definition (pairs counted one by one) and at its known values. */
class BinaryScoresTest {
    @Test
    void aucIsOneForAPerfectRankingZeroForTheReverseAndHalfForTies() {
        boolean[] y = {false, false, true, true};
        assertEquals(1.0, BinaryScores.auc(new double[] {0.1, 0.2, 0.3, 0.4}, y));
        assertEquals(0.0, BinaryScores.auc(new double[] {0.4, 0.3, 0.2, 0.1}, y));
        assertEquals(0.5, BinaryScores.auc(new double[] {1, 1, 1, 1}, y));
        assertEquals(0.75, BinaryScores.auc(new double[] {0.1, 0.3, 0.2, 0.4}, y));
        assertTrue(Double.isNaN(BinaryScores.auc(new double[] {1, 2}, new boolean[] {true, true})));
    }

    @Test
    void aucEqualsThePairCountWithTies() {
        SplittableRandom r = new SplittableRandom(4);
        double[] s = new double[300];
        boolean[] y = new boolean[300];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt(20);   // many ties
            y[i] = r.nextDouble() < 0.3 + s[i] / 60;
        }
        double pairs = 0, wins = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, BinaryScores.auc(s, y), 1e-12);
    }

    @Test
    void accuracyCountsScoresOnTheRightSide() {
        assertEquals(0.75, BinaryScores.accuracy(new double[] {-1, 2, 3, -4}, new boolean[] {false, true, false, false}, 0));
    }
}
