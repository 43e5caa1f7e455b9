package org.hopfield4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hopfield4j.Blas;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Precision;
import org.hopfield4j.Retriever;
import org.hopfield4j.io.NpyLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j bench mapped}: a memory-mapped store ({@link MemoryStore#mapNpy}) of any size:
 * how long opening takes, one retrieval step against the blocked sgemm of the same shape, peak RSS
 * and Java heap, and optionally a check of sampled rows and retrieved states against plain Java
 * reading the file's bytes (docs/benchmarks.md#mapped).
 */
@Command(name = "mapped",
        header = "Time opening a memory-mapped .npy store and one retrieval step from it against one sgemm.",
        description = {
            "Maps --memories (a float32 .npy, M x d; tools/mapped-store-bench.sh makes one), builds B queries "
                    + "(stored rows chosen at random plus Gaussian noise of standard deviation --noise), and times "
                    + "one retrieval step (--map, --beta) against the product Q Xi^T computed by sgemm over the whole "
                    + "store in blocks of --block patterns (what the step must compute at least once).",
            "Prints: open ms (MemoryStore.mapNpy), first step ms (includes the one pass that checks and "
                    + "measures the values on first use), median step ms and sgemm ms of --repeats runs, their "
                    + "ratio, peak RSS (VmHWM of /proc/self/status) and the peak Java heap of every heap pool.",
            "--check Q: Q of the queries are also retrieved by a plain float64 Java reference that reads the "
                    + "file's bytes itself (scores over every stored row, the map, the weighted sum), and --sample "
                    + "stored rows (the first, the last, and rows past 2^31 elements when the store has them) are "
                    + "compared with the same rows read from the file; needs Q x M x 8 bytes of heap."})
final class BenchMappedCommand extends BenchmarkCommand {

    @Option(names = "--memories", required = true, paramLabel = "FILE",
            description = "The store: a 2-D float32 .npy array (M, d).")
    Path memories;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1024",
            description = "Queries per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--map", paramLabel = "MAP", defaultValue = "sparsemax", converter = KindOptions.MapConverter.class,
            description = "The map (default: ${DEFAULT-VALUE}; softmax, sparsemax or entmax15).")
    MapKind map;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
            description = "Inverse temperature (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--noise", paramLabel = "S", defaultValue = "0.1",
            description = "Standard deviation of the noise added to the stored rows the queries start from "
                    + "(default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--block", paramLabel = "N", defaultValue = "4096",
            description = "Patterns per score block of the step and of the sgemm (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "3",
            description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--check", paramLabel = "Q", defaultValue = "0",
            description = "Queries checked against the plain-Java reference (default: ${DEFAULT-VALUE}).")
    int check;

    @Option(names = "--sample", paramLabel = "K", defaultValue = "16",
            description = "Stored rows compared with the file's bytes when --check > 0 (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--threads", paramLabel = "T",
            description = "Native kernel and OpenBLAS threads (default: the current settings, all cores).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the queries (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected int run() throws IOException {
        checkOptions();
        if (threads != null) {
            NativeRuntime.setKernelThreads(threads);
            NativeRuntime.setBlasThreads(threads);
        }
        NativeRuntime.kernelThreads();   // loads the native library: not part of opening a store
        long t0 = System.nanoTime();
        try (MemoryStore store = MemoryStore.mapNpy(memories)) {
            double openMs = (System.nanoTime() - t0) / 1e6;
            if (store.precision() != Precision.FLOAT32) throw new UserError("--memories " + memories + " must be float32");
            int M = store.size(), d = store.dimension();
            checkFitsHeap((long) check * M * Double.BYTES + 3L * batch * d * Float.BYTES,
                    "--check " + check + " with M = " + M + " and --batch " + batch);
            PrintWriter out = startTable(String.format(Locale.ROOT, "# mapped store %s: M %d, d %d, float32 (%.2f GB); "
                            + "%s, beta %s, B %d, block %d; median of %d runs; %d kernel threads, %d BLAS threads; -Xmx %d MiB",
                    memories, M, d, store.elements() * 4 / 1e9, map.label(), beta, batch, block, repeats,
                    NativeRuntime.kernelThreads(), NativeRuntime.blasThreads(), Runtime.getRuntime().maxMemory() >> 20),
                    String.format(Locale.ROOT, "%10s %14s %10s %10s %8s %10s %10s",
                            "open ms", "first step ms", "step ms", "sgemm ms", "x sgemm", "RSS MiB", "heap MiB"));
            float[] queries = noisyRows(store, batch, noise, seed);
            double firstMs;
            double stepNanos;
            double gemmNanos;
            try (Retriever r = Retriever.builder(store).map(map.separation(map.fixedAlpha())).beta(beta).steps(1)
                    .scoreBlock(block).build();
                 Blas.StoreProduct gemm = Blas.storeProduct(queries, batch, store, block)) {
                long f0 = System.nanoTime();
                r.retrieve(queries, batch);
                firstMs = (System.nanoTime() - f0) / 1e6;
                stepNanos = MedianTimer.medianNanos(0, repeats, () -> r.retrieve(queries, batch));
                gemmNanos = MedianTimer.medianNanos(0, repeats, gemm::run);
            }
            out.println(String.format(Locale.ROOT, "%10.1f %14.1f %10.1f %10.1f %8.2f %10d %10d", openMs, firstMs,
                    stepNanos / 1e6, gemmNanos / 1e6, stepNanos / gemmNanos, peakRssMiB(), peakHeapMiB()));
            if (check > 0) {
                MappedStoreCheck reference = new MappedStoreCheck(memories, NpyLayout.of(memories).dataOffset(), M, d);
                out.println(reference.compareRows(store, sample));
                out.println(reference.compareStep(store, map, beta, queries, check, block));
            }
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private void checkOptions() {
        if (batch < 1) throw usage("--batch must be >= 1, got " + batch);
        if (!map.isSeparation() || map.parameter() != MapKind.Parameter.NONE) {
            throw usage("--map must be softmax, sparsemax or entmax15, got " + map.label());
        }
        option("--beta", () -> org.hopfield4j.internal.Check.positiveFinite("--beta", beta));
        if (block < 1) throw usage("--block must be >= 1, got " + block);
        if (threads != null && threads < 1) throw usage("--threads must be >= 1, got " + threads);
        checkTiming(repeats, 0);
        if (check < 0 || check > batch) throw usage("--check must be in [0, --batch], got " + check);
        if (sample < 0) throw usage("--sample must be >= 0, got " + sample);
        if (!(noise >= 0) || Double.isInfinite(noise)) throw usage("--noise must be finite and >= 0, got " + noise);
    }

    /** {@code batch} stored rows, chosen at random (seeded), plus Gaussian noise of standard deviation {@code noise}. */
    static float[] noisyRows(MemoryStore store, int batch, double noise, long seed) {
        int d = store.dimension();
        float[] q = new float[batch * d];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < batch; b++) {
            float[] row = store.floatPattern(rnd.nextInt(store.size()));
            for (int j = 0; j < d; j++) q[b * d + j] = (float) (row[j] + noise * gaussian(rnd));
        }
        return q;
    }

    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** VmHWM of /proc/self/status in MiB, or -1 where there is none. */
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The sum of the peak usage of every heap pool, in MiB. */
    static long peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) bytes += pool.getPeakUsage().getUsed();
        }
        return bytes >> 20;
    }
}
