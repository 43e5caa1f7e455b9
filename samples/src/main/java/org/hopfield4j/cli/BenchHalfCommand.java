package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.SparseWeights;
import org.hopfield4j.StoragePrecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j bench half}: float16 and bfloat16 stores against the float32 store they were
 * rounded from, on the same queries in the same run: how far the retrieved states move, whether the
 * supports and the top-1 pattern stay, and the time of one retrieval step (docs/benchmarks.md#half).
 */
@Command(name = "half",
        header = "float16 / bfloat16 stores against float32: retrieval error and step time.",
        description = {
            "Opens the float32 store (--memories, memory-mapped; or --random M,d unit-norm Gaussian rows), rounds it "
                    + "to float16 and bfloat16 (MemoryStore.toStoragePrecision), builds B queries (stored rows chosen at "
                    + "random plus Gaussian noise of standard deviation --noise) and, for each --maps entry, retrieves "
                    + "them from the three stores.",
            "Prints per map and store: the median step time of --repeats runs (the three stores in turns; the "
                    + "first run's states are the ones compared) and its "
                    + "ratio to float32; max and median |x_half - x_float32| over every element of the B states; over "
                    + "the first --error-queries queries (their weights are recorded: Q x M entries for softmax), the "
                    + "fraction whose support (weights > 0) and whose top-1 pattern (largest weight) equal float32's."})
final class BenchHalfCommand extends BenchmarkCommand {
    private static final StoragePrecision[] STORES = {StoragePrecision.FLOAT32, StoragePrecision.FLOAT16,
            StoragePrecision.BFLOAT16};

    @Option(names = "--memories", paramLabel = "FILE", description = "The float32 store: a 2-D .npy array (M, d).")
    Path memories;

    @Option(names = "--random", paramLabel = "M,d", split = ",",
            description = "Instead of --memories: M random unit-norm rows of dimension d.")
    List<Integer> random;

    @Option(names = "--maps", paramLabel = "MAP", split = ",", defaultValue = "softmax,sparsemax",
            converter = KindOptions.MapConverter.class, description = "Maps to run (default: ${DEFAULT-VALUE}).")
    List<MapKind> maps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1024", description = "Queries (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1", description = "Inverse temperature (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "1", description = "Update steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--noise", paramLabel = "S", defaultValue = "0.1",
            description = "Noise added to the stored rows the queries start from (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--error-queries", paramLabel = "Q", defaultValue = "64",
            description = "Queries whose supports and top-1 patterns are compared, 0 for none (default: ${DEFAULT-VALUE}).")
    int errorQueries;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "3",
            description = "Timed runs per store; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", paramLabel = "T",
            description = "Native kernel and OpenBLAS threads (default: the current settings, all cores).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected int run() {
        checkOptions();
        if (threads != null) {
            NativeRuntime.setKernelThreads(threads);
            NativeRuntime.setBlasThreads(threads);
        }
        MemoryStore[] stores = new MemoryStore[STORES.length];
        try (MemoryStore f32 = openStore()) {
            stores[0] = f32;
            double[] convertSeconds = new double[STORES.length];
            for (int s = 1; s < STORES.length; s++) {
                long t0 = System.nanoTime();
                stores[s] = MatrixFiles.convertStore("--memories", memories, f32, STORES[s]);
                convertSeconds[s] = (System.nanoTime() - t0) / 1e9;
            }
            int M = f32.size(), d = f32.dimension();
            PrintWriter out = startTable(String.format(Locale.ROOT, "# store %s: M %d, d %d (float32 %.2f GB, half %.2f GB;"
                            + " rounded in %.1f s / %.1f s); B %d, beta %s, %d step(s), noise %s; median of %d runs;"
                            + " %d kernel threads, %d BLAS threads; load %s",
                    memories != null ? memories : "random unit-norm", M, d, f32.elements() * 4 / 1e9, f32.elements() * 2 / 1e9,
                    convertSeconds[1], convertSeconds[2], batch, beta, steps, noise, repeats, NativeRuntime.kernelThreads(),
                    NativeRuntime.blasThreads(), MachineInfo.loadAverage()),
                    String.format(Locale.ROOT, "%-10s %-9s %10s %10s %12s %12s %9s %9s",
                            "map", "store", "step ms", "x float32", "max |dx|", "median |dx|", "support=", "top-1="));
            float[] q = BenchMappedCommand.noisyRows(f32, batch, noise, seed);
            for (MapKind map : maps) measure(out, map, stores, q);
            out.flush();
        } finally {
            for (int s = 1; s < stores.length; s++) if (stores[s] != null) stores[s].close();
        }
        return Main.EXIT_OK;
    }

    /** One map on the three stores: the error rows against float32 and the interleaved step times. */
    private void measure(PrintWriter out, MapKind map, MemoryStore[] stores, float[] q) {
        Retriever[] r = new Retriever[stores.length];
        try {
            for (int s = 0; s < stores.length; s++) r[s] = retriever(stores[s], map, false);
            float[][] states = new float[stores.length][];
            long[][] nanos = new long[stores.length][repeats];
            for (int k = 0; k < repeats; k++) {   // the stores in turns; the first run's states are compared
                for (int s = 0; s < stores.length; s++) {
                    long t0 = System.nanoTime();
                    float[] x = r[s].retrieve(q, batch).floatStates();
                    nanos[s][k] = System.nanoTime() - t0;
                    if (k == 0) states[s] = x;
                }
            }
            SparseWeights[] w = new SparseWeights[stores.length];
            if (errorQueries > 0) {
                float[] head = Arrays.copyOf(q, errorQueries * stores[0].dimension());
                for (int s = 0; s < stores.length; s++) {
                    try (Retriever rw = retriever(stores[s], map, true)) {
                        Retrieval got = rw.retrieve(head, errorQueries);
                        w[s] = got.weights();
                    }
                }
            }
            double base = median(nanos[0]);
            for (int s = 0; s < stores.length; s++) {
                double[] diff = new double[states[0].length];
                for (int i = 0; i < diff.length; i++) diff[i] = Math.abs((double) states[s][i] - states[0][i]);
                Arrays.sort(diff);
                out.println(String.format(Locale.ROOT, "%-10s %-9s %10.1f %10.3f %12.3e %12.3e %9s %9s", map.label(),
                        STORES[s], median(nanos[s]) / 1e6, median(nanos[s]) / base, diff[diff.length - 1],
                        diff[diff.length / 2], map.isDense() ? "-" : agreement(w[0], w[s], true),
                        agreement(w[0], w[s], false)));
            }
            out.flush();
        } finally {
            for (Retriever x : r) if (x != null) x.close();
        }
    }

    private Retriever retriever(MemoryStore store, MapKind map, boolean weights) {
        return Retriever.builder(store).map(map.separation(map.fixedAlpha())).beta(beta).steps(steps)
                .recordWeights(weights).build();
    }

    /** The fraction of queries whose support (or top-1 index) in {@code got} equals that in {@code base}; "-" without weights. */
    private static String agreement(SparseWeights base, SparseWeights got, boolean support) {
        if (base == null) return "-";
        int same = 0;
        for (int b = 0; b < base.rows(); b++) {
            same += support ? Arrays.equals(base.rowIndices(b), got.rowIndices(b)) ? 1 : 0
                    : top1(base, b) == top1(got, b) ? 1 : 0;
        }
        return String.format(Locale.ROOT, "%.4f", (double) same / base.rows());
    }

    /** The pattern with the largest weight of query b (the first of ties). */
    private static int top1(SparseWeights w, int b) {
        int[] idx = w.rowIndices(b);
        double[] v = w.rowValues(b);
        int best = -1;
        for (int i = 0; i < idx.length; i++) if (best < 0 || v[i] > v[best]) best = i;
        return best < 0 ? -1 : idx[best];
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private MemoryStore openStore() {
        if (memories != null) {
            MemoryStore store = MatrixFiles.openStore("--memories", memories, org.hopfield4j.io.NpyReadOptions.DEFAULT);
            if (store.storagePrecision() != StoragePrecision.FLOAT32) {
                store.close();
                throw new UserError("--memories " + memories + " must be float32, got " + store.storagePrecision());
            }
            return store;
        }
        int M = random.get(0), d = random.get(1);
        float[] xi = new float[M * d];
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        for (int m = 0; m < M; m++) {
            double n = 0;
            for (int j = 0; j < d; j++) {
                double g = BenchMappedCommand.gaussian(rnd);
                xi[m * d + j] = (float) g;
                n += g * g;
            }
            for (int j = 0; j < d; j++) xi[m * d + j] = (float) (xi[m * d + j] / Math.sqrt(n));
        }
        return MemoryStore.ofFloat(xi, M, d);
    }

    private void checkOptions() {
        if ((memories == null) == (random == null)) throw usage("give exactly one of --memories and --random");
        if (random != null) {
            if (random.size() != 2 || random.get(0) < 1 || random.get(1) < 1) {
                throw usage("--random must be M,d with M, d >= 1, got " + random);
            }
            checkFitsOneArray((long) random.get(0) * random.get(1), "--random " + random.get(0) + "," + random.get(1));
        }
        if (batch < 1) throw usage("--batch must be >= 1, got " + batch);
        if (steps < 1) throw usage("--steps must be >= 1, got " + steps);
        if (errorQueries < 0 || errorQueries > batch) throw usage("--error-queries must be in [0, --batch], got " + errorQueries);
        for (MapKind m : maps) {
            if (!m.isSeparation() || m.parameter() != MapKind.Parameter.NONE) {
                throw usage("--maps takes maps without a parameter (softmax, sparsemax, entmax15), got " + m.label());
            }
        }
        option("--beta", () -> org.hopfield4j.internal.Check.positiveFinite("--beta", beta));
        if (threads != null && threads < 1) throw usage("--threads must be >= 1, got " + threads);
        checkTiming(repeats, 0);
        if (!(noise >= 0) || Double.isInfinite(noise)) throw usage("--noise must be finite and >= 0, got " + noise);
    }
}
