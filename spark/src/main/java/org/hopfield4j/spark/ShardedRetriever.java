package org.hopfield4j.spark;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.hopfield4j.Precision;
import org.hopfield4j.Separation;

/**
 * Exact batched retrieval from a {@link ShardedStore}: every step of x ← Σ_μ p_μ ξ_μ,
 * p = Sep(β · sim(Ξ, x)), computed by the executors that hold the shards and merged on the driver
 * without approximation (docs/spark.md#exact-merge): softmax from each shard's (max, Σ exp, Σ exp · ξ);
 * sparsemax and the α-entmax maps from each shard's local support, whose union holds the global support,
 * by the native map on the merged candidates, then each shard's share of Σ p_μ ξ_μ. Same stopping rule
 * and step counts as {@link org.hopfield4j.Retriever} (docs/math.md#stopping).
 *
 * <pre>{@code
 * RetrievalSpec spec = RetrievalSpec.builder().map(Separation.sparsemax()).steps(3).build();
 * try (ShardedRetriever r = ShardedRetriever.of(store, spec)) {
 *     ShardedRetrieval out = r.retrieve(queries, B);
 * }
 * }</pre>
 *
 * <p>The queries of a call travel to every shard (a broadcast per step), so a call's batch should fit
 * the driver; {@link DatasetRetrieval} streams a Dataset of queries through in batches. Not
 * thread-safe; {@link #close()} drops the shards' cached scorers (the store stays).
 */
public final class ShardedRetriever implements AutoCloseable {
    private final ShardedStore store;
    private final RetrievalSpec settings;
    private final MapSpec spec;
    private final Separation map;
    private final JavaRDD<ShardScorer> scorers;
    /** Whether a step ran, i.e. executors may hold scorers with native memory to close. */
    private boolean used;

    private ShardedRetriever(ShardedStore store, RetrievalSpec settings) {
        this.store = store;
        this.settings = settings;
        this.spec = MapSpec.of(settings);
        this.map = spec.separation();
        ScoreSpec scores = ScoreSpec.of(settings, store.dimension());
        this.scorers = store.blocks().map(block -> new ShardScorer(block, scores, settings)).persist(StorageLevel.MEMORY_ONLY());
    }

    /**
     * A retriever of {@code store} with the settings of {@code spec}: its map must be softmax, sparsemax,
     * entmax15 or entmax(α) (the maps that merge exactly across shards).
     *
     * @throws IllegalArgumentException for another map, or a kernel whose W does not have d columns
     */
    public static ShardedRetriever of(ShardedStore store, RetrievalSpec spec) {
        if (store == null) throw new NullPointerException("store");
        if (spec == null) throw new NullPointerException("spec");
        return new ShardedRetriever(store, spec);
    }

    public ShardedStore store() {
        return store;
    }

    /** Retrieves B float32 queries (row-major B × d) from a float32 store. */
    public ShardedRetrieval retrieve(float[] queries, int B) {
        checkPrecision(Precision.FLOAT32);
        double[] x = new double[queries.length];
        for (int i = 0; i < x.length; i++) x[i] = queries[i];
        return run(x, B);
    }

    /** Retrieves B float64 queries (row-major B × d) from a float64 store. */
    public ShardedRetrieval retrieve(double[] queries, int B) {
        checkPrecision(Precision.FLOAT64);
        return run(queries.clone(), B);
    }

    private void checkPrecision(Precision queries) {
        if (queries != store.precision()) {
            throw new IllegalArgumentException("precision mismatch: queries are " + queries + " but the sharded store is " + store.precision());
        }
    }

    private ShardedRetrieval run(double[] state, int B) {
        int d = store.dimension();
        if (B < 0 || (long) B * d != state.length) {
            throw new IllegalArgumentException("queries: expected B * d = " + B + " * " + d + " values, got " + state.length);
        }
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException("queries: row " + (i / d) + ", column " + (i % d) + " is " + state[i] + ", expected a finite value");
            }
        }
        int[] steps = new int[B];
        long[][] ids = settings.recordWeights() ? new long[B][] : null;
        double[][] weights = settings.recordWeights() ? new double[B][] : null;
        int[] active = new int[B];
        for (int b = 0; b < B; b++) active[b] = b;
        int na = B;
        if (settings.steps() == 0 && settings.recordWeights() && B > 0) {
            Step step = step(state, B, true);
            for (int b = 0; b < B; b++) keepWeights(step.weights, b, b, ids, weights);
        }
        for (int t = 1; t <= settings.steps() && na > 0; t++) {
            double[] xa = gather(state, active, na, d);
            Step step = step(xa, na, settings.recordWeights());
            int kept = 0;
            for (int i = 0; i < na; i++) {
                int b = active[i];
                steps[b] = t;
                boolean done = t == settings.steps() || distance(step.states, xa, i, d) <= settings.eps();
                System.arraycopy(step.states, i * d, state, b * d, d);
                if (done) {
                    if (settings.recordWeights()) keepWeights(step.weights, i, b, ids, weights);
                } else {
                    active[kept++] = b;
                }
            }
            na = kept;
        }
        return new ShardedRetrieval(B, d, store.precision(), state, steps, ids, weights);
    }

    /** The new states of na queries (rounded to the store's precision) and, when asked, their weights. */
    private record Step(double[] states, Candidates weights) {}

    private Step step(double[] x, int na, boolean wantWeights) {
        used = true;
        JavaSparkContext sc = store.context();
        Broadcast<double[]> queries = sc.broadcast(x);
        double beta = settings.beta();
        MapSpec spec = this.spec;
        int d = store.dimension();
        try {
            double[] y;
            Candidates weights = null;
            if (spec.isSoftmax()) {
                SoftmaxPartial sums = scorers.map(s -> ShardStep.softmax(s, queries.value(), na, beta)).reduce(SoftmaxPartial::merge);
                y = new double[na * d];
                for (int b = 0; b < na; b++) for (int j = 0; j < d; j++) y[b * d + j] = sums.weighted[b * d + j] / sums.sum[b];
                if (wantWeights) {
                    double[] max = sums.max, sum = sums.sum;
                    List<Candidates> parts = scorers.map(s -> ShardStep.softmaxWeights(s, queries.value(), na, beta, max, sum)).collect();
                    weights = Candidates.concat(parts, na);
                }
            } else {
                List<Candidates> parts = scorers.map(s -> ShardStep.candidates(s, queries.value(), na)).collect();
                weights = CandidateMap.support(map, beta, Candidates.concat(parts, na));
                Broadcast<Candidates> p = sc.broadcast(weights);
                try {
                    y = scorers.map(s -> ShardStep.partialStates(s.block, p.value())).reduce(ShardedRetriever::add);
                } finally {
                    p.destroy();
                }
            }
            if (store.precision() == Precision.FLOAT32) for (int i = 0; i < y.length; i++) y[i] = (float) y[i];
            return new Step(y, weights);
        } finally {
            queries.destroy();
        }
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }

    private static double[] gather(double[] state, int[] active, int na, int d) {
        double[] x = new double[na * d];
        for (int i = 0; i < na; i++) System.arraycopy(state, active[i] * d, x, i * d, d);
        return x;
    }

    private static double distance(double[] y, double[] x, int i, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = y[i * d + j] - x[i * d + j];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    /** Query b's weights: row {@code row} of a step's weights, sorted by id (softmax's come in shard order). */
    private static void keepWeights(Candidates step, int row, int b, long[][] ids, double[][] weights) {
        int from = (int) step.offsets[row], n = step.rowSize(row);
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) order[k] = from + k;
        Arrays.sort(order, Comparator.comparingLong(k -> step.ids[k]));
        ids[b] = new long[n];
        weights[b] = new double[n];
        for (int k = 0; k < n; k++) {
            ids[b][k] = step.ids[order[k]];
            weights[b][k] = step.values[order[k]];
        }
    }

    /** Drops the shards' cached scorers (kernel keys, local native retrievers); the store stays. */
    @Override
    public void close() {
        if (used) scorers.foreach(ShardScorer::close);
        scorers.unpersist(false);
    }
}
