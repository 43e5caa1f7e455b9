package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MNIST-bags: reproducible per seed, the label rule exact, the bag sizes distributed as asked. */
class MnistBagsTest {
    /** 200 one-pixel "images" whose labels cycle 0..9, so every digit is common. */
    static ImageSet labelled(int n) {
        float[] px = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = (i % 10) / 10f;
            labels[i] = i % 10;
        }
        return new ImageSet(px, n, 1, labels, "cycling labels");
    }

    @Test
    void theSameSeedGivesTheSameBagsAndAnotherSeedOthers() {
        ImageSet images = labelled(200);
        List<MnistBags.Bag> a = MnistBags.draw(images, 50, MnistBags.STANDARD, 7);
        List<MnistBags.Bag> b = MnistBags.draw(images, 50, MnistBags.STANDARD, 7);
        List<MnistBags.Bag> c = MnistBags.draw(images, 50, MnistBags.STANDARD, 8);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).instances(), b.get(i).instances(), "bag " + i);
            assertEquals(a.get(i).positive(), b.get(i).positive());
        }
        assertNotEquals(a.get(0).instances().length + "," + a.get(1).instances()[0],
                c.get(0).instances().length + "," + c.get(1).instances()[0]);
    }

    @Test
    void fewerBagsOfTheSameSeedAreAPrefix() {
        ImageSet images = labelled(200);
        List<MnistBags.Bag> small = MnistBags.draw(images, 10, MnistBags.STANDARD, 3);
        List<MnistBags.Bag> large = MnistBags.draw(images, 40, MnistBags.STANDARD, 3);
        for (int i = 0; i < small.size(); i++) assertArrayEquals(small.get(i).instances(), large.get(i).instances());
    }

    @Test
    void aBagIsPositiveExactlyWhenItHoldsTheTargetDigit() {
        ImageSet images = labelled(200);
        int positives = 0;
        for (int target : new int[] {9, 3}) {
            for (MnistBags.Bag bag : MnistBags.draw(images, 500, new MnistBags.Shape(4, 1, target, false), 11)) {
                boolean holds = false;
                for (int i : bag.instances()) holds |= images.labels()[i] == target;
                assertEquals(holds, bag.positive());
                if (bag.positive()) positives++;
            }
        }
        // P(positive) = 1 - 0.9^size with size ~ 4: about a third of 1000 bags; both classes occur
        assertTrue(positives > 200 && positives < 500, "positives " + positives);
    }

    @Test
    void bagSizesFollowTheRoundedNormalAndAreAtLeastOne() {
        ImageSet images = labelled(200);
        List<MnistBags.Bag> bags = MnistBags.draw(images, 4000, MnistBags.STANDARD, 5);
        double sum = 0, sq = 0;
        for (MnistBags.Bag b : bags) {
            sum += b.size();
            sq += b.size() * (double) b.size();
        }
        double mean = sum / bags.size(), std = Math.sqrt(sq / bags.size() - mean * mean);
        assertEquals(10, mean, 0.15, "mean bag size");
        assertEquals(Math.sqrt(4 + 1 / 12.0), std, 0.15, "std of a rounded Normal(10, 2)");
        for (MnistBags.Bag b : MnistBags.draw(images, 2000, new MnistBags.Shape(1, 3, 9, false), 5)) {
            assertTrue(b.size() >= 1, "size " + b.size());
        }
        for (MnistBags.Bag b : MnistBags.draw(images, 50, new MnistBags.Shape(7, 0, 9, false), 5)) {
            assertEquals(7, b.size(), "std 0: every bag has the mean size");
        }
    }

    @Test
    void singlePositiveBagsHoldExactlyOneTargetDigitAndAreHalfPositive() {
        ImageSet images = labelled(200);
        int positives = 0;
        List<MnistBags.Bag> bags = MnistBags.draw(images, 1000, new MnistBags.Shape(50, 5, 9, true), 2);
        for (MnistBags.Bag bag : bags) {
            int nines = 0;
            for (int i : bag.instances()) if (images.labels()[i] == 9) nines++;
            assertEquals(bag.positive() ? 1 : 0, nines, "target digits in a bag");
            if (bag.positive()) positives++;
        }
        assertTrue(positives > 440 && positives < 560, "positives " + positives + " of 1000");
        ImageSet allNines = new ImageSet(new float[3], 3, 1, new int[] {9, 9, 9}, "nines");
        assertThrows(IllegalArgumentException.class, () -> MnistBags.draw(allNines, 2, new MnistBags.Shape(2, 0, 9, true), 1));
    }

    @Test
    void unlabelledImagesAndBadShapesAreRejected() {
        ImageSet unlabelled = new ImageSet(new float[4], 4, 1, null, "no labels");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistBags.draw(unlabelled, 3, MnistBags.STANDARD, 1));
        assertTrue(e.getMessage().contains("labelled"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MnistBags.Shape(0.5, 2, 9, false));
        assertThrows(IllegalArgumentException.class, () -> new MnistBags.Shape(10, -1, 9, false));
        assertThrows(IllegalArgumentException.class, () -> MnistBags.draw(labelled(10), 0, MnistBags.STANDARD, 1));
    }
}
