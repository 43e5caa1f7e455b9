package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hopfield4j.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NpyReadOptions#scalingUint8()} (docs/formats.md#npy-dtypes): numpy's {@code uint8} images are
 * read divided by 255, in [0, 1], through {@link Npy} and {@link MemoryStore#fromNpy(Path, NpyReadOptions)};
 * every other type reads as without the option.
 */
class NpyUint8ScalingTest {
    @TempDir
    Path dir;

    /** A resource file written by numpy (core-java/src/test/resources/org/hopfield4j/io/numpy), copied to dir. */
    private Path numpyFile(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = NpyUint8ScalingTest.class.getResourceAsStream("numpy/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aNumpyUint8ImageFileReadsInZeroToOne() throws IOException {
        Path file = numpyFile("uint8-3x4.npy");   // np.array([[0, 1, 2, 127], [128, 200, 254, 255], [3, 4, 5, 6]], np.uint8)
        int[] bytes = {0, 1, 2, 127, 128, 200, 254, 255, 3, 4, 5, 6};
        float[] expected = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            expected[i] = (float) (bytes[i] / 255.0);
        }
        NpyArray scaled = Npy.read(file, NpyReadOptions.scalingUint8());
        assertEquals(NpyDtype.FLOAT32, scaled.dtype());
        assertArrayEquals(new int[] {3, 4}, scaled.shape());
        assertArrayEquals(expected, scaled.floatData());
        assertEquals(0f, scaled.floatData()[0]);
        assertEquals(1f, scaled.floatData()[7]);
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(scaled, Npy.read(in, "stream", NpyReadOptions.scalingUint8()), "stream and file agree");
        }
        assertArrayEquals(new float[] {0, 1, 2, 127, 128, 200, 254, 255, 3, 4, 5, 6}, Npy.read(file).floatData(),
                "without the option the values stay in [0, 255]");
        try (MemoryStore store = MemoryStore.fromNpy(file, NpyReadOptions.scalingUint8())) {
            assertArrayEquals(expected, store.toFloatArray());
        }
    }

    @Test
    void everyByteValueIsDividedBy255() throws IOException {
        byte[] data = new byte[256];
        float[] expected = new float[256];
        for (int v = 0; v < 256; v++) {
            data[v] = (byte) v;
            expected[v] = (float) (v / 255.0);
        }
        Path file = dir.resolve("all.npy");
        Files.write(file, NpyDtypesTest.npy("|u1", data.length, data));
        assertArrayEquals(expected, Npy.read(file, NpyReadOptions.scalingUint8()).floatData());
    }

    @Test
    void otherTypesAreNotScaled() throws IOException {
        for (String name : new String[] {"int16-be.npy", "int64.npy", "uint64.npy", "float16.npy", "bool.npy"}) {
            Path file = numpyFile(name);
            assertEquals(Npy.read(file), Npy.read(file, NpyReadOptions.scalingUint8()), name);
        }
        Path int8 = dir.resolve("int8.npy");
        Files.write(int8, NpyDtypesTest.npy("|i1", 3, new byte[] {-128, 0, 127}));
        assertArrayEquals(new float[] {-128, 0, 127}, Npy.read(int8, NpyReadOptions.scalingUint8()).floatData());
    }
}
