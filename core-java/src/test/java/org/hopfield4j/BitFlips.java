package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The corruption check every saved format (memory stores, learned kernels, model parameters) must pass, one flipped bit at a time. */
public final class BitFlips {
    private BitFlips() {}

    /** Loads one corrupted copy and asserts it holds what was saved; may throw the format's exception instead. */
    public interface LoadSame {
        void check(Path corrupted, int flippedByte) throws IOException;
    }

    /**
     * For each byte of {@code saved} in turn flips one random bit, writes the copy beside it and hands it to
     * {@code load}, which must either throw {@code rejection} or find the saved content unchanged; more than half
     * of the flips must be rejected (only slack such as a zip timestamp may go unnoticed).
     */
    public static void assertEveryFlipRejectedOrHarmless(Path saved, Random rnd, Class<? extends Exception> rejection,
                                                   LoadSame load) throws IOException {
        byte[] bytes = Files.readAllBytes(saved);
        Path bad = saved.resolveSibling("flipped-" + saved.getFileName());
        int rejected = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] copy = bytes.clone();
            copy[i] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(bad, copy);
            try {
                load.check(bad, i);
            } catch (Exception e) {
                if (!rejection.isInstance(e)) throw e;
                rejected++;
            }
        }
        assertTrue(rejected > bytes.length / 2, "only " + rejected + " of " + bytes.length + " flips detected");
    }
}
