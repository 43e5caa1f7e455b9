package org.hopfield4j.nn;

/**
 * Moves rows between the layers' layout, [bag][row][head][dim], and the association's, one problem per
 * (head, bag) with the heads outermost: [head][bag][row][dim]. Heads outermost keeps each head's rows
 * consecutive, which is how {@link EntmaxAlpha#perRow} and {@link EntmaxAlpha#rawGradient} group them.
 */
final class Heads {
    private Heads() {}

    /** [bag][row][head][dim] → [head][bag][row][dim], for {@code bags · rows} rows of {@code heads · dim}: a new array. */
    static double[] split(double[] x, int bagRows, int heads, int dim) {
        return split(AssociationPrecision.F64, x, bagRows, heads, dim);
    }

    /** The inverse of {@link #split}. */
    static double[] merge(double[] x, int bagRows, int heads, int dim) {
        return merge(AssociationPrecision.F64, x, bagRows, heads, dim);
    }

    /** {@link #split} of either element type. */
    static <A> A split(AssociationPrecision<A> type, A x, int bagRows, int heads, int dim) {
        return move(type, x, bagRows, heads, dim, true);
    }

    /** {@link #merge} of either element type. */
    static <A> A merge(AssociationPrecision<A> type, A x, int bagRows, int heads, int dim) {
        return move(type, x, bagRows, heads, dim, false);
    }

    private static <A> A move(AssociationPrecision<A> type, A x, int bagRows, int heads, int dim, boolean toHeadMajor) {
        if (heads == 1) return type.slice(x, 0, type.length(x));
        A out = type.allocate(type.length(x));
        for (int r = 0; r < bagRows; r++) {
            for (int h = 0; h < heads; h++) {
                int rowMajor = (r * heads + h) * dim, headMajor = (h * bagRows + r) * dim;
                if (toHeadMajor) System.arraycopy(x, rowMajor, out, headMajor, dim);
                else System.arraycopy(x, headMajor, out, rowMajor, dim);
            }
        }
        return out;
    }

    /** {@code perHead[h]} for each of the {@code bags} problems of head h. */
    static double[] perProblem(double[] perHead, int bags) {
        double[] out = new double[perHead.length * bags];
        for (int h = 0; h < perHead.length; h++) java.util.Arrays.fill(out, h * bags, (h + 1) * bags, perHead[h]);
        return out;
    }

    /** Sums per-problem values into their heads. */
    static double[] sumPerHead(double[] perProblem, int heads) {
        double[] out = new double[heads];
        int bags = perProblem.length / heads;
        for (int i = 0; i < perProblem.length; i++) out[i / bags] += perProblem[i];
        return out;
    }
}
