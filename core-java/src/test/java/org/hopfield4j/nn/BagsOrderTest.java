package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A shuffled epoch visits every bag once in a new order; a mini-batch carries its bags' targets; one target per bag. */
class BagsOrderTest {
    @Test
    void aShuffledEpochIsAPermutationOtherThanTheOrderGiven() {
        List<double[]> list = new ArrayList<>();
        double[] targets = new double[30];
        for (int i = 0; i < 30; i++) list.add(new double[] {i, -i});
        Bags bags = new Bags(list, 2, targets);
        assertEquals(2, bags.width());
        int[] seen = new int[30];
        List<Integer> order = new ArrayList<>();
        for (Bags.MiniBatch m : bags.shuffled(7, new SplittableRandom(4))) {
            for (int i : m.indices()) {
                seen[i]++;
                order.add(i);
            }
        }
        int[] once = new int[30];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen, "every bag once");
        assertFalse(order.equals(order.stream().sorted().toList()), "shuffled: " + order);
    }

    @Test
    void aGatheredMiniBatchHasItsBagsTargetsAsLabels() {
        Bags bags = new Bags(List.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6}), 2, new double[] {0, 2, 1});
        Bags.MiniBatch m = bags.gather(new int[] {2, 0});
        assertArrayEquals(new int[] {1, 0}, m.labels());
        assertArrayEquals(new double[] {5, 6, 1, 2}, m.input().values());
    }

    @Test
    void targetsNeedOnePerBag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bags(List.of(new double[] {1, 2}, new double[] {3, 4}), 2, new double[3]));
        assertEquals("targets has length 3, expected 2 (one per bag)", e.getMessage());
    }
}
