package org.hopfield4j.consumers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * Writes the consumers' inputs and the reactor's own retrieval of them to target/consumer-data; the
 * consumer builds (src/it, run by the invoker after this) must write and print the same.
 */
class ExpectedRetrievalTest {
    private static final int M = 40;
    private static final int D = 16;
    private static final int B = 8;

    @Test
    void writesInputsAndTheReactorsRetrieval() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "consumer-data"));
        Random random = new Random(2026);
        float[] memories = new float[M * D];
        for (int i = 0; i < memories.length; i++) {
            memories[i] = random.nextFloat();
        }
        float[] queries = new float[B * D];
        for (int b = 0; b < B; b++) { // stored pattern 5b with half its pixels zeroed: the paper's masked queries
            for (int j = 0; j < D; j++) {
                queries[b * D + j] = random.nextBoolean() ? memories[(5 * b) * D + j] : 0f;
            }
        }
        Npy.write(dir.resolve("memories.npy"), NpyArray.ofFloat(memories, M, D));
        Npy.write(dir.resolve("queries.npy"), NpyArray.ofFloat(queries, B, D));
        try (MemoryStore store = MemoryStore.ofFloat(memories, M, D);
             Retriever retriever = Retriever.builder(store).map(Separation.sparsemax()).beta(4).build()) {
            float[] states = retriever.retrieve(queries, B).floatStates();
            assertEquals(B * D, states.length);
            Npy.write(dir.resolve("expected.npy"), NpyArray.ofFloat(states, B, D));
            double checksum = 0;
            for (float v : states) {
                checksum += v;
            }
            Files.writeString(dir.resolve("expected.txt"),
                    String.format(Locale.ROOT, "reactor: retrieved %d x %d, sum %.6f%n", B, D, checksum),
                    StandardCharsets.UTF_8);
        }
    }
}
