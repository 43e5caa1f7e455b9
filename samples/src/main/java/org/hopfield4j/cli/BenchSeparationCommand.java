package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hopfield4j.MapKind;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.internal.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j bench separation}: the native separation kernels against the plain-Java float64
 * reference ({@code org.hopfield4j.reference.ReferenceSeparation}), measured in the same run on the same scores.
 */
@Command(name = "separation",
        header = "Time the separation kernels against the plain-Java reference on the same scores.",
        description = {
            "For each row length n of --sizes, draws seeded Gaussian scores (scaled so that sparsemax keeps "
                    + "about sqrt(n) entries per row) in a batch of --rows rows (default: about --elements "
                    + "scores in all), then times each map of --maps: the native kernel through the Java API "
                    + "(Separation, --dtype, --threads kernel threads) and the plain-Java reference "
                    + "(ReferenceSeparation: float64, one thread, sort-based; entmax(alpha) by bisection).",
            "Each figure is the median of --repeats timed runs after up to --warmup warm-up runs. "
                    + "Columns: ns per score (native, Java), speedup = java / native, mean support size per "
                    + "row, and the largest difference between the two results.",
            "The first lines (starting with #) name the machine, CPU and thread counts."})
final class BenchSeparationCommand extends BenchmarkCommand {

    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "100,1000,10000,100000,1000000",
            description = "Row lengths, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--rows", paramLabel = "R",
            description = "Rows per batch (default: round(--elements / n), at least 1).")
    Integer rows;

    @Option(names = "--elements", paramLabel = "E", defaultValue = "1000000",
            description = "Scores per timed batch when --rows is not given (default: ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "7",
            description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "3",
            description = "Warm-up runs before timing, cut short after 2 s (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "T",
            description = "Native kernel threads (default: the current setting, all cores).")
    Integer threads;

    @Option(names = "--dtype", paramLabel = "DTYPE", defaultValue = "float32",
            description = "Precision of the native kernels: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "The Java reference always computes in float64 on the same values.")
    DtypeName dtype;

    @Option(names = "--maps", split = ",", paramLabel = "MAP", defaultValue = "softmax,sparsemax,entmax15,entmax",
            converter = KindOptions.SeparationConverter.class, completionCandidates = KindOptions.SeparationLabels.class,
            description = "Maps to time, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<MapKind> maps;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1.5",
            description = "alpha of the entmax map (root finder), finite and > 1 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the random scores (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CsvOutput csv;

    @Override
    protected int run() {
        checkOptions();
        csv.checkWritable();
        if (threads != null) {
            NativeRuntime.setKernelThreads(threads);
        }
        PrintWriter out = startTable(String.format(Locale.ROOT, "# native %s via org.hopfield4j.Separation, "
                        + "%d kernel threads; Java reference float64, 1 thread; median of %d runs after up to %d "
                        + "warm-ups; seed %d", dtype, NativeRuntime.kernelThreads(), repeats, warmup, seed),
                BenchTable.header());

        List<BenchRow> results = new ArrayList<>();
        for (int n : sizes) {
            int r = rowsFor(n);
            SeparationBenchmark bench = new SeparationBenchmark(BenchScores.gaussian(r, n, seed), r, n, dtype);
            for (MapKind map : maps) {
                BenchRow row = bench.measure(map, alpha, warmup, repeats);
                results.add(row);
                out.println(BenchTable.line(row));
                out.flush();
            }
        }
        csv.write(BenchTable.csv(results));
        return Main.EXIT_OK;
    }

    private void checkOptions() {
        checkSizes(sizes, 1, "");
        if (rows != null && rows < 1) {
            throw usage("--rows must be >= 1, got " + rows);
        }
        if (elements < 1) {
            throw usage("--elements must be >= 1, got " + elements);
        }
        checkTiming(repeats, warmup);
        if (threads != null && threads < 1) {
            throw usage("--threads must be >= 1, got " + threads);
        }
        checkAlpha(alpha);
        if (maps.isEmpty()) {
            throw usage("--maps needs at least one map");
        }
        for (int n : sizes) {
            long scores = (long) rowsFor(n) * n;
            if (scores > Check.MAX_ARRAY_LENGTH) {
                throw usage("--rows " + rowsFor(n) + " x n " + n + " scores do not fit in one Java array");
            }
            // the scores in float64 and float32, the native result and the float64 reference's
            checkFitsHeap(scores * HEAP_BYTES_PER_SCORE, (rows != null ? "--rows " + rows : "--elements " + elements)
                    + " with --sizes " + n);
        }
    }

    /** Heap per score of one timed batch: the drawn scores (8 bytes), z in float32 and float64 (12), p and its float64 copy (12), the reference's p (8). */
    private static final long HEAP_BYTES_PER_SCORE = 40;

    private int rowsFor(int n) {
        return rows != null ? rows : (int) Math.max(1, Math.round((double) elements / n));
    }

}
