package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.fuzz.FuzzFiles;
import org.hopfield4j.fuzz.Verdict;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyFormatException;
import org.hopfield4j.io.NpyLayout;

/**
 * Fuzzes {@link MemoryStore#mapNpy} with arbitrary bytes as the {@code .npy} file.
 *
 * <p>Invariant: mapping either returns a store or throws {@link NpyFormatException} (the file) or
 * {@link IllegalArgumentException} (not 2-D, no rows or columns), never another exception and never a
 * crash (a header that promises more bytes than the file holds is rejected before anything is
 * mapped); whatever maps also reads with {@link Npy#read} to the same values, bit for bit; a retrieval
 * from it runs or rejects the values (non-finite, overflowing) with IllegalArgumentException; what
 * reads but does not map is a file a mapped store cannot be (not 2-D float32/float64 in this
 * machine's byte order, or empty). Seeds: {@code MemoryStoreMapFuzzTestInputs/mapArbitraryBytes/},
 * written by {@link org.hopfield4j.fuzz.SeedCorpusWriter}.
 */
class MemoryStoreMapFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void mapArbitraryBytes(byte[] input) throws IOException {
        Path file = FuzzFiles.withContent("fuzz-map.npy", input);
        NpyArray read = Verdict.orNull(() -> Npy.read(file), NpyFormatException.class);
        MemoryStore mapped = Verdict.orNull(() -> MemoryStore.mapNpy(file), NpyFormatException.class,
                IllegalArgumentException.class);
        if (mapped == null) {
            if (read != null) assertTrue(unmappable(file, read), "reads and has a mappable shape but did not map");
            return;
        }
        try (mapped) {
            assertNotNull(read, "what maps must also read");
            assertArrayEquals(new int[] {mapped.size(), mapped.dimension()}, read.shape());
            assertArrayEquals(bits(read.toDouble()), bits(mapped.toDoubleArray()), "mapped values are the file's");
            retrieveOnce(mapped);
        }
    }

    private static boolean unmappable(Path file, NpyArray read) throws IOException {
        return read.rank() != 2 || read.rows() == 0 || read.cols() == 0 || NpyLayout.of(file).nativeFloat() == null;
    }

    private static void retrieveOnce(MemoryStore store) {
        try (Retriever r = Retriever.builder(store).map(Separation.sparsemax()).build()) {
            int d = store.dimension();
            if (store.precision() == Precision.FLOAT32) r.retrieve(new float[d], 1);
            else r.retrieve(new double[d], 1);
        } catch (IllegalArgumentException rejectedValues) {
            assertTrue(rejectedValues.getMessage().startsWith("the memory store"), rejectedValues.getMessage());
        }
    }

    private static long[] bits(double[] values) {
        long[] b = new long[values.length];
        for (int i = 0; i < b.length; i++) b[i] = Double.doubleToRawLongBits(values[i]);
        return b;
    }
}
