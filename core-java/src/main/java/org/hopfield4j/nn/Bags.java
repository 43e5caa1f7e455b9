package org.hopfield4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.internal.Check;

/**
 * A data set of variable-size bags with one target each (a 0/1 label for binary cross-entropy, or a
 * class index), cut into mini-batches: each mini-batch pads its bags to its longest one
 * ({@link Batch#ofBags}), so the Hopfield layers mask the padding.
 */
public final class Bags {
    /** One mini-batch: the padded bags, their targets, and their positions in the data set. */
    public record MiniBatch(Batch input, double[] targets, int[] indices) {
        /** The targets as class indices (for {@link Loss#crossEntropy}). */
        public int[] labels() {
            int[] l = new int[targets.length];
            for (int i = 0; i < l.length; i++) l[i] = (int) targets[i];
            return l;
        }
    }

    private final List<double[]> bags;
    private final int width;
    private final double[] targets;

    /** {@code bags.get(i)} holds n_i × width values (n_i ≥ 1) and has the target {@code targets[i]}. */
    public Bags(List<double[]> bags, int width, double[] targets) {
        this.bags = List.copyOf(Check.notNull(bags, "bags"));
        this.width = Check.positive("width", width);
        this.targets = Check.notNull(targets, "targets").clone();
        Check.length("targets", targets.length, bags.size(), "one per bag");
        if (bags.isEmpty()) throw new IllegalArgumentException("bags must not be empty");
    }

    public int size() {
        return bags.size();
    }

    public int width() {
        return width;
    }

    /** The bags at {@code indices}, as one mini-batch. */
    public MiniBatch gather(int[] indices) {
        List<double[]> chosen = new ArrayList<>(indices.length);
        double[] t = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            chosen.add(bags.get(Check.notNull(indices, "indices")[i]));
            t[i] = targets[indices[i]];
        }
        return new MiniBatch(Batch.ofBags(chosen, width), t, indices.clone());
    }

    /** All bags in order, in mini-batches of {@code batchSize} (the last may be smaller). */
    public List<MiniBatch> inOrder(int batchSize) {
        int[] order = new int[bags.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        return cut(order, batchSize);
    }

    /** One epoch: all bags in an order drawn from {@code random} (Fisher–Yates), in mini-batches. */
    public List<MiniBatch> shuffled(int batchSize, SplittableRandom random) {
        Check.notNull(random, "random");
        int[] order = new int[bags.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return cut(order, batchSize);
    }

    private List<MiniBatch> cut(int[] order, int batchSize) {
        Check.positive("batch size", batchSize);
        List<MiniBatch> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            batches.add(gather(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize))));
        }
        return batches;
    }
}
