package org.hopfield4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sharded store retrieves exactly what a single-machine Retriever retrieves from the same patterns:
 * the same supports and step counts, states within 1e-5 (float32) / 1e-12 (float64), for every
 * mergeable map, the dot, distance (l2, Manhattan), cosine and kernel similarities, 1 and 3 steps, uneven and empty shards,
 * and when a shard's task fails once and is retried.
 */
class ShardedRetrieverTest {
    static final int M = 40, d = 8, B = 6, D = 6;
    /** Uneven shards, one of them empty, over the tests' 4 partitions. */
    static final int[] SHARDS = {7, 0, 23, 10};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            for (Separation map : RetrievalData.MAPS) {
                for (Similarity.Kind kind : new Similarity.Kind[] {Similarity.Kind.DOT, Similarity.Kind.KERNEL, Similarity.Kind.NEGATIVE_L2}) {
                    for (int steps : new int[] {1, 3}) cases.add(Arguments.of(precision, map, kind, steps));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} steps={3}")
    @MethodSource("cases")
    void equalsSingleMachineRetriever(Precision precision, Separation map, Similarity.Kind kind, int steps) {
        RetrievalData data = new RetrievalData(new Random(31 + steps), M, d, B, D);
        Similarity similarity = data.similarity(kind);
        try (MemoryStore local = data.store(precision);
             Retriever retriever = Retriever.builder(local).map(map).similarity(similarity).steps(steps).recordWeights(true).build();
             ShardedStore sharded = data.sharded(SparkTestSession.context(), precision, SHARDS);
             ShardedRetriever distributed = ShardedRetriever.of(sharded, RetrievalSpec.builder().map(map).similarity(similarity).steps(steps)
                     .recordWeights(true).build())) {
            Retrieval expected = data.retrieve(retriever, precision);
            ShardedRetrieval actual = data.retrieve(distributed, precision);
            RetrievalData.assertSame(expected, actual, precision);
        }
    }

    /** The similarities outside the main grid: Manhattan (scored without a GEMM) and cosine (normalised scores). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherSimilarities")
    void otherSimilaritiesEqualTheRetriever(Similarity.Kind kind, Separation map) {
        RetrievalData data = new RetrievalData(new Random(13), M, d, B, D);
        Similarity similarity = data.similarity(kind);
        double beta = kind == Similarity.Kind.COSINE ? 8 : 0.5;
        try (MemoryStore local = data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(local).map(map).similarity(similarity).beta(beta).steps(2).recordWeights(true).build();
             ShardedStore sharded = data.sharded(SparkTestSession.context(), Precision.FLOAT64, SHARDS);
             ShardedRetriever distributed = ShardedRetriever.of(sharded, RetrievalSpec.builder().map(map).similarity(similarity)
                     .beta(beta).steps(2).recordWeights(true).build())) {
            RetrievalData.assertSame(data.retrieve(retriever, Precision.FLOAT64), data.retrieve(distributed, Precision.FLOAT64),
                    Precision.FLOAT64);
        }
    }

    static Stream<Arguments> otherSimilarities() {
        return Stream.of(Similarity.Kind.NEGATIVE_MANHATTAN, Similarity.Kind.COSINE)
                .flatMap(kind -> Stream.of(Separation.softmax(), Separation.entmax15()).map(map -> Arguments.of(kind, map)));
    }

    @Test
    void aShardTaskFailingOnceIsRetriedAndChangesNothing() {
        RetrievalData data = new RetrievalData(new Random(5), M, d, B, D);
        Separation map = Separation.entmax15();
        try (MemoryStore local = data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(local).map(map).steps(3).recordWeights(true).build();
             ShardedStore healthy = data.sharded(SparkTestSession.context(), Precision.FLOAT64, SHARDS);
             ShardedStore flaky = new ShardedStore(healthy.blocks().map(ShardedRetrieverTest::failFirstAttemptOfShard2),
                     M, d, Precision.FLOAT64);
             ShardedRetriever distributed = ShardedRetriever.of(flaky, RetrievalSpec.builder().map(map).steps(3).recordWeights(true).build())) {
            RetrievalData.assertSame(data.retrieve(retriever, Precision.FLOAT64), data.retrieve(distributed, Precision.FLOAT64),
                    Precision.FLOAT64);
        }
    }

    static PatternBlock failFirstAttemptOfShard2(PatternBlock block) {
        TaskContext task = TaskContext.get();
        if (block.shard == 2 && task.attemptNumber() == 0) throw new IllegalStateException("injected failure of shard 2, attempt 0");
        assertTrue(block.shard != 2 || task.attemptNumber() == 1, "shard 2 runs again as attempt 1");
        return block;
    }

    @Test
    void zeroStepsLeaveTheQueriesAndRecordTheirWeights() {
        RetrievalData data = new RetrievalData(new Random(9), M, d, B, D);
        try (MemoryStore local = data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(local).map(Separation.sparsemax()).steps(0).recordWeights(true).build();
             ShardedStore sharded = data.sharded(SparkTestSession.context(), Precision.FLOAT64, SHARDS);
             ShardedRetriever distributed = ShardedRetriever.of(sharded, RetrievalSpec.builder().map(Separation.sparsemax()).steps(0)
                     .recordWeights(true).build())) {
            ShardedRetrieval actual = data.retrieve(distributed, Precision.FLOAT64);
            assertArrayEquals(data.queries, actual.doubleStates());
            assertArrayEquals(new int[B], actual.steps());
            RetrievalData.assertSame(data.retrieve(retriever, Precision.FLOAT64), actual, Precision.FLOAT64);
        }
    }

    @Test
    void epsStopsEachQueryAsTheRetrieverDoes() {
        RetrievalData data = new RetrievalData(new Random(77), M, d, B, D);
        Separation map = Separation.entmax(1.3);
        try (MemoryStore local = data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(local).map(map).beta(0.3).steps(8).eps(1e-3).recordWeights(true).build();
             ShardedStore sharded = data.sharded(SparkTestSession.context(), Precision.FLOAT64, SHARDS);
             ShardedRetriever distributed = ShardedRetriever.of(sharded, RetrievalSpec.builder().map(map).beta(0.3).steps(8).eps(1e-3)
                     .recordWeights(true).build())) {
            Retrieval expected = data.retrieve(retriever, Precision.FLOAT64);
            ShardedRetrieval actual = data.retrieve(distributed, Precision.FLOAT64);
            assertTrue(java.util.Arrays.stream(expected.steps()).anyMatch(s -> s > 1 && s < 8), "some query stops early");
            RetrievalData.assertSame(expected, actual, Precision.FLOAT64);
            assertEquals(B, actual.batchSize());
        }
    }
}
