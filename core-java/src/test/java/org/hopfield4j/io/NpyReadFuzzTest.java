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
 * read writes back and reads again unchanged. Read with {@link NpyReadOptions#scalingUint8()} the same
 * input reads or fails alike, to the same shape, and each value is either unchanged (not uint8) or the
 * plain value, an integer in [0, 255], divided by 255. Seeds: {@code NpyReadFuzzTestInputs/readArbitraryBytes/}
 * (every dtype that is read, uint8 images included).
 */
class NpyReadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readArbitraryBytes(byte[] input) throws IOException {
        Path file = FuzzFiles.withContent("fuzz.npy", input);
        NpyArray fromFile = AllocationBudget.forInput(input.length).measure(() -> readOrNull(file));
        NpyArray fromStream = AllocationBudget.forInput(input.length).measure(() -> readOrNull(input));
        assertEquals(fromFile, fromStream, "file and stream reads must agree");
        NpyArray scaled = AllocationBudget.forInput(input.length).measure(() -> readOrNull(file, NpyReadOptions.scalingUint8()));
        assertEquals(fromFile == null, scaled == null, "scaling uint8 never decides whether a file reads");
        if (fromFile != null) {
            checkValid(fromFile, input.length);
            checkScaled(fromFile, scaled);
        }
    }

    private static NpyArray readOrNull(Path file) throws IOException {
        return readOrNull(file, NpyReadOptions.DEFAULT);
    }

    private static NpyArray readOrNull(Path file, NpyReadOptions options) throws IOException {
        try {
            return Npy.read(file, options);
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

    /** {@code scaled} is {@code plain} (not uint8), or {@code plain}, all integers in [0, 255], divided by 255. */
    private static void checkScaled(NpyArray plain, NpyArray scaled) {
        assertArrayEquals(plain.shape(), scaled.shape());
        assertEquals(plain.dtype(), scaled.dtype());
        if (plain.equals(scaled)) {
            return;
        }
        float[] p = plain.floatData();
        float[] s = scaled.floatData();
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i] >= 0 && p[i] <= 255 && p[i] == Math.rint(p[i]), "a scaled value came from a byte: " + p[i]);
            assertEquals(p[i] / 255f, s[i], "element " + i);
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
