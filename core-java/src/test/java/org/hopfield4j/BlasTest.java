package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.hopfield4j.reference.ReferenceSeparation;
import org.hopfield4j.reference.ReferenceSeparationLoss;
import org.junit.jupiter.api.Test;

class BlasTest {
    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.nextDouble() - 0.5;
        return a;
    }

    @Test
    void computesABTransposedInBothPrecisions() {
        int m = 5, n = 7, k = 3;
        double[] a = random(m * k, 1), b = random(n * k, 2);
        // the float64 reference's features of memories A under the map B, A·Bᵀ by definition
        double[] expected = ReferenceSeparationLoss.features(b, n, k, a, m, false);
        try (Blas.GemmAbt g = Blas.gemmAbt(a, b, m, n, k)) {
            g.run();
            double[] c = g.result();
            for (int i = 0; i < c.length; i++) assertEquals(expected[i], c[i], 1e-12);
            assertEquals(2.0 * m * n * k, g.flops());
            assertEquals(Precision.FLOAT64, g.precision());
        }
        float[] af = ReferenceSeparation.toFloat(a), bf = ReferenceSeparation.toFloat(b);
        try (Blas.GemmAbt g = Blas.gemmAbt(af, bf, m, n, k)) {
            g.run();
            double[] c = g.result();
            for (int i = 0; i < c.length; i++) assertEquals(expected[i], c[i], 1e-5);
            assertEquals(Precision.FLOAT32, g.precision());
        }
    }

    @Test
    void rejectsBadShapesAndUseAfterClose() {
        assertThrows(IllegalArgumentException.class, () -> Blas.gemmAbt(new float[6], new float[6], 2, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Blas.gemmAbt(new float[5], new float[6], 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Blas.gemmAbt(new double[6], new double[8], 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Blas.gemmAbt(new float[0], new float[0], 0, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Blas.gemmAbt(new float[1 << 16], new float[1 << 16], 1 << 16, 1 << 16, 1));   // C too large
        assertThrows(NullPointerException.class, () -> Blas.gemmAbt((float[]) null, new float[1], 1, 1, 1));
        Blas.GemmAbt g = Blas.gemmAbt(new float[] {1}, new float[] {2}, 1, 1, 1);
        g.close();
        g.close();
        assertThrows(IllegalStateException.class, g::run);
        assertThrows(IllegalStateException.class, g::result);
    }
}
