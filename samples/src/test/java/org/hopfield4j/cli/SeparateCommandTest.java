package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hopfield4j.Separation;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeparateCommandTest {
    private static final int ROWS = 7;
    private static final int N = 33;
    private static final double BETA = 1.7;

    @TempDir
    Path dir;

    static Stream<Arguments> mapsAndDtypes() {
        List<Arguments> cases = new ArrayList<>();
        for (NpyDtype dtype : NpyDtype.values()) {
            cases.add(Arguments.of("softmax", null, dtype));
            cases.add(Arguments.of("sparsemax", null, dtype));
            cases.add(Arguments.of("entmax15", null, dtype));
            cases.add(Arguments.of("entmax1.5", null, dtype));   // the registry's alias
            cases.add(Arguments.of("SoftMax", null, dtype));     // names are case-insensitive
            cases.add(Arguments.of("entmax", 1.5, dtype));
            cases.add(Arguments.of("entmax", 1.25, dtype));
            cases.add(Arguments.of("entmax", 3.0, dtype));
            cases.add(Arguments.of("normmax", 2.0, dtype));
            cases.add(Arguments.of("NormMax", 5.0, dtype));
        }
        return cases.stream();
    }

    private String[] args(String map, Double alpha, Path in, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("separate", "--map", map, "--beta", Double.toString(BETA),
                "--in", in.toString(), "--out", out.toString()));
        if (alpha != null) {
            a.add("--alpha");
            a.add(alpha.toString());
        }
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} alpha={1} {2}")
    @MethodSource("mapsAndDtypes")
    void mapsEveryRowAndWritesTheSameDtypeAndShape(String map, Double alpha, NpyDtype dtype) throws Exception {
        double[] z = NpyFixtures.gaussian(ROWS * N, 17, 2.0);
        z[5] = Double.NEGATIVE_INFINITY; // a masked entry
        Path in = dir.resolve("scores.npy");
        Path out = dir.resolve("probs.npy");
        Npy.write(in, dtype == NpyDtype.FLOAT32
                ? NpyArray.ofFloat(NpyFixtures.toFloat(z), ROWS, N) : NpyArray.ofDouble(z, ROWS, N));

        CliRun run = CliRun.run(args(map, alpha, in, out));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        NpyArray p = Npy.read(out);
        assertEquals(dtype, p.dtype());
        assertArrayEquals(new int[] {ROWS, N}, p.shape());
        Separation expected = Separation.named(map, alpha == null ? Double.NaN : alpha);
        double[] probs = p.toDouble();
        if (dtype == NpyDtype.FLOAT32) {
            assertArrayEquals(expected.apply(NpyFixtures.toFloat(z), ROWS, N, BETA), p.floatData());
        } else {
            assertArrayEquals(expected.apply(z, ROWS, N, BETA), p.doubleData());
        }
        double tolerance = dtype == NpyDtype.FLOAT32 ? 1e-5 : 1e-12;
        for (int r = 0; r < ROWS; r++) {
            double sum = 0;
            for (int i = 0; i < N; i++) {
                assertTrue(probs[r * N + i] >= 0, "p >= 0");
                sum += probs[r * N + i];
            }
            assertEquals(1.0, sum, tolerance, "row " + r + " sums to 1");
        }
        assertEquals(0.0, probs[5], "the -inf entry is masked");
        assertTrue(run.out().contains("mean support"), run::toString);
    }

    @Test
    void oneDimensionalArrayIsOneRowAndKeepsItsShape() throws Exception {
        Path in = NpyFixtures.write(dir.resolve("row.npy"), NpyArray.ofFloat(new float[] {1f, 2f, 3f}, 3));
        Path out = dir.resolve("p.npy");

        CliRun run = CliRun.run("separate", "--map", "sparsemax", "--in", in.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run::toString);
        NpyArray p = Npy.read(out);
        assertArrayEquals(new int[] {3}, p.shape());
        assertArrayEquals(new float[] {0f, 0f, 1f}, p.floatData());
    }

    @Test
    void rowOfOnlyMinusInfinityComesOutAllZeros() throws Exception {
        double inf = Double.NEGATIVE_INFINITY;
        Path in = NpyFixtures.write(dir.resolve("s.npy"), NpyArray.ofDouble(new double[] {0, inf, 1, inf, inf, inf}, 2, 3));
        Path out = dir.resolve("p.npy");

        CliRun run = CliRun.run("separate", "--map", "entmax15", "--in", in.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run::toString);
        double[] p = Npy.read(out).doubleData();
        assertEquals(0.0, p[1]);
        assertEquals(1.0, p[0] + p[2], 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {p[3], p[4], p[5]});
    }

    @Test
    void betaDefaultsToOneAndOutputMayReplaceTheInput() throws Exception {
        double[] z = NpyFixtures.gaussian(4 * 5, 3, 1.0);
        Path file = NpyFixtures.write(dir.resolve("s.npy"), NpyArray.ofDouble(z, 4, 5));

        CliRun run = CliRun.run("separate", "--map", "softmax", "--in", file.toString(), "--out", file.toString(), "-q");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out(), "--quiet prints nothing");
        assertArrayEquals(Separation.softmax().apply(z, 4, 5), Npy.read(file).doubleData());
    }

    @Test
    void emptyBatchGivesEmptyOutput() throws Exception {
        Path in = NpyFixtures.write(dir.resolve("s.npy"), NpyArray.ofFloat(new float[0], 0, 4));
        Path out = dir.resolve("p.npy");

        CliRun run = CliRun.run("separate", "--map", "softmax", "--in", in.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertArrayEquals(new int[] {0, 4}, Npy.read(out).shape());
        assertTrue(Files.exists(out));
    }
}
