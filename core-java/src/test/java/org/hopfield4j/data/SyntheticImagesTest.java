package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The synthetic set is always the same (experiments and scripts quote results on it), pixels in
 * [0, 1], labelled by prototype, and images of one prototype closer to each other than to the rest.
 */
class SyntheticImagesTest {
    static final ImageSet SET = SyntheticImages.blobs();

    @Test
    void theSetIsPinned() {
        assertEquals(200, SET.count());
        assertEquals(64, SET.dimension());
        assertEquals("synthetic 8x8 blobs (seeded)", SET.description());
        // the values of this version: a change of seed, of the flip rate or of the jitter shows here
        assertEquals(390886521, Arrays.hashCode(SET.pixels()));
        assertEquals(0.027826594f, SET.pixels()[0]);
        assertEquals(0.92755455f, SET.pixels()[12799]);
        assertArrayEquals(SET.pixels(), SyntheticImages.blobs().pixels());
    }

    @Test
    void labelsCycleThroughTheTenPrototypesAndPixelsAreInTheUnitInterval() {
        for (int i = 0; i < SET.count(); i++) assertEquals(i % 10, SET.labels()[i]);
        assertArrayEquals(new float[] {0f, 1f}, SET.range());
        long saturated = 0;
        for (float v : SET.pixels()) if (v == 0f || v == 1f) saturated++;
        assertTrue(saturated > 0.4 * SET.pixels().length, "the jitter is clamped at 0 and 1: " + saturated);
    }

    @Test
    void imagesOfOnePrototypeAreCloserThanImagesOfOthers() {
        double same = 0, other = 0;
        int nSame = 0, nOther = 0;
        for (int i = 0; i < SET.count(); i += 7) {
            for (int j = 0; j < SET.count(); j += 3) {
                if (i == j) continue;
                double dist = 0;
                float[] a = SET.image(i), b = SET.image(j);
                for (int k = 0; k < a.length; k++) dist += Math.abs(a[k] - b[k]);
                if (i % 10 == j % 10) { same += dist; nSame++; } else { other += dist; nOther++; }
            }
        }
        assertTrue(same / nSame < 0.5 * (other / nOther), same / nSame + " vs " + other / nOther);
    }
}
