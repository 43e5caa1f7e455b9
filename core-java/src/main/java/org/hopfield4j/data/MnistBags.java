package org.hopfield4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.internal.Check;

/**
 * MNIST-bags (Ilse, Tomczak and Welling 2018, "Attention-based Deep Multiple Instance Learning"): bags of
 * labelled digit images, a bag size drawn from Normal(mean, std) (rounded, at least 1), its instances
 * drawn uniformly with replacement from the images of one split (the training bags from the training
 * digits, the test bags from the test digits, as in their code); a bag is positive iff it holds at least
 * one image of the target digit (their 9). A generator, not a file: the same images, settings and seed
 * give the same bags.
 */
public final class MnistBags {
    /** Ilse et al.'s standard setting: mean bag size 10, std 2, target digit 9. */
    public static final Shape STANDARD = new Shape(10, 2, 9, false);

    /**
     * How bags are drawn.
     *
     * @param meanSize the mean of the bag-size normal, finite and ≥ 1
     * @param sizeStd its standard deviation, finite and ≥ 0
     * @param targetDigit the label that makes a bag positive
     * @param singlePositive false: instances drawn from all images (Ilse et al.); true: half the bags
     *     positive with exactly one target image each, the other instances from the other digits
     */
    public record Shape(double meanSize, double sizeStd, int targetDigit, boolean singlePositive) {
        public Shape {
            if (!(meanSize >= 1) || Double.isInfinite(meanSize)) {
                throw new IllegalArgumentException("mean bag size must be finite and >= 1, got " + meanSize);
            }
            Check.nonNegativeFinite("bag size std", sizeStd);
            Check.nonNegative("target digit", targetDigit);
        }

        /** The same bags with another mean size (the bag-size sweep). */
        public Shape withMeanSize(double mean) {
            return new Shape(mean, sizeStd, targetDigit, singlePositive);
        }
    }

    /**
     * One bag: the indices of its instances in the image set, and its label.
     *
     * @param instances image indices, in the order drawn (repeats possible)
     * @param positive whether some instance carries the target digit
     */
    public record Bag(int[] instances, boolean positive) {
        public int size() {
            return instances.length;
        }
    }

    private MnistBags() {}

    /**
     * {@code count} bags of {@code images} drawn with {@code SplittableRandom(seed)}: for each bag its size,
     * then its instances.
     *
     * @throws IllegalArgumentException if the images have no labels, or count is not positive
     */
    public static List<Bag> draw(ImageSet images, int count, Shape shape, long seed) {
        Check.notNull(images, "images");
        Check.notNull(shape, "shape");
        Check.positive("bag count", count);
        int[] labels = images.labels();
        if (labels == null || images.count() == 0) {
            throw new IllegalArgumentException("MNIST bags need labelled images (mnist-full, fashion-mnist), got " + images);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[][] split = shape.singlePositive() ? byTarget(labels, shape.targetDigit()) : null;
        List<Bag> bags = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int size = (int) Math.max(1, Math.round(shape.meanSize() + shape.sizeStd() * random.nextGaussian()));
            int[] instances = new int[size];
            boolean positive = false;
            if (split == null) {
                for (int i = 0; i < size; i++) {
                    instances[i] = random.nextInt(images.count());
                    positive |= labels[instances[i]] == shape.targetDigit();
                }
            } else {
                positive = random.nextBoolean();
                int at = positive ? random.nextInt(size) : -1;
                for (int i = 0; i < size; i++) {
                    int[] from = split[i == at ? 0 : 1];
                    instances[i] = from[random.nextInt(from.length)];
                }
            }
            bags.add(new Bag(instances, positive));
        }
        return bags;
    }

    /** The indices of the target digit's images and of the others. */
    private static int[][] byTarget(int[] labels, int target) {
        int targets = 0;
        for (int l : labels) if (l == target) targets++;
        if (targets == 0 || targets == labels.length) {
            throw new IllegalArgumentException("single-positive bags need images of digit " + target + " and of others, got "
                    + targets + " of " + labels.length);
        }
        int[][] split = {new int[targets], new int[labels.length - targets]};
        int t = 0, o = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == target) split[0][t++] = i;
            else split[1][o++] = i;
        }
        return split;
    }
}
