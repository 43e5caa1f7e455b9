package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.hopfield4j.SparseWeights;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code retrieve} gives what the Java API gives, and writes weights and energies in the documented layouts. */
class RetrieveCommandTest {
    static final int M = 12, D = 6, B = 5;

    @TempDir
    static Path dir;

    static float[] xi;
    static float[] queries;
    static Path memoriesFile;
    static Path queriesFile;

    @BeforeAll
    static void files() throws IOException {
        xi = NpyFixtures.toFloat(NpyFixtures.gaussian(M * D, 11, 0.6));
        queries = NpyFixtures.toFloat(NpyFixtures.gaussian(B * D, 12, 0.6));
        memoriesFile = NpyFixtures.write(dir.resolve("xi.npy"), NpyArray.ofFloat(xi, M, D));
        queriesFile = NpyFixtures.write(dir.resolve("x.npy"), NpyArray.ofFloat(queries, B, D));
    }

    /** A map: its CLI flags and the same map in the API. */
    record MapCase(String label, List<String> flags, Separation map, double polyN) {
        Retriever.Builder apply(Retriever.Builder b) {
            return map != null ? b.map(map) : b.polynomial(polyN);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final List<MapCase> MAPS = List.of(
            new MapCase("softmax", List.of("--map", "softmax"), Separation.softmax(), 0),
            new MapCase("sparsemax", List.of("--map", "sparsemax"), Separation.sparsemax(), 0),
            new MapCase("default map", List.of(), Separation.sparsemax(), 0),
            new MapCase("entmax15", List.of("--map", "entmax15"), Separation.entmax15(), 0),
            new MapCase("entmax 1.3", List.of("--map", "entmax", "--alpha", "1.3"), Separation.entmax(1.3), 0),
            new MapCase("normmax 2", List.of("--map", "normmax", "--alpha", "2"), Separation.named("normmax", 2), 0),
            new MapCase("poly (10)", List.of("--map", "poly"), null, 10),
            new MapCase("poly 3", List.of("--map", "poly", "--degree", "3"), null, 3));

    static Stream<Arguments> grid() {
        List<Arguments> out = new ArrayList<>();
        for (MapCase m : MAPS) {
            for (String sim : List.of("dot", "l2", "l1", "cosine")) {
                out.add(Arguments.of(m, sim));
            }
        }
        return out.stream();
    }

    static String[] args(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    static float[] readFloats(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        assertEquals(NpyDtype.FLOAT32, a.dtype(), file::toString);
        return a.floatData();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("grid")
    void matchesTheJavaApi(MapCase map, String sim) throws IOException {
        Path out = dir.resolve("y-" + map.label().replace(' ', '_') + "-" + sim + ".npy");
        List<String> cmd = new ArrayList<>(List.of("retrieve", "--memories", memoriesFile.toString(),
                "--queries", queriesFile.toString(), "--beta", "0.7", "--steps", "3", "--eps", "1e-6",
                "--similarity", sim, "--out", out.toString()));
        cmd.addAll(map.flags());
        CliRun run = CliRun.run(cmd.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);

        Retrieval expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D);
             Retriever r = map.apply(Retriever.builder(store)).beta(0.7).steps(3).eps(1e-6)
                     .similarity(Similarity.named(sim)).build()) {
            expected = r.retrieve(queries, B);
        }
        assertArrayEquals(expected.floatStates(), readFloats(out));
        assertArrayEquals(new int[] {B, D}, Npy.read(out).shape());

        String summary = run.out().strip();
        assertEquals(1, run.out().lines().count(), run::toString);
        assertTrue(summary.contains("B " + B + " queries, M " + M + " memories, d " + D + ", float32"), summary);
        double meanSteps = 0;
        for (int s : expected.steps()) meanSteps += s;
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "mean steps %.2f", meanSteps / B)), summary);
        assertTrue(summary.contains("mean support "), summary);
    }

    @Test
    void weightsAsDenseNpyAndSparseNpz() throws IOException {
        Path out = dir.resolve("yw.npy");
        Path dense = dir.resolve("w.npy");
        Path sparse = dir.resolve("w.npz");
        for (Path weights : List.of(dense, sparse)) {
            CliRun run = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", queriesFile.toString(),
                    "--map", "sparsemax", "--beta", "2", "--out", out.toString(), "--weights", weights.toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        SparseWeights expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D);
             Retriever r = Retriever.builder(store).map(Separation.sparsemax()).beta(2).recordWeights(true).build()) {
            expected = r.retrieve(queries, B).weights();
        }

        NpyArray denseArray = Npy.read(dense);
        assertArrayEquals(new int[] {B, M}, denseArray.shape());
        assertEquals(NpyDtype.FLOAT32, denseArray.dtype());
        double[] d = denseArray.toDouble();
        int positive = 0;
        for (int b = 0; b < B; b++) {
            assertArrayEquals(expected.denseRow(b), java.util.Arrays.copyOfRange(d, b * M, (b + 1) * M));
            double sum = 0;
            for (int j = 0; j < M; j++) {
                sum += d[b * M + j];
                if (d[b * M + j] > 0) positive++;
            }
            assertEquals(1.0, sum, 1e-5);
        }
        assertTrue(positive < B * M, "sparsemax at beta 2 must give some exact zeros");

        Map<String, byte[]> members = zipMembers(sparse);
        assertEquals(List.of("offsets.npy", "indices.npy", "values.npy", "shape.npy"), new ArrayList<>(members.keySet()));
        assertArrayEquals(expected.offsets(), int64(members.get("offsets.npy")));
        assertArrayEquals(expected.indices(), int32(members.get("indices.npy")));
        assertArrayEquals(new long[] {B, M}, int64(members.get("shape.npy")));
        NpyArray values = Npy.read(new ByteArrayInputStream(members.get("values.npy")), "values.npy");
        assertEquals(NpyDtype.FLOAT32, values.dtype());
        assertArrayEquals(expected.floatValues(), values.floatData());
        assertEquals(positive, values.size(), "the npz holds exactly the support");
    }

    /**
     * Streaming (issue #13): batches of 2 rows over B = 5 queries (the last batch shorter) give the very
     * bytes of one batch: states, dense and CSR weights, energies; and the summary line.
     */
    @Test
    void batchesGiveTheBytesOfOneBatch() throws IOException {
        List<byte[]> outputsOf = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (String batch : List.of("1024", "2")) {
            for (String weights : List.of("w.npy", "w.npz")) {
                Path run = Files.createDirectories(dir.resolve("batch-" + batch + "-" + weights));
                CliRun r = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", queriesFile.toString(),
                        "--map", "sparsemax", "--beta", "2", "--steps", "3", "--batch", batch, "--no-progress",
                        "--out", run.resolve("y.npy").toString(), "--weights", run.resolve(weights).toString(),
                        "--energy", run.resolve("e.npy").toString());
                assertEquals(0, r.exitCode(), r::toString);
                summaries.add(r.out().replace(run.toString(), ""));
                for (String f : List.of("y.npy", weights, "e.npy")) outputsOf.add(Files.readAllBytes(run.resolve(f)));
            }
        }
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(outputsOf.get(i), outputsOf.get(6 + i), "output " + i + " differs between batch sizes");
        }
        assertEquals(summaries.get(0), summaries.get(2));
    }

    @Test
    void softmaxWeightsInNpzHoldEveryEntry() throws IOException {
        Path sparse = dir.resolve("ws.npz");
        CliRun run = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", queriesFile.toString(),
                "--map", "softmax", "--out", dir.resolve("ys.npy").toString(), "--weights", sparse.toString());
        assertEquals(0, run.exitCode(), run::toString);
        long[] offsets = int64(zipMembers(sparse).get("offsets.npy"));
        assertEquals((long) B * M, offsets[B]);
    }

    @Test
    void energiesBeforeAndAfter() throws IOException {
        Path energy = dir.resolve("e.npy");
        CliRun run = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", queriesFile.toString(),
                "--map", "entmax15", "--steps", "4", "--out", dir.resolve("ye.npy").toString(), "--energy", energy.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Retrieval expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D);
             Retriever r = Retriever.builder(store).map(Separation.entmax15()).steps(4).recordEnergies(true).build()) {
            expected = r.retrieve(queries, B);
        }
        NpyArray e = Npy.read(energy);
        assertEquals(NpyDtype.FLOAT64, e.dtype());
        assertArrayEquals(new int[] {B, 2}, e.shape());
        double[] v = e.doubleData();
        for (int b = 0; b < B; b++) {
            assertEquals(expected.energyBefore()[b], v[2 * b]);
            assertEquals(expected.energyAfter()[b], v[2 * b + 1]);
            assertTrue(v[2 * b + 1] <= v[2 * b] + 1e-5 * Math.abs(v[2 * b]), "the energy does not increase");
        }
    }

    @Test
    void kernelSimilarityFromW() throws IOException {
        int featureDim = 8;
        double[] w = NpyFixtures.gaussian(featureDim * D, 13, 1 / Math.sqrt(D));
        Path wFile = NpyFixtures.write(dir.resolve("wk.npy"), NpyArray.ofDouble(w, featureDim, D));
        Path out = dir.resolve("yk.npy");
        Path energy = dir.resolve("ek.npy");
        CliRun run = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", queriesFile.toString(),
                "--map", "softmax", "--kernel", wFile.toString(), "--out", out.toString(), "--energy", energy.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("kernel " + wFile), run::toString);
        Retrieval expected;
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernel(w, featureDim, D))
                     .recordEnergies(true).build()) {
            expected = r.retrieve(queries, B);
        }
        assertArrayEquals(expected.floatStates(), readFloats(out));
        assertEquals(expected.energyBefore()[0], Npy.read(energy).doubleData()[0]);
    }

    @Test
    void float64MemoriesGiveFloat64OutputAndOneDimensionalQueries() throws IOException {
        double[] xi64 = NpyFixtures.gaussian(M * D, 21, 0.5);
        double[] q = NpyFixtures.gaussian(D, 22, 0.5);
        Path mem = NpyFixtures.write(dir.resolve("xi64.npy"), NpyArray.ofDouble(xi64, M, D));
        Path qf = NpyFixtures.write(dir.resolve("q1.npy"), NpyArray.ofDouble(q, D));
        Path out = dir.resolve("y64.npy");
        Path weights = dir.resolve("w64.npy");
        CliRun run = CliRun.run("retrieve", "--memories", mem.toString(), "--queries", qf.toString(), "--map", "entmax",
                "--alpha", "1.5", "--out", out.toString(), "--weights", weights.toString());
        assertEquals(0, run.exitCode(), run::toString);
        NpyArray y = Npy.read(out);
        assertEquals(NpyDtype.FLOAT64, y.dtype());
        assertArrayEquals(new int[] {D}, y.shape());
        assertEquals(NpyDtype.FLOAT64, Npy.read(weights).dtype());
        try (MemoryStore store = MemoryStore.ofDouble(xi64, M, D);
             Retriever r = Retriever.builder(store).map(Separation.entmax(1.5)).build()) {
            assertArrayEquals(r.retrieve(q, 1).doubleStates(), y.doubleData());
        }
    }

    @Test
    void float64QueriesAreRoundedForFloat32Memories() throws IOException {
        double[] q = NpyFixtures.gaussian(B * D, 31, 0.5);
        Path qf = NpyFixtures.write(dir.resolve("q64.npy"), NpyArray.ofDouble(q, B, D));
        Path out = dir.resolve("yq.npy");
        CliRun run = CliRun.run("retrieve", "--memories", memoriesFile.toString(), "--queries", qf.toString(),
                "--out", out.toString(), "--steps", "0", "--quiet");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertArrayEquals(NpyFixtures.toFloat(q), readFloats(out), "0 steps: the (rounded) queries themselves");
    }

    // ------------------------------------------------------------------ reading the npz back

    static Map<String, byte[]> zipMembers(Path npz) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /** The data of a 1-D integer .npy member (Npy.read handles float arrays only), checking its descr. */
    private static ByteBuffer intData(byte[] npy, String descr) {
        int headerLength = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'descr': '" + descr + "'"), header);
        assertTrue(header.contains("'fortran_order': False"), header);
        return ByteBuffer.wrap(npy, 10 + headerLength, npy.length - 10 - headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static long[] int64(byte[] npy) {
        ByteBuffer data = intData(npy, "<i8");
        long[] out = new long[data.remaining() / 8];
        data.asLongBuffer().get(out);
        return out;
    }

    static int[] int32(byte[] npy) {
        ByteBuffer data = intData(npy, "<i4");
        int[] out = new int[data.remaining() / 4];
        data.asIntBuffer().get(out);
        return out;
    }
}
