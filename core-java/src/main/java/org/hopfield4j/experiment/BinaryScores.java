package org.hopfield4j.experiment;

import java.util.Arrays;
import java.util.Comparator;
import org.hopfield4j.internal.Check;

/** Scores of a binary classifier against the truth: ROC AUC and accuracy at a threshold. */
public final class BinaryScores {
    private BinaryScores() {}

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random
     * negative, ties counting one half (the Mann–Whitney U statistic over n₊ n₋, midranks for ties);
     * NaN when one class is missing.
     */
    public static double auc(double[] scores, boolean[] positive) {
        Check.notNull(scores, "scores");
        Check.length("positive", Check.notNull(positive, "positive").length, scores.length, "one per score");
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRanks = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) j++;
            double midrank = (i + 1 + j) / 2.0;   // ranks i+1 .. j share their mean
            for (int k = i; k < j; k++) {
                if (positive[order[k]]) {
                    positiveRanks += midrank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The fraction of scores on the right side of {@code threshold} (above: positive). */
    public static double accuracy(double[] scores, boolean[] positive, double threshold) {
        Check.length("positive", positive.length, scores.length, "one per score");
        int right = 0;
        for (int i = 0; i < scores.length; i++) if ((scores[i] > threshold) == positive[i]) right++;
        return scores.length == 0 ? Double.NaN : right / (double) scores.length;
    }
}
