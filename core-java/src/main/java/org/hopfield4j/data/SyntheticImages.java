package org.hopfield4j.data;

import java.util.SplittableRandom;

/**
 * A synthetic image set for tests and quick trials that needs no download: {@value #COUNT} images
 * of {@value #SIDE} × {@value #SIDE} pixels in [0, 1], ten random blob prototypes each perturbed
 * (pixels flipped with probability 0.1 and jittered), from a fixed seed: correlated like digits, tiny,
 * and always the same (the {@code experiment} commands' {@code --dataset synthetic}, the DSL's
 * {@code Datasets.synthetic()}).
 */
public final class SyntheticImages {
    /** Images in the set. */
    public static final int COUNT = 200;
    /** Side of an image in pixels. */
    public static final int SIDE = 8;

    private SyntheticImages() {}

    /** The set (labelled by prototype, 0..9). */
    public static ImageSet blobs() {
        int d = SIDE * SIDE;
        SplittableRandom rng = new SplittableRandom(20240101L);
        float[][] prototypes = new float[10][d];
        for (float[] p : prototypes) {
            for (int j = 0; j < d; j++) {
                p[j] = rng.nextDouble() < 0.35 ? 1f : 0f;
            }
        }
        float[] pixels = new float[COUNT * d];
        int[] labels = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            int c = i % 10;
            labels[i] = c;
            for (int j = 0; j < d; j++) {
                float v = rng.nextDouble() < 0.1 ? 1 - prototypes[c][j] : prototypes[c][j];
                v = (float) Math.min(1, Math.max(0, v + 0.2 * (rng.nextDouble() - 0.5)));
                pixels[i * d + j] = v;
            }
        }
        return new ImageSet(pixels, COUNT, d, labels, "synthetic 8x8 blobs (seeded)");
    }
}
