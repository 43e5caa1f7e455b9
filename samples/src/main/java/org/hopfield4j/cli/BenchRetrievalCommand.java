package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hopfield4j.Blas;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Retrieval;
import org.hopfield4j.RetrievalMap;
import org.hopfield4j.Retriever;
import org.hopfield4j.ScorePath;
import org.hopfield4j.SparseWeights;
import org.hopfield4j.experiment.ResultTable;
import org.hopfield4j.internal.Check;
import org.hopfield4j.reference.ReferenceRetrieval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j bench retrieval}: one retrieval step (float32) for each map against one matrix
 * product of the same shape (the roofline) and the plain-Java reference, measured in the same run.
 */
@Command(name = "retrieval",
        header = "Time one retrieval step against one sgemm of the same shape and the plain-Java reference.",
        description = {
            "For each store size M of --sizes: M seeded random patterns of dimension --dim with pixels uniform in "
                    + "[0, 1] (float32), and --batch queries, each a stored pattern with every pixel zeroed with "
                    + "probability 1/2 (the paper's masked queries). Then, in the same run:",
            "  gemm: one native sgemm C = Q Xi^T of shape (B x d) . (d x M), the first product of every step "
                    + "(Blas.gemmAbt: OpenBLAS, the same call the retrieval makes): at small d it writes B x M "
                    + "scores and is bound by memory traffic, a poor yardstick;",
            "  roofline: the sgemm rate on a compute-bound square shape (--roofline-size, median of --repeats), "
                    + "once per run, and the first product's flops 2 B M d at that rate - the arithmetic limit;",
            "  for each map of --maps: one retrieval step (Retriever, dot similarity, --beta, float32), and the "
                    + "plain-Java float64 reference (ReferenceRetrieval: one query and one pattern at a time).",
            "Columns: median native time of the whole batch, the gemm time, native / gemm (the target: sparsemax "
                    + "<= 1.5, softmax <= 2.5 at M = 10000), the Java time of the whole batch, java / native, how "
                    + "many queries the Java time was measured on (when fewer than B, its time per query is scaled "
                    + "to B, and the table says so), the mean support (weights > 0 per query, counted on the first min(B, 2^26 / M) queries; softmax is dense), the "
                    + "roofline time and native / roofline (the target at d = 64 and 128, M = 10^6: sparse maps "
                    + "<= 1.5, softmax <= 2.5), and the path the native engine computed the scores on (blocked, "
                    + "fused or registers: Retrieval.scorePath()).",
            "The first lines (starting with #) name the machine, CPU, load and thread counts. The native "
                    + "figures are medians of --repeats runs after --warmup runs; the Java figure is one run after a "
                    + "short warm-up. No figure is checked; a loaded machine gives slow, noisy numbers."})
final class BenchRetrievalCommand extends BenchmarkCommand {

    @Option(names = "--sizes", split = ",", paramLabel = "M", defaultValue = "1000,10000,100000",
            description = "Store sizes M, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "784",
            description = "Pattern dimension d (default: ${DEFAULT-VALUE}, MNIST).")
    int dim;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1024",
            description = "Queries per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--maps", split = ",", paramLabel = "MAP", defaultValue = "softmax,sparsemax,entmax15,entmax,poly",
            converter = KindOptions.MapConverter.class, completionCandidates = KindOptions.MapLabels.class,
            description = "Maps, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
                    + "entmax uses --alpha, poly --degree).")
    List<MapKind> maps;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1.5",
            description = "alpha of the entmax map (root finder), finite and > 1 (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--degree", paramLabel = "N", defaultValue = "10",
            description = "n of the poly map, finite and > 0 (default: ${DEFAULT-VALUE}).")
    double degree;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
            description = "Inverse temperature, finite and > 0 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "5",
            description = "Timed native runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "1",
            description = "Native warm-up runs, cut short after 2 s (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--java-queries", paramLabel = "Q",
            description = "Queries the Java reference runs on, its time scaled to --batch (default: all B when "
                    + "B * M <= 2^21, else max(4, round(2^21 / M)); 0 skips the Java reference).")
    Integer javaQueries;

    @Option(names = "--roofline-size", paramLabel = "N", defaultValue = "2048",
            description = "Side of the square sgemm (N x N).(N x N) whose rate defines the roofline "
                    + "(default: ${DEFAULT-VALUE}).")
    int rooflineSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the random patterns and masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CsvOutput csv;

    static final String HEADER = String.format(Locale.ROOT, "%-12s %8s %6s %12s %10s %8s %12s %10s %9s %10s %11s %7s %-9s",
            "map", "M", "B", "native ms", "gemm ms", "x gemm", "java ms", "java/nat", "java q", "support",
            "roofline ms", "x roof", "path");

    static final String CSV_HEADER = "map,M,B,d,dtype,kernel_threads,blas_threads,native_ms,gemm_ms,native_over_gemm,"
            + "java_ms,java_over_native,java_queries,mean_support,roofline_gflops,roofline_ms,native_over_roofline,"
            + "score_path";

    @Override
    protected int run() {
        checkOptions();
        csv.checkWritable();
        double rooflineGflops = rooflineGflops();
        PrintWriter out = startTable(String.format(Locale.ROOT, "# one retrieval step, float32, d %d, B %d, beta %s, "
                        + "dot similarity; native: median of %d runs after %d warm-up(s), %d kernel threads, %d BLAS "
                        + "threads; gemm: one sgemm (B x d).(d x M); java: ReferenceRetrieval, float64, 1 thread; seed %d%n"
                + "# roofline: sgemm (%d x %d).(%d x %d) at %.1f GFLOP/s (median of %d runs); roofline ms = the "
                + "2 B M d flops of the first product at that rate",
                dim, batch, beta, repeats, warmup, NativeRuntime.kernelThreads(), NativeRuntime.blasThreads(), seed,
                rooflineSize, rooflineSize, rooflineSize, rooflineSize, rooflineGflops, repeats),
                HEADER);

        ResultTable csvTable = CsvOutput.table(CSV_HEADER);
        boolean scaled = false;
        for (int M : sizes) {
            float[] patterns = BenchScores.uniformPatterns(M, dim, seed);
            float[] queries = maskedQueries(patterns, M);
            double gemmNanos;
            try (Blas.GemmAbt gemm = Blas.gemmAbt(queries, patterns, batch, M, dim)) {
                gemmNanos = MedianTimer.medianNanos(warmup, repeats, gemm::run);
            }
            int q = javaQueriesFor(M);
            scaled |= q > 0 && q < batch;
            ReferenceRetrieval reference = q > 0 ? ReferenceRetrieval.of(patterns, M, dim).beta(beta).steps(1) : null;
            float[] javaQueriesData = q > 0 ? Arrays.copyOf(queries, q * dim) : null;
            try (MemoryStore store = MemoryStore.ofFloat(patterns, M, dim)) {
                for (MapKind map : maps) {
                    double nativeNanos;
                    double support;
                    Retrieval[] timed = new Retrieval[1];
                    try (Retriever r = retriever(store, map, false)) {
                        nativeNanos = MedianTimer.medianNanos(warmup, repeats, () -> timed[0] = r.retrieve(queries, batch));
                    }
                    ScorePath path = timed[0].scorePath();
                    if (map.isDense()) {
                        support = M;   // dense (the float32 weights may underflow; not counted here)
                    } else {
                        int rows = supportQueries(M);
                        try (Retriever r = retriever(store, map, true)) {
                            support = meanSupport(r.retrieve(Arrays.copyOf(queries, rows * dim), rows));
                        }
                    }
                    double javaNanos = Double.NaN;
                    if (reference != null) {
                        ReferenceRetrieval ref = reference(reference, map);
                        int few = Math.min(q, 4);
                        ref.retrieve(Arrays.copyOf(javaQueriesData, few * dim), few);   // warm-up (JIT)
                        double perQuery = MedianTimer.medianNanos(0, 1, () -> ref.retrieve(javaQueriesData, q)) / q;
                        javaNanos = perQuery * batch;
                    }
                    String name = label(map);
                    double rooflineMs = rooflineMillis(batch, M, dim, rooflineGflops);
                    out.println(String.format(Locale.ROOT, "%-12s %8d %6d %12.2f %10.2f %8.2f %12s %10s %9s %10.1f %11.2f %7.2f %-9s",
                            name, M, batch, nativeNanos / 1e6, gemmNanos / 1e6, nativeNanos / gemmNanos,
                            Double.isNaN(javaNanos) ? "-" : String.format(Locale.ROOT, "%.1f", javaNanos / 1e6),
                            Double.isNaN(javaNanos) ? "-" : String.format(Locale.ROOT, "%.1f", javaNanos / nativeNanos),
                            q == 0 ? "-" : q < batch ? q + "*" : String.valueOf(q), support, rooflineMs,
                            nativeNanos / 1e6 / rooflineMs, path.label()));
                    out.flush();
                    csvTable.add(name, M, batch, dim, "float32", NativeRuntime.kernelThreads(), NativeRuntime.blasThreads(),
                            CsvOutput.fixed(nativeNanos / 1e6, 4), CsvOutput.fixed(gemmNanos / 1e6, 4),
                            CsvOutput.fixed(nativeNanos / gemmNanos, 4), CsvOutput.fixed(javaNanos / 1e6, 4),
                            CsvOutput.fixed(javaNanos / nativeNanos, 4), q, CsvOutput.fixed(support, 3),
                            CsvOutput.general(rooflineGflops), CsvOutput.general(rooflineMs),
                            CsvOutput.fixed(nativeNanos / 1e6 / rooflineMs, 4), path.label());
                }
            }
        }
        if (scaled) {
            out.println("# java q marked *: the Java reference ran on that many of the B queries and its time per "
                    + "query was scaled to B (it is too slow for the whole batch at this M)");
        }
        out.flush();
        csv.write(csvTable);
        return Main.EXIT_OK;
    }

    private void checkOptions() {
        checkSizes(sizes, 1, "");
        if (dim < 1) {
            throw usage("--dim must be >= 1, got " + dim);
        }
        if (batch < 1) {
            throw usage("--batch must be >= 1, got " + batch);
        }
        if (maps.isEmpty()) {
            throw usage("--maps needs at least one map");
        }
        checkAlpha(alpha);
        option("--degree", () -> Check.positiveFinite("--degree", degree));
        option("--beta", () -> Check.positiveFinite("--beta", beta));
        checkTiming(repeats, warmup);
        if (rooflineSize < 1) {
            throw usage("--roofline-size must be >= 1, got " + rooflineSize);
        }
        if (javaQueries != null && javaQueries < 0) {
            throw usage("--java-queries must be >= 0, got " + javaQueries);
        }
        for (int M : sizes) {   // patterns M x d, queries B x d, weights B x M
            checkFitsOneArray(Math.max((long) M * dim, Math.max((long) batch * dim, (long) batch * M)),
                    "--sizes " + M + " with --dim " + dim + " and --batch " + batch);
        }
    }

    /** The sgemm rate in GFLOP/s on the compute-bound square shape --roofline-size, median of --repeats. */
    private double rooflineGflops() {
        int n = rooflineSize;
        float[] a = BenchScores.uniformPatterns(n, n, seed);
        try (Blas.GemmAbt gemm = Blas.gemmAbt(a, a, n, n, n)) {
            return gemm.flops() / MedianTimer.medianNanos(warmup, repeats, gemm::run);   // flops per ns
        }
    }

    /** The first product's time at the roofline rate: 2 B M d flops at {@code gflops}, in ms (computed). */
    static double rooflineMillis(int B, int M, int d, double gflops) {
        return 2.0 * B * M * d / gflops / 1e6;
    }

    /** The Java reference's queries at this M: --java-queries, else all B up to B * M = 2^21. */
    private int javaQueriesFor(int M) {
        int q = javaQueries != null ? javaQueries
                : (long) batch * M <= (1L << 21) ? batch : (int) Math.max(4, Math.round((double) (1L << 21) / M));
        return Math.min(q, batch);
    }

    /** Query b: stored pattern (b mod M) with each pixel zeroed with probability 1/2. */
    private float[] maskedQueries(float[] patterns, int M) {
        SplittableRandom rng = new SplittableRandom(seed * 7_919L + M);
        float[] q = new float[batch * dim];
        for (int b = 0; b < batch; b++) {
            int mu = b % M;
            for (int i = 0; i < dim; i++) q[b * dim + i] = rng.nextBoolean() ? patterns[mu * dim + i] : 0f;
        }
        return q;
    }

    /** The map with its number: --alpha for entmax, --degree for poly. */
    private RetrievalMap retrievalMap(MapKind map) {
        return map.retrievalMap(map.parameter() == MapKind.Parameter.DEGREE ? degree : alpha);
    }

    private Retriever retriever(MemoryStore store, MapKind map, boolean weights) {
        return Retriever.builder(store).beta(beta).steps(1).eps(0).recordWeights(weights)
                .retrievalMap(retrievalMap(map)).build();
    }

    private ReferenceRetrieval reference(ReferenceRetrieval r, MapKind map) {
        return r.map(retrievalMap(map));
    }

    private String label(MapKind map) {
        RetrievalMap m = retrievalMap(map);
        if (m.separation() != null) return m.name();
        return "poly" + (degree == Math.rint(degree) ? String.valueOf((long) degree) : String.valueOf(degree));
    }

    /**
     * The queries the mean support is counted on: all B while their weights stay small, else the first
     * 2^26 / M of them (at least one). A dense map such as poly10 on positive data recorded for all B = 1024
     * queries at M = 10^6 needs 10^9 weights (12 GB with their indices): the first run of the d x M grid
     * died of it (OOM).
     */
    private int supportQueries(int M) {
        return (int) Math.max(1, Math.min(batch, (1L << 26) / M));
    }

    private static double meanSupport(Retrieval r) {
        SparseWeights p = r.weights();
        long positive = 0;
        for (double v : p.values()) if (v > 0) positive++;
        return (double) positive / p.rows();
    }

}
