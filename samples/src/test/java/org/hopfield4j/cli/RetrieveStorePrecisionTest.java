package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.StoragePrecision;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retrieve --store-precision} and float16 {@code --memories} files give what the Java API gives on
 * the same half store; values out of range are one-line user errors; {@code bench half} prints a row
 * per map and store.
 */
class RetrieveStorePrecisionTest {
    static final int M = 40, D = 6, B = 7;

    @TempDir
    Path dir;

    private float[] states(MemoryStore store, float[] q) {
        try (Retriever r = Retriever.builder(store).map(Separation.sparsemax()).beta(3).steps(2).build()) {
            return r.retrieve(q, B).floatStates();
        }
    }

    @Test
    void roundsFloat32MemoriesOnLoadAsTheApiDoes() throws IOException {
        float[] xi = NpyFixtures.toFloat(NpyFixtures.gaussian(M * D, 5, 0.7));
        float[] q = NpyFixtures.toFloat(NpyFixtures.gaussian(B * D, 6, 0.7));
        Path memories = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofFloat(xi, M, D));
        Path queries = NpyFixtures.write(dir.resolve("x.npy"), NpyArray.ofFloat(q, B, D));
        for (StoragePrecision p : List.of(StoragePrecision.FLOAT16, StoragePrecision.BFLOAT16)) {
            Path out = dir.resolve("y-" + p + ".npy");
            CliRun run = CliRun.run("retrieve", "--memories", memories.toString(), "--queries", queries.toString(),
                    "--beta", "3", "--steps", "2", "--store-precision", p.toString(), "--out", out.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("float32 (stored " + p + ")"), run::toString);
            try (MemoryStore half = MemoryStore.ofFloat(xi, M, D, p)) {
                assertArrayEquals(states(half, q), Npy.read(out).floatData(), p.toString());
            }
        }
    }

    @Test
    void aFloat16FileIsAFloat16StoreOrWidenedOnRequest() throws IOException {
        Random rnd = new Random(9);
        Path memories = NpyFixtures.raw(dir.resolve("xi16.npy"), "<f2", 2, M, D);
        ByteBuffer bits = ByteBuffer.allocate(2 * M * D).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < M * D; i++) bits.putShort((short) (rnd.nextInt(0x3c00) | (rnd.nextBoolean() ? 0x8000 : 0)));
        try (FileChannel ch = FileChannel.open(memories, StandardOpenOption.WRITE)) {
            ch.write(bits.flip(), ch.size() - 2L * M * D);
        }
        float[] widened = Npy.read(memories).floatData();
        float[] q = NpyFixtures.toFloat(NpyFixtures.gaussian(B * D, 7, 0.3));
        Path queries = NpyFixtures.write(dir.resolve("x.npy"), NpyArray.ofFloat(q, B, D));
        float[] expected;
        try (MemoryStore full = MemoryStore.ofFloat(widened, M, D)) {
            expected = states(full, q);
        }
        for (String p : new String[] {null, "float32", "float16"}) {
            Path out = dir.resolve("y16-" + p + ".npy");
            List<String> args = new java.util.ArrayList<>(List.of("retrieve", "--memories", memories.toString(), "--queries",
                    queries.toString(), "--beta", "3", "--steps", "2", "--out", out.toString()));
            if (p != null) args.addAll(List.of("--store-precision", p));
            CliRun run = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(!"float32".equals(p), run.out().contains("(stored float16)"), run::toString);
            assertArrayEquals(expected, Npy.read(out).floatData(), "--store-precision " + p);
        }
    }

    @Test
    void valuesOutOfRangeAndUnknownNamesAreOneLineUserErrors() throws IOException {
        float[] xi = new float[M * D];
        xi[1] = 70000f;
        Path memories = NpyFixtures.write(dir.resolve("big.npy"), NpyArray.ofFloat(xi, M, D));
        Path queries = NpyFixtures.write(dir.resolve("x.npy"), NpyArray.ofFloat(new float[B * D], B, D));
        CliRun run = CliRun.run("retrieve", "--memories", memories.toString(), "--queries", queries.toString(),
                "--store-precision", "float16", "--out", dir.resolve("y.npy").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("--memories " + memories) && run.err().contains("pattern 0, column 1")
                && run.err().contains("70000.0") && run.err().contains("65520"), run::toString);
        CliRun bad = CliRun.run("retrieve", "--memories", memories.toString(), "--queries", queries.toString(),
                "--store-precision", "half", "--out", dir.resolve("y.npy").toString());
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("unknown storage precision 'half'"), bad::toString);
    }

    @Test
    void benchHalfPrintsEveryMapAndStore() {
        int kernelThreads = NativeRuntime.kernelThreads(), blasThreads = NativeRuntime.blasThreads();
        CliRun run;
        try {
            run = CliRun.run("bench", "half", "--random", "300,8", "--batch", "40", "--beta", "8", "--repeats", "1",
                    "--error-queries", "10", "--maps", "softmax,sparsemax", "--threads", "1");
        } finally {   // the settings are process-wide: later tests compare results with child processes
            NativeRuntime.setKernelThreads(kernelThreads);
            NativeRuntime.setBlasThreads(blasThreads);
        }
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# machine: "), run::toString);
        for (String map : List.of("softmax", "sparsemax")) {
            for (String store : List.of("float32", "float16", "bfloat16")) {
                assertEquals(1, lines.stream().filter(l -> l.startsWith(String.format("%-10s %-9s ", map, store))).count(),
                        run::toString);
            }
        }
        String f32 = lines.stream().filter(l -> l.startsWith(String.format("%-10s %-9s ", "sparsemax", "float32")))
                .findFirst().orElseThrow();
        assertTrue(f32.contains(" 1.000 ") && f32.contains("0.000e+00") && f32.endsWith("1.0000    1.0000"), f32);
    }
}
