package org.hopfield4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.hopfield4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets of queries in, Datasets of (id, state, steps, support, weights) out, in at least 4
 * partitions: the replicated store (from a .npy path every executor opens once, or a broadcast) and a
 * sharded store built from a Dataset of patterns give, row by row, what the single-machine Retriever
 * gives; a query task that fails once is retried; a bad vector column is named.
 */
class DatasetRetrievalTest {
    static final int M = 40, d = 8, B = 24, D = 6;
    final RetrievalData data = new RetrievalData(new Random(11), M, d, B, D);

    static SparkSession spark() {
        return SparkTestSession.get();
    }

    /** The queries as (id, array<float|double>) rows in 4 partitions; ids are 1000 + row. */
    Dataset<Row> queries(Precision precision) {
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            List<Object> v = new ArrayList<>();
            for (int j = 0; j < d; j++) v.add(precision == Precision.FLOAT32 ? (Object) (float) data.queries[b * d + j] : (Object) data.queries[b * d + j]);
            rows.add(RowFactory.create(1000L + b, v));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("vector", DataTypes.createArrayType(
                        precision == Precision.FLOAT32 ? DataTypes.FloatType : DataTypes.DoubleType, false), false)));
        return spark().createDataFrame(rows, schema).repartition(SparkTestSession.PARTITIONS);
    }

    /** Output rows by id. */
    static Map<Long, Row> byId(Dataset<Row> out) {
        Map<Long, Row> map = new HashMap<>();
        for (Row r : out.collectAsList()) map.put(r.getLong(0), r);
        return map;
    }

    void assertRowsEqual(Retrieval expected, Dataset<Row> out, Precision precision) {
        Map<Long, Row> rows = byId(out);
        assertEquals(B, rows.size());
        double tol = RetrievalData.tolerance(precision);
        for (int b = 0; b < B; b++) {
            Row r = rows.get(1000L + b);
            List<Object> state = r.getList(1);
            double[] s = new double[d];
            for (int j = 0; j < d; j++) s[j] = ((Number) state.get(j)).doubleValue();
            assertArrayEquals(expected.state(b), s, tol, "state of query " + b);
            assertEquals(expected.steps(b), r.getInt(2), "steps of query " + b);
            List<Object> support = r.getList(3);
            int[] want = expected.weights().rowIndices(b);
            assertEquals(want.length, support.size(), "support size of query " + b);
            for (int k = 0; k < want.length; k++) assertEquals((long) want[k], ((Number) support.get(k)).longValue());
            List<Object> weights = r.getList(4);
            double[] p = expected.weights().rowValues(b);
            for (int k = 0; k < p.length; k++) assertEquals(p[k], ((Number) weights.get(k)).doubleValue(), tol);
        }
    }

    @Test
    void replicatedFromANpyPathEqualsTheRetriever(@TempDir Path dir) throws Exception {
        Path xi = dir.resolve("xi.npy");
        Npy.write(xi, RetrievalData.toFloat(data.patterns), M, d);
        RetrievalSpec spec = RetrievalSpec.builder().map(Separation.sparsemax()).steps(3).recordWeights(true).build();
        try (MemoryStore local = data.store(Precision.FLOAT32);
             Retriever retriever = Retriever.builder(local).map(Separation.sparsemax()).steps(3).recordWeights(true).build()) {
            Dataset<Row> out = DatasetRetrieval.replicated(queries(Precision.FLOAT32), QueryColumns.DEFAULT,
                    StoreSource.npy(xi.toString()), spec, 5);
            assertEquals(DataTypes.FloatType, ((org.apache.spark.sql.types.ArrayType) out.schema().apply("state").dataType()).elementType());
            assertRowsEqual(data.retrieve(retriever, Precision.FLOAT32), out, Precision.FLOAT32);
            assertTrue(ExecutorStores.openCount() >= 1, "the executor keeps the store open for the next job");
        }
    }

    @Test
    void replicatedByBroadcastWithTheKernelEqualsTheRetrieverEvenWhenATaskFailsOnce() {
        Similarity kernel = data.similarity(Similarity.Kind.KERNEL);
        RetrievalSpec spec = RetrievalSpec.builder().map(Separation.entmax15()).similarity(kernel).steps(3).recordWeights(true).build();
        try (MemoryStore local = data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(local).map(Separation.entmax15()).similarity(kernel).steps(3).recordWeights(true).build()) {
            Dataset<Row> flaky = queries(Precision.FLOAT64).map((MapFunction<Row, Row>) DatasetRetrievalTest::failFirstAttemptOfPartition1,
                    Encoders.row(queries(Precision.FLOAT64).schema()));
            Dataset<Row> out = DatasetRetrieval.replicated(flaky, QueryColumns.DEFAULT,
                    StoreSource.broadcast(SparkTestSession.context(), local), spec, 4);
            assertRowsEqual(data.retrieve(retriever, Precision.FLOAT64), out, Precision.FLOAT64);
        }
    }

    static Row failFirstAttemptOfPartition1(Row row) {
        TaskContext task = TaskContext.get();
        if (task.partitionId() == 1 && task.attemptNumber() == 0) throw new IllegalStateException("injected failure of partition 1, attempt 0");
        return row;
    }

    @Test
    void shardedFromDatasetsWithMlVectorsEqualsTheRetriever() {
        List<Row> patterns = new ArrayList<>();
        for (int mu = 0; mu < M; mu++) {
            double[] v = new double[d];
            System.arraycopy(data.patterns, mu * d, v, 0, d);
            patterns.add(RowFactory.create(mu, Vectors.dense(v)));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("key", DataTypes.IntegerType, false),
                DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)));
        Dataset<Row> memories = spark().createDataFrame(patterns, schema);
        QueryColumns columns = new QueryColumns("key", "features");
        RetrievalSpec spec = RetrievalSpec.builder().map(Separation.softmax()).beta(0.5).steps(3).recordWeights(true).build();
        try (MemoryStore local = data.store(Precision.FLOAT64);
             Retriever retriever = Retriever.builder(local).map(Separation.softmax()).beta(0.5).steps(3).recordWeights(true).build();
             ShardedStore sharded = ShardedStore.fromDataset(memories, columns, SparkTestSession.PARTITIONS);
             ShardedRetriever distributed = ShardedRetriever.of(sharded, spec)) {
            assertEquals(M, sharded.size());
            assertEquals(SparkTestSession.PARTITIONS, sharded.shardCount());
            Dataset<Row> out = DatasetRetrieval.sharded(queries(Precision.FLOAT64), QueryColumns.DEFAULT, distributed, spec, 7);
            assertRowsEqual(data.retrieve(retriever, Precision.FLOAT64), out, Precision.FLOAT64);
        }
    }

    @Test
    void aColumnThatHoldsNoVectorsIsNamed() {
        Dataset<Row> bad = queries(Precision.FLOAT64).withColumn("vector", org.apache.spark.sql.functions.lit("x"));
        RetrievalSpec spec = RetrievalSpec.builder().map(Separation.sparsemax()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetRetrieval.replicated(bad, QueryColumns.DEFAULT, StoreSource.npy("unused.npy"), spec, 4));
        assertEquals("column 'vector': expected array<float>, array<double> or an ML vector, got string", e.getMessage());
    }
}
