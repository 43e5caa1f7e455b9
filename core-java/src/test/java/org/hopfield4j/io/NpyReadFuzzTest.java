package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.fuzz.AllocationBudget;
import org.hopfield4j.fuzz.FuzzFiles;

/**
 * Fuzzes the {@code .npy} reader with arbitrary bytes, read both as a file (size known up front) and
 * as a stream (size unknown), which take different paths through {@link NpyReader}.
 *
 * <p>Invariant: each read either returns a valid array or throws {@link NpyFormatException}, never any
 * other exception, and never allocates far more than the input holds; both reads agree, and what was
 * read writes back and reads again unchanged. Seeds: {@code NpyReadFuzzTestInputs/readArbitraryBytes/}
 *.
 */
class NpyReadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readArbitraryBytes(byte[] input) throws IOException {
        Path file = FuzzFiles.withContent("fuzz.npy", input);
        NpyArray fromFile = AllocationBudget.forInput(input.length).measure(() -> readOrNull(file));
        NpyArray fromStream = AllocationBudget.forInput(input.length).measure(() -> readOrNull(input));
        assertEquals(fromFile, fromStream, "file and stream reads must agree");
        if (fromFile != null) {
            checkValid(fromFile, input.length);
        }
    }

    private static NpyArray readOrNull(Path file) throws IOException {
        try {
            return Npy.read(file);
        } catch (NpyFormatException expected) {
            return null;
        }
    }

    private static NpyArray readOrNull(byte[] input) throws IOException {
        try {
            return Npy.read(new ByteArrayInputStream(input), "fuzz input");
        } catch (NpyFormatException expected) {
            return null;
        }
    }

    private static void checkValid(NpyArray array, int inputLength) throws IOException {
        int[] shape = array.shape();
        assertTrue(shape.length == 1 || shape.length == 2, "rank 1 or 2");
        long product = 1;
        for (int dim : shape) {
            assertTrue(dim >= 0, "non-negative dimension");
            product *= dim;
        }
        assertEquals(product, array.size(), "size is the product of the shape");
        assertTrue(array.size() * (long) array.dtype().byteSize() <= inputLength, "data came from the input");

        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        Npy.write(rewritten, array);
        NpyArray reread = Npy.read(new ByteArrayInputStream(rewritten.toByteArray()), "rewritten");
        assertEquals(array, reread, "round trip");
        assertArrayEquals(shape, reread.shape());
    }
}
