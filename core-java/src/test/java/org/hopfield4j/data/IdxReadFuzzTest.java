package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.fuzz.AllocationBudget;
import org.hopfield4j.fuzz.FuzzFiles;

/**
 * Fuzzes the IDX reader (issue #18: a lying header once allocated 2.2 GB) with arbitrary bytes as an
 * idx3 image file and as an idx1 label file; gzipped inputs are detected by content, so the corpus
 * reaches the gzip path too.
 *
 * <p>Invariant: each read returns images whose pixels are all in [0, 1] and number count × dimension,
 * or labels in [0, 255], or throws an {@link IOException} (a {@link DataFileException} for a bad
 * header, the gzip stream's own for a damaged archive) — no other exception, and never more heap than
 * the input justifies ({@link AllocationBudget}). Seeds: {@code IdxReadFuzzTestInputs/readArbitraryBytes/}
 * (written by {@code SeedCorpusWriter}).
 */
class IdxReadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readArbitraryBytes(byte[] input) throws IOException {
        Path file = FuzzFiles.withContent("fuzz-idx", input);
        AllocationBudget.forInput(input.length).measure(() -> {
            checkImages(file);
            checkLabels(file);
            return null;
        });
    }

    private static void checkImages(Path file) {
        ImageSet set;
        try {
            set = Idx.readImages(file);
        } catch (IOException expected) {
            return;
        }
        assertEquals((long) set.count() * set.dimension(), set.pixels().length, "count x dimension pixels");
        for (float p : set.pixels()) {
            assertTrue(p >= 0 && p <= 1, "pixel " + p);
        }
    }

    private static void checkLabels(Path file) {
        int[] labels;
        try {
            labels = Idx.readLabels(file);
        } catch (IOException expected) {
            return;
        }
        for (int l : labels) {
            assertTrue(l >= 0 && l <= 255, "label " + l);
        }
    }
}
