package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hopfield4j.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs and prints its table; no assertion on any timing. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void separationBenchmarkPrintsMachineHeaderAndOneLinePerMap() throws Exception {
        Path csv = dir.resolve("bench.csv");
        CliRun run = CliRun.run("bench", "separation", "--sizes", "100", "--repeats", "1", "--warmup", "1",
                "--rows", "20", "--csv", csv.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# machine: ") && lines.get(0).contains("kernel threads"), run::toString);
        assertTrue(run.out().contains(BenchTable.header()), run::toString);
        for (String map : List.of("softmax", "sparsemax", "entmax15", "entmax(1.5)")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(map + " ") && l.contains(" 100 ")),
                    () -> "a line for " + map + "\n" + run);
        }
        List<String> rows = Files.readAllLines(csv);
        assertEquals(BenchTable.CSV_HEADER, rows.get(0));
        assertEquals(5, rows.size(), rows::toString);
    }

    @Test
    void oneMapInFloat64WithFewThreads() {
        int threads = NativeRuntime.kernelThreads();
        CliRun run;
        try {
            run = CliRun.run("bench", "separation", "--sizes", "10,50", "--repeats", "1", "--warmup", "0",
                    "--maps", "sparsemax", "--dtype", "float64", "--threads", "1", "--elements", "1000");
        } finally {
            NativeRuntime.setKernelThreads(threads); // the setting is process-wide
        }

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("# native float64"), run::toString);
        assertTrue(run.out().contains("1 kernel threads"), run::toString);
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("sparsemax ")).count(), run::toString);
    }

    @Test
    void retrievalBenchmarkPrintsOneLinePerMapAndSize() throws Exception {
        Path csv = dir.resolve("retrieval.csv");
        CliRun run = CliRun.run("bench", "retrieval", "--sizes", "30,200", "--dim", "16", "--batch", "8",
                "--repeats", "1", "--warmup", "0", "--java-queries", "3", "--roofline-size", "64", "--csv", csv.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# machine: ") && lines.get(0).contains("BLAS threads"), run::toString);
        assertTrue(run.out().contains(BenchRetrievalCommand.HEADER), run::toString);
        for (String map : List.of("softmax", "sparsemax", "entmax15", "entmax(1.5)", "poly10")) {
            for (String m : List.of(" 30 ", " 200 ")) {
                assertEquals(1, lines.stream().filter(l -> l.startsWith(map + " ") && l.contains(m)).count(),
                        () -> "one line for " + map + " at M" + m + "\n" + run);
            }
        }
        assertTrue(run.out().contains("3*"), "the Java subset is marked\n" + run);
        assertTrue(run.out().contains("scaled to B"), run::toString);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(BenchRetrievalCommand.CSV_HEADER, rows.get(0));
        assertEquals(11, rows.size(), rows::toString);
        assertTrue(run.out().contains("# roofline: sgemm (64 x 64).(64 x 64) at "), run::toString);
    }

    @Test
    void retrievalCsvHasTheRooflineComputedFromTheMeasuredRate() throws Exception {
        Path csv = dir.resolve("roofline.csv");
        CliRun run = CliRun.run("bench", "retrieval", "--sizes", "40", "--dim", "12", "--batch", "6", "--repeats", "1",
                "--warmup", "0", "--java-queries", "0", "--maps", "softmax,sparsemax", "--roofline-size", "32",
                "--csv", csv.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> rows = Files.readAllLines(csv);
        List<String> columns = List.of(rows.get(0).split(","));
        assertTrue(columns.containsAll(List.of("native_ms", "gemm_ms", "native_over_gemm", "mean_support",
                "roofline_gflops", "roofline_ms", "native_over_roofline", "score_path")), rows.get(0));
        assertEquals(3, rows.size(), rows::toString);
        double rate = Double.NaN;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            double gflops = Double.parseDouble(f[columns.indexOf("roofline_gflops")]);
            double roofline = Double.parseDouble(f[columns.indexOf("roofline_ms")]);
            double nativeMs = Double.parseDouble(f[columns.indexOf("native_ms")]);
            assertTrue(gflops > 0, row);
            assertEquals(2.0 * 6 * 40 * 12 / gflops / 1e6, roofline, 1e-5 * roofline, row);   // flops / rate
            assertEquals(nativeMs / roofline, Double.parseDouble(f[columns.indexOf("native_over_roofline")]),
                    1e-2 * nativeMs / roofline + 1e-4, row);
            // B = 6 is below the fused path's 32 queries: the scores are blocked
            assertEquals("blocked", f[columns.indexOf("score_path")], row);
            if (!Double.isNaN(rate)) assertEquals(rate, gflops, 0.0, "one roofline rate per run");
            rate = gflops;
        }
    }

    @Test
    void retrievalBenchmarkWithoutJava() {
        CliRun run = CliRun.run("bench", "retrieval", "--sizes", "50", "--dim", "8", "--batch", "4", "--repeats", "1",
                "--warmup", "0", "--java-queries", "0", "--maps", "sparsemax");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.out().lines().filter(l -> l.startsWith("sparsemax ")).count(), run::toString);
        assertTrue(!run.out().contains("scaled to B"), run::toString);
    }

    @Test
    void uhopBenchmarkPrintsOneLinePerSize() throws Exception {
        Path csv = dir.resolve("uhop.csv");
        CliRun run = CliRun.run("bench", "uhop", "--sizes", "10,40", "--dim", "20", "--repeats", "1", "--warmup", "0",
                "--csv", csv.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# machine: "), run::toString);
        assertTrue(lines.get(1).contains("BLAS threads"), run::toString);
        assertTrue(run.out().contains(BenchUHopCommand.HEADER), run::toString);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("avg ") && l.contains(" 10 ") && l.contains("(10x20).(20x20)")).count(),
                run::toString);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("avg ") && l.contains(" 40 ") && l.contains("(20x40).(40x40)")).count(),
                run::toString);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(BenchUHopCommand.CSV_HEADER, rows.get(0));
        assertEquals(3, rows.size(), rows::toString);
    }

    @Test
    void layersBenchmarkPrintsOneLinePerLayerAndSize() throws Exception {
        Path csv = dir.resolve("layers.csv");
        CliRun run = CliRun.run("bench", "layers", "--bags", "3,5", "--dims", "8", "--heads", "1,2", "--batch", "2",
                "--repeats", "1", "--warmup", "0", "--csv", csv.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertTrue(run.out().contains(BenchLayersCommand.HEADER), run::toString);
        for (String layer : List.of("hopfield_pooling", "hopfield")) {
            assertEquals(4, run.out().lines().filter(l -> l.startsWith(layer + " ")).count(), run::toString);
        }
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).startsWith("layer,bag,d,heads,steps,"), rows::toString);
        assertTrue(rows.get(0).contains(",ms,") && rows.get(0).contains(",products_ms,over_products"), rows::toString);
        assertEquals(9, rows.size(), rows::toString);
    }

    @Test
    void layersBenchmarkTimesEachPrecisionAgainstItsOwnGemmRate() throws Exception {
        Path csv = dir.resolve("layers-dtypes.csv");
        CliRun run = CliRun.run("bench", "layers", "--bags", "3", "--dims", "8", "--heads", "2", "--batch", "2",
                "--dtype", "float32,float64", "--repeats", "1", "--warmup", "0", "--csv", csv.toString());

        assertEquals(0, run.exitCode(), run::toString);
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).contains(",dtype,") && rows.get(0).contains(",gemm_gflops,"), rows::toString);
        assertEquals(5, rows.size(), rows::toString);
        for (String dtype : List.of("float32", "float64")) {
            assertEquals(2, rows.stream().filter(r -> r.contains("," + dtype + ",")).count(), rows::toString);
            assertEquals(2, run.out().lines().filter(l -> l.contains(" " + dtype + " ")).count(), run::toString);
        }
    }

    @Test
    void layersBenchmarkRejectsAWidthTheHeadsDoNotDivide() {
        CliRun run = CliRun.run("bench", "layers", "--dims", "10", "--heads", "4");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--dims must be multiples of every --heads value"), run::toString);
    }

    @Test
    void scoresAreScaledSoSparsemaxKeepsAboutSqrtNEntries() {
        int n = 400;
        double[] z = BenchScores.gaussian(1, n, 7);
        double[] p = org.hopfield4j.reference.ReferenceSeparation.sparsemax(z, null, 1, n, 1.0);
        int support = org.hopfield4j.reference.ReferenceSeparation.support(p, 1, n)[0];
        assertEquals(BenchScores.targetSupport(n), support);
    }

    @Test
    void retrievalAndUHopBenchmarksShareSeededUnitPatterns() {
        float[] patterns = BenchScores.uniformPatterns(5, 4, 42);
        assertEquals(20, patterns.length);
        assertArrayEquals(patterns, BenchScores.uniformPatterns(5, 4, 42), "the same arguments, the same patterns");
        for (float v : patterns) {
            assertTrue(v >= 0 && v < 1, "pixel in [0, 1): " + v);
        }
        assertFalse(Arrays.equals(patterns, BenchScores.uniformPatterns(5, 4, 43)), "another seed, other patterns");
        assertFalse(Arrays.equals(patterns, Arrays.copyOf(BenchScores.uniformPatterns(6, 4, 42), 20)),
                "each store size M has its own stream");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, MedianTimer.median(new long[] {5, 1, 3}));
        assertEquals(2.5, MedianTimer.median(new long[] {4, 1, 3, 2}));
    }
}
