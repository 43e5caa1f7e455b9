package org.hopfield4j.nn;

import org.hopfield4j.internal.Check;

/**
 * The classification losses, mean over the batch, with their gradient with respect to the logits: the
 * value to report and the batch to hand to {@link Model#backward(Batch)}.
 *
 * @param value the mean loss
 * @param gradient d value / d logits, shaped like the logits
 */
public record Loss(double value, Batch gradient) {

    /**
     * Binary cross-entropy on logits z (one per row of the batch) against targets y ∈ [0, 1]:
     * mean of softplus(z) − y·z, computed stably; the gradient is (sigmoid(z) − y) / rows.
     */
    public static Loss binaryCrossEntropy(Batch logits, double[] targets) {
        Check.notNull(logits, "logits");
        Check.notNull(targets, "targets");
        if (logits.width() != 1 || logits.length() != 1) {
            throw new IllegalArgumentException("binary cross-entropy takes one logit per bag, got " + logits);
        }
        int n = logits.bags();
        Check.length("targets", targets.length, n, "one per bag");
        double[] z = logits.values(), g = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(targets[i] >= 0 && targets[i] <= 1)) {
                throw new IllegalArgumentException("targets[" + i + "] must be in [0, 1], got " + targets[i]);
            }
            sum += Math.max(z[i], 0) + Math.log1p(Math.exp(-Math.abs(z[i]))) - targets[i] * z[i];
            g[i] = (sigmoid(z[i]) - targets[i]) / n;
        }
        return new Loss(sum / n, logits.with(g, 1));
    }

    /**
     * Multi-class cross-entropy on logits (one row of C classes per bag) against class indices:
     * mean of logsumexp(z) − z_label; the gradient is (softmax(z) − onehot(label)) / rows.
     */
    public static Loss crossEntropy(Batch logits, int[] labels) {
        Check.notNull(logits, "logits");
        Check.notNull(labels, "labels");
        if (logits.length() != 1) throw new IllegalArgumentException("cross-entropy takes one row per bag, got " + logits);
        int n = logits.bags(), c = logits.width();
        Check.length("labels", labels.length, n, "one per bag");
        double[] z = logits.values(), g = new double[n * c];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + c + "), got " + labels[i]);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, z[i * c + j]);
            double total = 0;
            for (int j = 0; j < c; j++) total += Math.exp(z[i * c + j] - max);
            sum += max + Math.log(total) - z[i * c + labels[i]];
            for (int j = 0; j < c; j++) g[i * c + j] = Math.exp(z[i * c + j] - max) / total / n;
            g[i * c + labels[i]] -= 1.0 / n;
        }
        return new Loss(sum / n, logits.with(g, c));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
