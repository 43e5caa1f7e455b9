package org.hopfield4j.experiment;

import java.util.SplittableRandom;
import org.hopfield4j.data.ImageSet;

/** Small labelled "digits" for the learning protocols' tests: 10 random class prototypes in [0, 1]^d plus noise. */
final class LabelledBlobs {
    private LabelledBlobs() {}

    static ImageSet generate(int count, int d, double noise, long seed) {
        SplittableRandom prototypes = new SplittableRandom(99);   // the same classes in every split
        float[][] centre = new float[10][d];
        for (float[] c : centre) for (int j = 0; j < d; j++) c[j] = (float) prototypes.nextDouble();
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[count * d];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = r.nextInt(10);
            for (int j = 0; j < d; j++) {
                px[i * d + j] = (float) Math.max(0, Math.min(1, centre[labels[i]][j] + noise * r.nextGaussian()));
            }
        }
        return new ImageSet(px, count, d, labels, "labelled blobs");
    }
}
