package org.hopfield4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The toy multiple-instance task of docs/java-api.md#layers: bags of 4 to 10 standard-normal vectors;
 * a bag is positive iff one planted pattern (a fixed random vector) is among its instances. Half the
 * bags are positive, the planted instance at a random position.
 */
final class ToyBags {
    private ToyBags() {}

    static Bags generate(int count, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] planted = gaussian(random, width);
        List<double[]> bags = new ArrayList<>();
        double[] targets = new double[count];
        for (int i = 0; i < count; i++) {
            int n = 4 + random.nextInt(7);
            double[] bag = new double[n * width];
            for (int r = 0; r < n; r++) System.arraycopy(gaussian(random, width), 0, bag, r * width, width);
            if (i % 2 == 0) {
                System.arraycopy(planted, 0, bag, random.nextInt(n) * width, width);
                targets[i] = 1;
            }
            bags.add(bag);
        }
        return new Bags(bags, width, targets);
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }
}
