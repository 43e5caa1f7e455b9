package org.hopfield4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.StoragePrecision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.RetrievalMap;
import org.hopfield4j.Retriever;
import org.hopfield4j.Similarity;
import org.hopfield4j.internal.Check;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j retrieve}: batched retrieval from a {@code .npy} memory store (the Java API's
 * {@link Retriever}), writing the retrieved states and, on request, the association weights and
 * the energies.
 */
@Command(name = "retrieve",
        header = "Retrieve stored patterns from queries with a modern Hopfield update.",
        description = {
            "Reads the memories (M, d) and the queries (B, d; a 1-D array (d,) is one query) and iterates "
                    + "x <- sum_mu p_mu xi_mu with p = Sep(beta * sim(xi, x)) for each query, at most --steps times "
                    + "and stopping early when |x_new - x| <= --eps (per query). Writes the retrieved states to --out "
                    + "with the shape of --queries.",
            "The computation runs in the dtype of --memories (float32 or float64); queries of the other dtype "
                    + "are converted, and --out and --weights have the memories' dtype.",
            "--map poly is the poly-n baseline: p_mu = max(s_mu, 0)^n normalised (all zeros when no score is "
                    + "positive); beta cancels out of it.",
            "--kernel FILE uses the learned U-Hop kernel sim = <W xi, W x> (W of shape (D, d), from learn-kernel) "
                    + "instead of --similarity: a .npy array W, or a kernel archive (.npz) whose checksum is verified; "
                    + "the file's content decides, not its name.",
            "--weights: a .npy file gets the dense (B, M) weights of each query's last step; a .npz file gets "
                    + "them sparse, in CSR form: offsets.npy (int64, B + 1), indices.npy (int32, the pattern numbers, "
                    + "increasing within a row), values.npy (the weights), shape.npy (int64, [B, M]); "
                    + "scipy.sparse.csr_matrix((z['values'], z['indices'], z['offsets']), shape=z['shape']) "
                    + "rebuilds the matrix. Sparse maps store only their support; softmax stores all M entries.",
            "--energy: a float64 array (B, 2), the energy E(x) of each query before (column 0) and after "
                    + "(column 1) the retrieval (E_K with --kernel); defined for softmax, sparsemax and the "
                    + "entmax maps with the dot similarity or a kernel.",
            "Prints one summary line: B, M, d, the mean number of steps and the mean support (weights > 0)."},
        footerHeading = "%nExample:%n",
        footer = {"  java -jar hopfield4j.jar retrieve --memories xi.npy --queries x.npy --map sparsemax \\",
            "      --beta 1 --steps 1 --eps 0 --similarity dot --out y.npy --weights w.npz --energy e.npy",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class RetrieveCommand extends StandardCommand {
    static final double DEFAULT_DEGREE = 10;

    @Option(names = "--memories", required = true, paramLabel = "FILE",
            description = "Stored patterns: a 2-D .npy array (M, d), one pattern per row; float32/float64/float16 in "
                    + "this machine's byte order is memory-mapped (any size, not read into memory).")
    Path memories;

    @Option(names = "--queries", required = true, paramLabel = "FILE",
            description = "Queries: a 2-D .npy array (B, d), or 1-D (d,) for one query.")
    Path queries;

    @Mixin
    Uint8Scaling uint8;

    @Option(names = "--map", paramLabel = "MAP", defaultValue = "sparsemax", converter = KindOptions.MapConverter.class,
            completionCandidates = KindOptions.MapLabels.class,
            description = "The map: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    MapKind map;

    @Option(names = "--alpha", paramLabel = "A",
            description = "alpha of --map entmax, finite and > 1. Required with entmax, rejected otherwise.")
    Double alpha;

    @Option(names = "--degree", paramLabel = "N",
            description = "n of --map poly, finite and > 0 (default: 10). Rejected with the other maps.")
    Double degree;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
            description = "Inverse temperature, finite and > 0 (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "1",
            description = "Maximum number of update steps per query, >= 0 (default: ${DEFAULT-VALUE}; "
                    + "0 leaves the queries unchanged).")
    int steps;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0",
            description = "A query stops once |x_new - x| <= E, finite and >= 0 (default: ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--similarity", paramLabel = "SIM", defaultValue = "dot",
            converter = KindOptions.SimilarityConverter.class, completionCandidates = KindOptions.SimilarityLabels.class,
            description = "${COMPLETION-CANDIDATES}: dot <xi, x>, l2 -|xi - x|, manhattan (alias l1) -sum|xi - x| "
                    + "(default: ${DEFAULT-VALUE}).")
    Similarity similarity;

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "A learned kernel: W (D, d) as .npy, or a kernel archive .npz; use the kernel <W xi, W x> "
                    + "(not with another --similarity).")
    Path kernel;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the retrieved states (.npy, shape of --queries).")
    Path out;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Also write the weights of each query's last step: .npy dense (B, M), .npz sparse CSR.")
    Path weights;

    @Option(names = "--energy", paramLabel = "FILE",
            description = "Also write the energies before and after as a float64 .npy array (B, 2).")
    Path energy;

    @Option(names = "--store-precision", paramLabel = "P", converter = KindOptions.StoragePrecisionConverter.class,
            description = "Hold the memories as P: float16 or bfloat16 (half the memory of float32; float32 memories are "
                    + "rounded to nearest even, and retrieval computes in float32 on the rounded values), or float32 "
                    + "(widens a float16 file). Default: as the file holds them (a float16 .npy is mapped as a float16 store).")
    StoragePrecision storePrecision;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1024",
            description = "Queries retrieved (and read, and written) at a time, >= 1 (default: ${DEFAULT-VALUE}): "
                    + "memory does not grow with the number of queries.")
    int batch;

    @Option(names = "--no-progress", description = "No progress bar on stderr (shown when there is more than one batch).")
    boolean noProgress;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success (default: one summary line).")
    boolean quiet;

    /** The map with its number, set by checkOptions(). */
    private RetrievalMap retrievalMap;

    /** Softmax weights are recorded for the summary's support only up to this many entries (B x M). */
    static final long SUMMARY_SOFTMAX_ENTRIES = 1L << 24;

    @Override
    protected int run() throws IOException {
        boolean npzWeights = checkOptions();

        try (MemoryStore opened = MatrixFiles.openStore("--memories", memories, uint8.readOptions());
             MemoryStore store = MatrixFiles.convertStore("--memories", memories, opened, storePrecision)) {
            return run(store, npzWeights);
        }
    }

    private int run(MemoryStore store, boolean npzWeights) throws IOException {
        int M = store.size(), d = store.dimension();
        boolean f32 = store.precision() == Precision.FLOAT32;
        try (QueryBatches batches = QueryBatches.open("--queries", queries, uint8.readOptions(),
                f32 ? "--memories " + memories + " is float32" : null)) {
            if (batches.cols() != d) {
                throw new UserError("dimension mismatch: --queries " + queries + " has shape " + batches.shapeText()
                        + " (d = " + batches.cols() + ") but --memories " + memories + " has shape (" + M + ", " + d
                        + ") (d = " + d + ")");
            }
            int B = batches.rows();
            LearnedKernel learned = null;
            if (kernel != null) {
                learned = KernelFiles.read("--kernel", kernel);
                if (learned.inputDimension() != d) {
                    throw new UserError("kernel shape mismatch: --kernel " + kernel + " has W of shape ("
                            + learned.featureDimension() + ", " + learned.inputDimension() + ") but W must have d = " + d
                            + " columns, the dimension of --memories " + memories);
                }
            }
            if (weights != null && !npzWeights && (long) batch * M > Check.MAX_ARRAY_LENGTH) {
                throw new UserError("--weights " + weights + ": dense weights of --batch x M = " + batch + " x " + M
                        + " do not fit in one array; write them sparse to a .npz file");
            }
            WritableTarget.check("--out", out);
            if (weights != null) WritableTarget.check("--weights", weights);
            if (energy != null) WritableTarget.check("--energy", energy);

            boolean record = weights != null || !map.isDense() || (long) B * M <= SUMMARY_SOFTMAX_ENTRIES;
            RetrievalSummary summary = new RetrievalSummary();
            RetrievalOutputs.Targets targets = new RetrievalOutputs.Targets(out, batches.shape(), weights, npzWeights,
                    energy, M, f32 ? NpyDtype.FLOAT32 : NpyDtype.FLOAT64);
            boolean noBar = quiet || noProgress || B <= batch;   // one batch: nothing to follow
            try (Retriever retriever = retriever(store, learned, record);
                 RetrievalOutputs outputs = openOutputs(targets);
                 ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), noBar, "retrieve", B,
                         " queries", 500, 100)) {
                for (int done = 0; done < B; ) {
                    NpyArray block = batches.next(batch);
                    int n = block.rows();
                    Retrieval result;
                    try {
                        result = f32 ? retriever.retrieve(block.toFloat(), n) : retriever.retrieve(block.toDouble(), n);
                    } catch (IllegalArgumentException e) {
                        throw new UserError(blame(e.getMessage()) + (done > 0 ? " (in the batch of rows from " + done + ")" : ""), e);
                    }
                    write(() -> outputs.append(result));
                    summary.add(result);
                    done += n;
                    progress.stepTo(done, "");
                }
                write(outputs::commit);
            }
            if (!quiet) {
                printSummary(summary, B, M, d, f32 ? NpyDtype.FLOAT32 : NpyDtype.FLOAT64, store.storagePrecision());
            }
        }
        return Main.EXIT_OK;
    }

    private RetrievalOutputs openOutputs(RetrievalOutputs.Targets targets) {
        try {
            return RetrievalOutputs.open(targets);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot write: " + NpyFiles.reason(e), e);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    /** An output that cannot be written or replaced is the user's problem (disk full, permissions). */
    private void write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot write the outputs: " + NpyFiles.reason(e), e);
        }
    }

    /**
     * The library's overflow messages start with what is to blame (org.hopfield4j.ScoreBounds): β, the
     * memory store's patterns, the kernel's W, else the queries; the user's option and file go first.
     */
    private String blame(String message) {
        if (message.startsWith("beta ")) {
            return "--" + message;
        }
        if (message.startsWith("the memory store")) {
            return "--memories " + memories + ": " + message;
        }
        if (message.startsWith("the kernel") && kernel != null) {
            return "--kernel " + kernel + ": " + message;
        }
        return "--queries " + queries + ": " + message;
    }

    /** Option values and combinations; returns whether --weights is a .npz file. */
    private boolean checkOptions() {
        option("--beta", () -> Check.positiveFinite("--beta", beta));
        if (steps < 0) {
            throw usage("--steps must be >= 0, got " + steps);
        }
        if (batch < 1) {
            throw usage("--batch must be >= 1, got " + batch);
        }
        option("--eps", () -> Check.nonNegativeFinite("--eps", eps));
        retrievalMap = map.retrievalMap(KindOptions.parameter(map, alpha, degree, DEFAULT_DEGREE, this::usage));
        if (kernel != null && similarity.kind() != Similarity.Kind.DOT) {
            throw usage("--kernel replaces the similarity by the learned kernel <W xi, W x>; it cannot be combined "
                    + "with --similarity " + similarity.name());
        }
        if (energy != null) {
            if (!similarity.hasEnergy()) {
                throw usage("--energy is defined for the dot similarity and the kernel, not --similarity " + similarity.name());
            }
            if (!map.hasEnergy()) {
                throw usage("--energy is not defined for --map " + map.label() + "; use " + KindOptions.withEnergy());
            }
        }
        boolean npz = false;
        if (weights != null) {
            String name = weights.getFileName() == null ? "" : weights.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".npz")) {
                npz = true;
            } else if (!name.endsWith(".npy")) {
                throw usage("--weights " + weights + " must end in .npy (dense B x M) or .npz (sparse CSR)");
            }
        }
        distinct("--out", out, "--weights", weights);
        distinct("--out", out, "--energy", energy);
        distinct("--weights", weights, "--energy", energy);
        return npz;
    }

    private void distinct(String option1, Path file1, String option2, Path file2) {
        if (file1 != null && file2 != null && file1.toAbsolutePath().normalize().equals(file2.toAbsolutePath().normalize())) {
            throw usage(option1 + " and " + option2 + " name the same file " + file1 + "; give them different files");
        }
    }

    private Retriever retriever(MemoryStore store, LearnedKernel learned, boolean recordWeights) {
        Retriever.Builder b = Retriever.builder(store).beta(beta).steps(steps).eps(eps)
                .recordWeights(recordWeights).recordEnergies(energy != null);
        b.retrievalMap(retrievalMap);
        if (learned == null) {
            return b.similarity(similarity).build();
        }
        try {
            return b.similarity(learned.similarity()).build();   // computes the keys A = Xi W^T W
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("the memory store") ? blame(e.getMessage())
                    : "--kernel " + kernel + ": " + e.getMessage(), e);
        }
    }

    private void printSummary(RetrievalSummary r, int B, int M, int d, NpyDtype dtype, StoragePrecision stored) {
        String support = r.weighted()
                ? String.format(Locale.ROOT, "%.2f of %d", B == 0 ? 0.0 : (double) r.positiveWeights() / B, M)
                : "n/a (softmax: dense; give --weights to count)";
        String mapName = retrievalMap.separation() != null ? retrievalMap.name() : "poly-" + fmt(retrievalMap.degree());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT,
                "retrieve: B %d queries, M %d memories, d %d, %s; %s, beta %s, %s, steps <= %d, eps %s -> %s; "
                        + "mean steps %.2f, mean support %s",
                B, M, d, dtype.numpyName() + (stored.isHalf() ? " (stored " + stored + ")" : ""), mapName, fmt(beta), kernel != null ? "kernel " + kernel : similarity.name(),
                steps, fmt(eps), out, B == 0 ? 0.0 : (double) r.steps() / B, support));
        stdout.flush();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

}
