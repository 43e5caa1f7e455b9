package org.hopfield4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MapKind;
import org.hopfield4j.Similarity;
import picocli.CommandLine.Option;

/**
 * The retrieval flags of the command line's {@code retrieve} (docs/cli.md), shared by the job's
 * {@code retrieve} and {@code bench}: they make the {@link RetrievalSpec}; the library's checks reject
 * bad values (exit 2, the message names the flag or the value).
 */
final class RetrievalFlags {
    @Option(names = "--map", defaultValue = "sparsemax", description = "softmax, sparsemax, entmax15, entmax (with --alpha); "
            + "replicated also normmax and poly (default: ${DEFAULT-VALUE}).")
    String map;

    @Option(names = "--alpha", description = "alpha of entmax / normmax, finite and > 1.")
    Double alpha;

    @Option(names = "--degree", description = "n of --map poly (default: 10; replicated only).")
    Double degree;

    @Option(names = "--beta", defaultValue = "1", description = "Inverse temperature (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--steps", defaultValue = "1", description = "Maximum steps per query (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eps", defaultValue = "0", description = "A query stops once |x_new - x| <= E (default: ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--similarity", defaultValue = "dot", description = "dot, l2, manhattan, cosine (default: ${DEFAULT-VALUE}).")
    String similarity;

    @Option(names = "--kernel", paramLabel = "FILE", description = "A learned kernel W (.npy) or kernel archive (.npz).")
    Path kernel;

    RetrievalSpec spec(boolean recordWeights) throws IOException {
        MapKind kind = MapKind.named(map);
        if (kind.parameter() == MapKind.Parameter.ALPHA && alpha == null) throw new IllegalArgumentException("--alpha: required with --map " + map);
        if (kind.parameter() != MapKind.Parameter.ALPHA && alpha != null) throw new IllegalArgumentException("--alpha: only with entmax or normmax, not " + map);
        if (kernel != null && !"dot".equals(similarity)) throw new IllegalArgumentException("--kernel: not with --similarity " + similarity);
        double parameter = kind == MapKind.POLY ? (degree == null ? 10 : degree) : alpha == null ? Double.NaN : alpha;
        Similarity sim = kernel != null ? LearnedKernel.load(kernel).similarity() : Similarity.named(similarity);
        return RetrievalSpec.builder().retrievalMap(kind.retrievalMap(parameter)).beta(beta).steps(steps).eps(eps)
                .similarity(sim).recordWeights(recordWeights).build();
    }
}
