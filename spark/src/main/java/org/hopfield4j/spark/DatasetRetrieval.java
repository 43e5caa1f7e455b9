package org.hopfield4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.SparseWeights;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Retrieval of a Dataset of queries (an id column and a vector column, {@link QueryColumns}) into a
 * Dataset of (id, state, steps[, support, weights]) (docs/spark.md#datasets), from a replicated store or
 * a sharded one. Queries are retrieved in batches of {@code batch} rows; the states take the precision
 * of the store (the vector column's values are converted to it).
 */
public final class DatasetRetrieval {
    private DatasetRetrieval() {}

    /**
     * Every executor opens the store of {@code source} once and retrieves its partitions' queries with
     * the single-machine {@link Retriever} (the retriever of a task is closed when the task completes).
     * The output has the queries' partitions; lazy, as any Dataset transformation.
     */
    public static Dataset<Row> replicated(Dataset<Row> queries, QueryColumns columns, StoreSource source, RetrievalSpec spec, int batch) {
        checkBatch(batch);
        Precision output = columns.precisionOf(queries.schema());
        StructType schema = columns.outputSchema(output, spec.recordWeights());
        MapPartitionsFunction<Row, Row> retrieve = rows -> {
            MemoryStore store = ExecutorStores.get(source);
            Retriever retriever = spec.retriever(store);
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) task -> retriever.close());
            return new Batches(rows, batch, store.dimension(), b -> retrieveBatch(retriever, b, output));
        };
        return select(queries, columns).mapPartitions(retrieve, Encoders.row(schema));
    }

    /**
     * The queries travel to the driver in batches (toLocalIterator), each batch is retrieved exactly from
     * the shards ({@link ShardedRetriever}), and the outputs are gathered into a Dataset on the driver: the
     * driver holds the outputs (B × d), the executors the patterns.
     */
    public static Dataset<Row> sharded(Dataset<Row> queries, QueryColumns columns, ShardedRetriever retriever,
                                       RetrievalSpec spec, int batch) {
        checkBatch(batch);
        Precision output = columns.precisionOf(queries.schema());
        StructType schema = columns.outputSchema(output, spec.recordWeights());
        List<Row> out = new ArrayList<>();
        Iterator<Row> rows = select(queries, columns).toLocalIterator();
        new Batches(rows, batch, retriever.store().dimension(), b -> retrieveBatch(retriever, b, output)).forEachRemaining(out::add);
        return SparkSession.active().createDataFrame(out, schema);
    }

    private static Dataset<Row> select(Dataset<Row> queries, QueryColumns columns) {
        return queries.select(columns.id(), columns.vector());
    }

    private static void checkBatch(int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch: expected >= 1, got " + batch);
    }

    /** A batch of queries read from (id, vector) rows: ids and values (float64) row-major. */
    record QueryBatch(long[] ids, double[] values, int d) {
        int size() {
            return ids.length;
        }

        float[] floats() {
            return ShardScorer.toFloat(values);
        }
    }

    private static List<Row> retrieveBatch(Retriever retriever, QueryBatch batch, Precision output) {
        int B = batch.size(), d = batch.d();
        Retrieval r = retriever.store().precision() == Precision.FLOAT32
                ? retriever.retrieve(batch.floats(), B) : retriever.retrieve(batch.values(), B);
        SparseWeights w = retriever.recordsWeights() ? r.weights() : null;
        List<Row> rows = new ArrayList<>(B);
        for (int b = 0; b < B; b++) {
            long[] support = null;
            if (w != null) {
                int[] indices = w.rowIndices(b);
                support = new long[indices.length];
                for (int k = 0; k < indices.length; k++) support[k] = indices[k];
            }
            rows.add(outputRow(batch.ids()[b], r.state(b), r.steps(b), support, w == null ? null : w.rowValues(b), output));
        }
        return rows;
    }

    private static List<Row> retrieveBatch(ShardedRetriever retriever, QueryBatch batch, Precision output) {
        int B = batch.size();
        ShardedRetrieval r = retriever.store().precision() == Precision.FLOAT32
                ? retriever.retrieve(batch.floats(), B) : retriever.retrieve(batch.values(), B);
        int[] steps = r.steps();
        List<Row> rows = new ArrayList<>(B);
        for (int b = 0; b < B; b++) {
            rows.add(outputRow(batch.ids()[b], r.state(b), steps[b], r.hasWeights() ? r.support(b) : null,
                    r.hasWeights() ? r.weights(b) : null, output));
        }
        return rows;
    }

    /** One output row; arrays as Scala sequences, which the row encoder of mapPartitions requires. */
    private static Row outputRow(long id, double[] state, int steps, long[] support, double[] weights, Precision output) {
        List<Object> values = new ArrayList<>(5);
        values.add(id);
        List<Object> s = new ArrayList<>(state.length);
        for (double v : state) s.add(output == Precision.FLOAT32 ? (Object) (float) v : (Object) v);
        values.add(CollectionConverters.asScala(s));
        values.add(steps);
        if (support != null) {
            List<Long> ids = new ArrayList<>(support.length);
            for (long v : support) ids.add(v);
            List<Double> p = new ArrayList<>(weights.length);
            for (double v : weights) p.add(v);
            values.add(CollectionConverters.asScala(ids));
            values.add(CollectionConverters.asScala(p));
        }
        return RowFactory.create(values.toArray());
    }

    /** Reads (id, vector) rows in batches and yields each batch's output rows, lazily. */
    private static final class Batches implements Iterator<Row> {
        interface Retrieve {
            List<Row> apply(QueryBatch batch);
        }

        private final Iterator<Row> rows;
        private final int batch;
        private final int d;
        private final Retrieve retrieve;
        private Iterator<Row> current = java.util.Collections.emptyIterator();

        Batches(Iterator<Row> rows, int batch, int d, Retrieve retrieve) {
            this.rows = rows;
            this.batch = batch;
            this.d = d;
            this.retrieve = retrieve;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && rows.hasNext()) current = retrieve.apply(next(rows)).iterator();
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            return current.next();
        }

        private QueryBatch next(Iterator<Row> rows) {
            List<Row> taken = new ArrayList<>(batch);
            while (taken.size() < batch && rows.hasNext()) taken.add(rows.next());
            long[] ids = new long[taken.size()];
            double[] values = new double[taken.size() * d];
            for (int b = 0; b < ids.length; b++) {
                ids[b] = QueryColumns.idOf(taken.get(b));
                QueryColumns.vectorInto(taken.get(b), values, b * d, d);
            }
            return new QueryBatch(ids, values, d);
        }
    }
}
