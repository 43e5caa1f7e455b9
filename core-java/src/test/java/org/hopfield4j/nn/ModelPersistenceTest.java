package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.BitFlips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model.save / load: a round trip restores every value; a flipped byte or another model's archive is refused. */
class ModelPersistenceTest {
    @TempDir
    Path dir;

    private static Model model(long seed, int hidden) {
        return Model.of(new Linear(4, hidden, seed), Activation.relu(), new LayerNorm(hidden), new Linear(hidden, 1, seed + 1));
    }

    @Test
    void roundTripRestoresEveryValue() throws Exception {
        Model trained = model(1, 3);
        Path file = dir.resolve("m.npz");
        trained.save(file);
        Model fresh = model(2, 3);
        fresh.load(file);
        for (var e : trained.namedParameters().entrySet()) {
            assertArrayEquals(e.getValue().values(), fresh.namedParameters().get(e.getKey()).values(), e.getKey());
        }
    }

    @Test
    void corruptionAndOtherShapesAreRefusedWithoutLoading() throws Exception {
        Path file = dir.resolve("m.npz");
        model(1, 3).save(file);
        Model other = model(2, 5);
        ModelFormatException shape = assertThrows(ModelFormatException.class, () -> other.load(file));
        assertTrue(shape.getMessage().contains("0.linear.weight"), shape.getMessage());

        Model saved = model(1, 3);
        BitFlips.assertEveryFlipRejectedOrHarmless(file, new Random(3), ModelFormatException.class, (bad, at) -> {
            Model target = model(3, 3);
            double[] before = target.parameters().get(0).values().clone();
            try {
                target.load(bad);
            } catch (ModelFormatException e) {
                assertArrayEquals(before, target.parameters().get(0).values(), "nothing loaded from a refused file");
                throw e;
            }
            for (var e : saved.namedParameters().entrySet()) {
                assertArrayEquals(e.getValue().values(), target.namedParameters().get(e.getKey()).values(),
                        "flip at byte " + at + " changed " + e.getKey() + " unnoticed");
            }
        });
    }
}
