package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --scale-uint8}: {@code retrieve} on numpy's uint8 images retrieves exactly what it retrieves on
 * the same images as float32 in [0, 1]; without the flag, what it retrieves on them as float32 in [0, 255].
 */
class ScaleUint8CommandTest {
    private static final int M = 12;
    private static final int B = 3;
    private static final int D = 10;

    @TempDir
    Path dir;

    /** A (rows, D) uint8 .npy of {@code bytes}, laid out as numpy writes it. */
    private Path uint8(String name, byte[] bytes, int rows) throws IOException {
        Path file = NpyFixtures.raw(dir.resolve(name), "|u1", 1, rows, D);
        byte[] all = Files.readAllBytes(file);
        System.arraycopy(bytes, 0, all, all.length - bytes.length, bytes.length);
        return Files.write(file, all);
    }

    private static float[] floats(byte[] bytes, float divisor) {
        float[] f = new float[bytes.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (bytes[i] & 0xff) / divisor;
        }
        return f;
    }

    private float[] retrieve(String tag, Path memories, Path queries, String... extra) throws IOException {
        Path out = dir.resolve("y-" + tag + ".npy");
        String[] head = {"retrieve", "--memories", memories.toString(), "--queries", queries.toString(), "--beta", "8",
            "--out", out.toString(), "-q"};
        String[] all = new String[head.length + extra.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(extra, 0, all, head.length, extra.length);
        CliRun run = CliRun.run(all);
        assertEquals(0, run.exitCode(), run::toString);
        return Npy.read(out).floatData();
    }

    @Test
    void scaledUint8InputRetrievesAsTheFloatImagesInZeroToOne() throws IOException {
        Random random = new Random(5);
        byte[] memories = new byte[M * D];
        random.nextBytes(memories);
        byte[] queries = new byte[B * D];
        for (int i = 0; i < queries.length; i++) {   // stored patterns 0..B-1, half of each pixel set zeroed
            queries[i] = random.nextBoolean() ? memories[i] : 0;
        }
        Path memU8 = uint8("m8.npy", memories, M);
        Path qU8 = uint8("q8.npy", queries, B);
        Path memUnit = NpyFixtures.write(dir.resolve("m01.npy"), NpyArray.ofFloat(floats(memories, 255f), M, D));
        Path qUnit = NpyFixtures.write(dir.resolve("q01.npy"), NpyArray.ofFloat(floats(queries, 255f), B, D));

        float[] scaled = retrieve("scaled", memU8, qU8, "--scale-uint8");
        assertArrayEquals(retrieve("unit", memUnit, qUnit), scaled);
        for (float v : scaled) {
            assertTrue(v >= 0 && v <= 1, "retrieved pixels in [0, 1]: " + v);
        }
        Path memRaw = NpyFixtures.write(dir.resolve("m255.npy"), NpyArray.ofFloat(floats(memories, 1f), M, D));
        Path qRaw = NpyFixtures.write(dir.resolve("q255.npy"), NpyArray.ofFloat(floats(queries, 1f), B, D));
        assertArrayEquals(retrieve("raw", memRaw, qRaw), retrieve("plain", memU8, qU8));
    }
}
