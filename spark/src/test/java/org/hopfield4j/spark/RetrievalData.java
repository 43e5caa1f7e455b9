package org.hopfield4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.hopfield4j.SparseWeights;

/**
 * Gaussian patterns (values exact in float32, so both precisions hold the same numbers), queries that are
 * noisy copies of some of them, a kernel W, and the comparison of a single-machine retrieval with a
 * Spark one: same steps, same supports (as global ids), weights and states within 1e-5 (float32) or
 * 1e-12 (float64).
 */
final class RetrievalData {
    static final List<Separation> MAPS = List.of(Separation.softmax(), Separation.sparsemax(), Separation.entmax15(),
            Separation.entmax(1.3));

    final int M, d, B, D;
    final double[] patterns;
    final double[] queries;
    final double[] w;

    RetrievalData(Random rnd, int M, int d, int B, int D) {
        this.M = M;
        this.d = d;
        this.B = B;
        this.D = D;
        patterns = gaussian(rnd, M * d, 1);
        queries = new double[B * d];
        for (int b = 0; b < B; b++) {
            int mu = rnd.nextInt(M);
            for (int j = 0; j < d; j++) queries[b * d + j] = (float) (patterns[mu * d + j] + 0.5 * rnd.nextGaussian());
        }
        w = gaussian(rnd, D * d, 1 / Math.sqrt(d));
    }

    private static double[] gaussian(Random rnd, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = (float) (scale * rnd.nextGaussian());
        return a;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    Similarity similarity(Similarity.Kind kind) {
        return switch (kind) {
            case KERNEL -> Similarity.kernel(w, D, d);
            case DOT -> Similarity.dot();
            case NEGATIVE_L2 -> Similarity.negativeL2();
            case NEGATIVE_MANHATTAN -> Similarity.negativeManhattan();
            case COSINE -> Similarity.cosine();
        };
    }

    MemoryStore store(Precision precision) {
        return precision == Precision.FLOAT32 ? MemoryStore.ofFloat(toFloat(patterns), M, d) : MemoryStore.ofDouble(patterns, M, d);
    }

    ShardedStore sharded(JavaSparkContext sc, Precision precision, int... shardRows) {
        return precision == Precision.FLOAT32 ? ShardedStore.ofFloat(sc, toFloat(patterns), M, d, shardRows)
                : ShardedStore.ofDouble(sc, patterns, M, d, shardRows);
    }

    Retrieval retrieve(Retriever retriever, Precision precision) {
        return precision == Precision.FLOAT32 ? retriever.retrieve(toFloat(queries), B) : retriever.retrieve(queries, B);
    }

    ShardedRetrieval retrieve(ShardedRetriever retriever, Precision precision) {
        return precision == Precision.FLOAT32 ? retriever.retrieve(toFloat(queries), B) : retriever.retrieve(queries, B);
    }

    static double tolerance(Precision precision) {
        return precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
    }

    /** Same steps, supports and (within the precision's tolerance) weights and states. */
    static void assertSame(Retrieval expected, ShardedRetrieval actual, Precision precision) {
        double tol = tolerance(precision);
        int B = expected.batchSize();
        assertEquals(B, actual.batchSize());
        assertArrayEquals(expected.steps(), actual.steps(), "steps");
        SparseWeights weights = expected.weights();
        for (int b = 0; b < B; b++) {
            int[] support = weights.rowIndices(b);
            long[] ids = new long[support.length];
            for (int k = 0; k < ids.length; k++) ids[k] = support[k];
            assertArrayEquals(ids, actual.support(b), "support of query " + b);
            assertArrayEquals(weights.rowValues(b), actual.weights(b), tol, "weights of query " + b);
            assertArrayEquals(expected.state(b), actual.state(b), tol, "state of query " + b);
        }
    }
}
