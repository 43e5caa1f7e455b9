package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.hopfield4j.Blas;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;
import org.hopfield4j.experiment.ResultTable;
import org.hopfield4j.nn.Batch;
import org.hopfield4j.nn.Hopfield;
import org.hopfield4j.nn.HopfieldBuilder;
import org.hopfield4j.nn.Layer;
import org.hopfield4j.reference.ReferenceSeparation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j bench layers}: forward + backward of HopfieldPooling and Hopfield at the sizes of a
 * multiple-instance model against the time their matrix products need at the gemm rate of the same
 * precision (sgemm for float32, dgemm for float64) measured in the same run.
 */
@Command(name = "layers",
        header = "Time forward + backward of the Hopfield layers against their matrix products at the gemm rate.",
        description = {
            "For each layer (hopfield_pooling with one learned query, hopfield associating each bag with itself), "
                    + "bag size N of --bags, width d of --dims and head count h of --heads: --batch bags of N seeded "
                    + "Gaussian instances of d values, dk = dv = d / h, output width d, every projection and LayerNorm "
                    + "on, softmax, --steps update steps, in each --dtype. One run is a training forward and the "
                    + "backward with respect to every parameter and the input.",
            "Its matrix products: the projections W_Q, W_K, W_V, W_O, the scores Q K^T and the read-out P V per "
                    + "head and step, each once forward and twice backward (3x the forward flops). The gemm rate is "
                    + "measured in the same run on the largest of them, the W_K projection (B N x d).(d x d), as one "
                    + "native gemm in the row's precision (Blas.gemmAbt: sgemm for float32, dgemm for float64).",
            "Columns: median fwd+bwd time, the products' time at the measured rate, and their ratio over_products "
                    + "(the target: <= 3 for hopfield_pooling at d = 256, bag 50, 4 heads).",
            "The first lines (starting with #) name the machine, CPU, load and thread counts. Medians of "
                    + "--repeats runs after --warmup runs; no figure is checked."})
final class BenchLayersCommand extends BenchmarkCommand {

    @Option(names = "--bags", split = ",", paramLabel = "N", defaultValue = "10,50,100",
            description = "Instances per bag, comma-separated, each >= 1 (default: ${DEFAULT-VALUE}).")
    List<Integer> bags;

    @Option(names = "--dims", split = ",", paramLabel = "D", defaultValue = "128,256,512",
            description = "Instance widths d, comma-separated, each a multiple of every head count (default: ${DEFAULT-VALUE}).")
    List<Integer> dims;

    @Option(names = "--heads", split = ",", paramLabel = "H", defaultValue = "1,4,8",
            description = "Head counts, comma-separated, each >= 1 (default: ${DEFAULT-VALUE}).")
    List<Integer> heads;

    @Option(names = "--dtype", split = ",", paramLabel = "DTYPE", defaultValue = "float32",
            description = "What the layers compute in, comma-separated: ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE}; float32: sgemm and the float32 kernels, parameters kept in float64).")
    List<DtypeName> dtypes;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "1",
            description = "Update steps T >= 1 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8",
            description = "Bags per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "5",
            description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "2",
            description = "Warm-up runs, cut short after 2 s (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "T",
            description = "Native kernel threads and OpenBLAS threads (default: the current settings, all cores); "
                    + "1 keeps a loaded machine from stalling the BLAS threads.")
    Integer threads;

    @Option(names = "--cpu-time", defaultValue = "false",
            description = "Time the calling thread's CPU time instead of wall time (needs --threads 1, so that every "
                    + "product runs on that thread): on a loaded machine the wall time measures the scheduler.")
    boolean cpuTime;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the instances and the parameters (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CsvOutput csv;

    static final String HEADER = String.format(Locale.ROOT, "%-16s %5s %5s %5s %5s %7s %10s %10s %12s %13s",
            "layer", "bag", "d", "heads", "steps", "dtype", "ms", "GFLOP/s", "products ms", "over products");

    static final String CSV_HEADER = "layer,bag,d,heads,steps,batch,dtype,blas_threads,ms,gflop,gemm_gflops,"
            + "products_ms,over_products";

    /** The two layers timed: a name and how to build one. */
    private record Timed(String name, boolean pooling) {}

    @Override
    protected int run() {
        checkOptions();
        csv.checkWritable();
        if (threads != null) {
            NativeRuntime.setKernelThreads(threads);
            NativeRuntime.setBlasThreads(threads);
        }
        PrintWriter out = startTable(String.format(Locale.ROOT, "# forward + backward, %d bags per batch, "
                        + "softmax, %d step(s), all projections and LayerNorms on; median %s of %d runs after %d "
                        + "warm-up(s); %d kernel threads, %d BLAS threads; seed %d", batch, steps,
                cpuTime ? "thread CPU time" : "wall time", repeats, warmup,
                NativeRuntime.kernelThreads(), NativeRuntime.blasThreads(), seed), HEADER);
        ResultTable csvTable = CsvOutput.table(CSV_HEADER);
        for (Timed layer : List.of(new Timed("hopfield_pooling", true), new Timed("hopfield", false))) {
            for (int d : dims) {
                for (int n : bags) {
                    for (int h : heads) {
                        for (DtypeName dtype : dtypes) {
                            double[] row = measure(layer, n, d, h, dtype);
                            out.println(String.format(Locale.ROOT, "%-16s %5d %5d %5d %5d %7s %10.3f %10.1f %12.3f %13.2f",
                                    layer.name(), n, d, h, steps, dtype, row[0], row[2], row[3], row[0] / row[3]));
                            out.flush();
                            csvTable.add(layer.name(), n, d, h, steps, batch, dtype.name(), NativeRuntime.blasThreads(),
                                    CsvOutput.fixed(row[0], 4), CsvOutput.fixed(row[1], 6), CsvOutput.fixed(row[2], 3),
                                    CsvOutput.fixed(row[3], 4), CsvOutput.fixed(row[0] / row[3], 4));
                        }
                    }
                }
            }
        }
        csv.write(csvTable);
        return Main.EXIT_OK;
    }

    /** [fwd+bwd ms, products GFLOP, gemm GFLOP/s in the dtype, products ms]. */
    private double[] measure(Timed timed, int n, int d, int h, DtypeName dtype) {
        boolean f32 = dtype == DtypeName.float32;
        HopfieldBuilder builder = Hopfield.builder(d).heads(h).separation(Separation.softmax()).updateSteps(steps)
                .precision(f32 ? Precision.FLOAT32 : Precision.FLOAT64).seed(seed);
        Layer layer = timed.pooling() ? builder.buildPooling(1) : builder.build();
        Batch input = gaussianBags(n, d);
        Batch gradient = gaussianLike(layer.forward(input, true));
        double nanos = MedianTimer.medianNanos(warmup, repeats, () -> {
            layer.forward(input, true);
            layer.backward(gradient);
        }, clock());
        int stateRows = timed.pooling() ? 1 : n;
        double flops = 3 * forwardFlops(batch, stateRows, n, d, h, steps);
        double rate;  // flops per ns = GFLOP/s
        try (Blas.GemmAbt gemm = f32 ? Blas.gemmAbt(ReferenceSeparation.toFloat(input.values()),
                ReferenceSeparation.toFloat(gaussian(d * d, 1)), batch * n, d, d)
                : Blas.gemmAbt(input.values(), gaussian(d * d, 1), batch * n, d, d)) {
            rate = gemm.flops() / MedianTimer.medianNanos(warmup, repeats, gemm::run, clock());
        }
        return new double[] {nanos / 1e6, flops / 1e9, rate, flops / rate / 1e6};
    }

    private LongSupplier clock() {
        if (!cpuTime) return System::nanoTime;
        ThreadMXBean threadsBean = ManagementFactory.getThreadMXBean();
        return threadsBean::getCurrentThreadCpuTime;
    }

    /** The forward products: W_Q, W_K, W_V (d → d), per head and step scores and read-out, W_O (d → d). */
    static double forwardFlops(int batch, int stateRows, int n, int d, int h, int steps) {
        double projections = 2.0 * batch * d * d * (stateRows + 2.0 * n + stateRows);
        double association = steps * 2.0 * (2.0 * batch * stateRows * n * d);   // h heads of d/h: Σ = d
        return projections + association;
    }

    private Batch gaussianBags(int n, int d) {
        return Batch.of(gaussian(batch * n * d, 2), batch, n, d, null);
    }

    private Batch gaussianLike(Batch y) {
        return Batch.of(gaussian(y.values().length, 3), y.bags(), y.length(), y.width(), null);
    }

    private double[] gaussian(int count, long salt) {
        SplittableRandom random = new SplittableRandom(seed + salt);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = random.nextGaussian();
        return v;
    }

    private void checkOptions() {
        checkSizes(bags, 1, "");
        for (int d : dims) {
            for (int h : heads) {
                if (h < 1 || d < 1 || d % h != 0) {
                    throw usage("--dims must be multiples of every --heads value (each >= 1), got d " + d + " and " + h
                            + " heads");
                }
            }
        }
        if (steps < 1) throw usage("--steps must be >= 1, got " + steps);
        if (batch < 1) throw usage("--batch must be >= 1, got " + batch);
        if (threads != null && threads < 1) throw usage("--threads must be >= 1, got " + threads);
        if (cpuTime && (threads == null || threads != 1)) throw usage("--cpu-time needs --threads 1");
        checkTiming(repeats, warmup);
        long largest = 0;   // the batch (B N x d) and the association matrices (B N x N)
        for (int n : bags) for (int d : dims) largest = Math.max(largest, (long) batch * n * Math.max(n, d));
        checkFitsOneArray(largest, "--batch, --bags and --dims");
    }
}
