package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.fuzz.AllocationBudget;
import org.hopfield4j.fuzz.FuzzFiles;
import org.hopfield4j.fuzz.Verdict;

/**
 * Fuzzes {@link MemoryStore#load} with arbitrary bytes as the {@code .npz} file.
 *
 * <p>Invariant: the load either returns a store or throws {@link MemoryStoreFormatException} (never
 * another exception, and never allocating far more than the file holds); a store that loads is
 * well-formed and saves and loads again to the same patterns. Seeds:
 * {@code MemoryStoreLoadFuzzTestInputs/loadArbitraryBytes/}, written by
 * {@link org.hopfield4j.fuzz.SeedCorpusWriter}.
 */
class MemoryStoreLoadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void loadArbitraryBytes(byte[] input) throws IOException {
        Path file = FuzzFiles.withContent("fuzz.npz", input);
        MemoryStore store = AllocationBudget.forInput(input.length)
                .measure(() -> Verdict.orNull(() -> MemoryStore.load(file), MemoryStoreFormatException.class));
        if (store != null) {
            try (store) {
                checkRoundTrip(store);
            }
        }
    }

    private static void checkRoundTrip(MemoryStore store) throws IOException {
        assertTrue(store.size() >= 1 && store.dimension() >= 1, "a loaded store has patterns");
        Path copy = FuzzFiles.withContent("copy.npz", new byte[0]);
        store.save(copy);
        try (MemoryStore reloaded = MemoryStore.load(copy)) {
            assertArrayEquals(store.toDoubleArray(), reloaded.toDoubleArray(), "save and load round trip");
        }
    }
}
