package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float32 array of more than the reader's 1 MiB buffer (bulk-decoded, buffer compacted between
 * rounds) reads back every value, from a file and from a stream that splits elements.
 */
class NpyFloat32ChunksTest {
    @TempDir
    Path dir;

    @Test
    void float32DataSpanningManyChunksReadsBackExactly() throws IOException {
        Random random = new Random(11);
        float[] values = new float[300_007];   // 1.2 MB
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        Path file = dir.resolve("big32.npy");
        Npy.write(file, values, values.length);
        assertArrayEquals(values, Npy.read(file).floatData());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(bytes, NpyArray.ofFloat(values, values.length));
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 4099));   // not a multiple of 4: elements split
            }
        };
        assertArrayEquals(values, Npy.read(trickle, "trickle").floatData());
    }
}
