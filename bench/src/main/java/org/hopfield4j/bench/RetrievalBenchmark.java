package org.hopfield4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One retrieval step (float32, dot similarity, β = 1) of {@code B} half-masked queries against
 * {@code M} uniform patterns of dimension {@code d}, with a dense and a sparse map: the kernel of
 * {@code bench retrieval} (which adds the GEMM baseline and the float64 reference).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RetrievalBenchmark extends JmhSettings {
    @Param({"softmax", "sparsemax"})
    public String map;

    @Param({"1000", "10000"})
    public int memories;

    @Param({"64"})
    public int batch;

    @Param({"256"})
    public int dimension;

    private MemoryStore store;
    private Retriever retriever;
    private float[] queries;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(11);
        float[] patterns = new float[memories * dimension];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = (float) random.nextDouble();
        }
        queries = new float[batch * dimension];
        for (int b = 0; b < batch; b++) {   // stored pattern b with each pixel zeroed with p = 0.5
            for (int j = 0; j < dimension; j++) {
                queries[b * dimension + j] = random.nextBoolean() ? patterns[b * dimension + j] : 0f;
            }
        }
        store = MemoryStore.ofFloat(patterns, memories, dimension);
        retriever = Retriever.builder(store).map(Separation.named(map, Double.NaN)).beta(1).steps(1).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        retriever.close();
        store.close();
    }

    @Benchmark
    public float[] retrieve() {
        return retriever.retrieve(queries, batch).floatStates();
    }
}
