package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hopfield4j.Blas;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.SeparationLoss;
import org.hopfield4j.SeparationLossEvaluator;
import org.hopfield4j.experiment.ResultTable;
import org.hopfield4j.internal.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j bench uhop}: one U-Hop stage I epoch (loss and gradient) against the time its
 * matrix products need at the sgemm rate measured in the same run.
 */
@Command(name = "uhop",
        header = "Time one stage I epoch (separation loss + gradient) against its matrix products at the sgemm rate.",
        description = {
            "For each M of --sizes: M seeded random memories of dimension d = --dim with pixels uniform in [0, 1] "
                    + "(float32) and a Gaussian W of D = d rows. One epoch is one evaluation of the separation loss "
                    + "and its gradient with respect to W through one reused SeparationLossEvaluator (what "
                    + "KernelTrainer does per epoch, without the O(D d) update of W).",
            "Its matrix products: F = W Xi^T (2 M d D flops), the Gram matrix F^T F (M^2 D, symmetric), the "
                    + "Laplacian product F L (2 M^2 D) and the W gradient G Xi (2 M D d). The sgemm rate is measured "
                    + "in the same run on the largest of them as one native gemm (Blas.gemmAbt): (D x M).(M x M) "
                    + "when M >= d, else (M x d).(d x D).",
            "Columns: median epoch time, the products' GFLOP, the measured sgemm rate, the products' time at "
                    + "that rate, and epoch / products (the target: <= 2 at M = 1000).",
            "The first lines (starting with #) name the machine, CPU, load and thread counts. Medians of "
                    + "--repeats runs after --warmup runs; no figure is checked."})
final class BenchUHopCommand extends BenchmarkCommand {

    @Option(names = "--sizes", split = ",", paramLabel = "M", defaultValue = "100,1000,5000",
            description = "Numbers of memories M, comma-separated, each >= 2 (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "784",
            description = "Pattern dimension d = feature dimension D (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "avg",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LearnKernelCommand.LossName loss;

    @Option(names = "--t", paramLabel = "T", defaultValue = "2",
            description = "Scale t of the loss, finite and > 0 (default: ${DEFAULT-VALUE}).")
    double t;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "3",
            description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "1",
            description = "Warm-up runs, cut short after 2 s (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the memories and W (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CsvOutput csv;

    static final String HEADER = String.format(Locale.ROOT, "%-5s %7s %6s %6s %12s %10s %16s %10s %12s %9s",
            "loss", "M", "d", "D", "epoch ms", "GFLOP", "sgemm shape", "GFLOP/s", "products ms", "x prod");

    static final String CSV_HEADER = "loss,M,d,D,dtype,blas_threads,epoch_ms,gflop,sgemm_shape,sgemm_gflops,"
            + "products_ms,epoch_over_products";

    @Override
    protected int run() {
        checkOptions();
        csv.checkWritable();
        PrintWriter out = startTable(String.format(Locale.ROOT, "# one stage I epoch (%s loss, t %s, normalised "
                        + "features, loss + gradient), float32, d = D = %d; median of %d runs after %d warm-up(s); "
                        + "%d kernel threads, %d BLAS threads; seed %d",
                loss, t, dim, repeats, warmup, NativeRuntime.kernelThreads(), NativeRuntime.blasThreads(), seed),
                HEADER);

        SeparationLoss separationLoss = SeparationLoss.named(loss.name());
        int d = dim, D = dim;
        double[] w = KernelTrainer.gaussian(D, d, seed, 1 / Math.sqrt(d));
        ResultTable csvTable = CsvOutput.table(CSV_HEADER);
        for (int M : sizes) {
            float[] xi = BenchScores.uniformPatterns(M, dim, seed);
            double epochNanos;
            try (MemoryStore store = MemoryStore.ofFloat(xi, M, d);
                 SeparationLossEvaluator evaluator = separationLoss.evaluator(store, D, t, true)) {
                double[] gradient = new double[w.length];
                epochNanos = MedianTimer.medianNanos(warmup, repeats, () -> evaluator.evaluate(w, gradient));
            }
            double flops = 2.0 * M * d * D + (double) M * M * D + 2.0 * M * M * D + 2.0 * M * D * d;
            double gemmNanos;
            double gemmFlops;
            String shape;
            Blas.GemmAbt gemm = M >= d
                    ? Blas.gemmAbt(random(D * M, 1), random(M * M, 2), D, M, M)    // F L: (D x M).(M x M)
                    : Blas.gemmAbt(xi, toFloat(w), M, D, d);                       // F^T: (M x d).(d x D)
            try (gemm) {
                gemmNanos = MedianTimer.medianNanos(warmup, repeats, gemm::run);
                gemmFlops = gemm.flops();
                shape = M >= d ? "(" + D + "x" + M + ").(" + M + "x" + M + ")" : "(" + M + "x" + d + ").(" + d + "x" + D + ")";
            }
            double rate = gemmFlops / gemmNanos;            // flops per ns = GFLOP/s
            double productsNanos = flops / rate;
            out.println(String.format(Locale.ROOT, "%-5s %7d %6d %6d %12.2f %10.3f %16s %10.1f %12.2f %9.2f",
                    loss, M, d, D, epochNanos / 1e6, flops / 1e9, shape, rate, productsNanos / 1e6,
                    epochNanos / productsNanos));
            out.flush();
            csvTable.add(loss, M, d, D, "float32", NativeRuntime.blasThreads(), CsvOutput.fixed(epochNanos / 1e6, 4),
                    CsvOutput.fixed(flops / 1e9, 6), shape, CsvOutput.fixed(rate, 3), CsvOutput.fixed(productsNanos / 1e6, 4),
                    CsvOutput.fixed(epochNanos / productsNanos, 4));
        }
        csv.write(csvTable);
        return Main.EXIT_OK;
    }

    private void checkOptions() {
        checkSizes(sizes, 2, " (the loss is over pairs)");
        if (dim < 1) {
            throw usage("--dim must be >= 1, got " + dim);
        }
        option("--t", () -> Check.positiveFinite("--t", t));
        checkTiming(repeats, warmup);
        for (int M : sizes) {   // the M x M Gram matrix, the memories M x d, W d x d
            checkFitsOneArray(Math.max((long) M * M, Math.max((long) M * dim, (long) dim * dim)),
                    "--sizes " + M + " with --dim " + dim);
        }
    }

    private float[] random(int n, long salt) {
        SplittableRandom rng = new SplittableRandom(seed + salt);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rng.nextDouble() - 0.5);
        return a;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

}
