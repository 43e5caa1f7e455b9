package org.hopfield4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.hopfield4j.Precision;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;

/**
 * Stored patterns partitioned across a Spark cluster: one shard per partition, each held (cached) by
 * one executor, none holding all of them (docs/spark.md#sharded). Patterns keep a global id (their row
 * in the source, or the id column of a Dataset); the shards may be uneven or empty. Retrieve from it
 * with {@link ShardedRetriever}, which is exact: the same supports and states as a single-machine
 * {@link org.hopfield4j.Retriever} on the same patterns. {@link #close()} drops the cached shards.
 */
public final class ShardedStore implements AutoCloseable {
    private final JavaRDD<PatternBlock> blocks;
    private final long size;
    private final int d;
    private final Precision precision;

    ShardedStore(JavaRDD<PatternBlock> blocks, long size, int d, Precision precision) {
        this.blocks = blocks.persist(StorageLevel.MEMORY_ONLY());
        this.size = size;
        this.d = d;
        this.precision = precision;
    }

    /** M float32 patterns of dimension d (row-major {@code data}) cut into shards of the given row counts (summing to M; 0 allowed). */
    public static ShardedStore ofFloat(JavaSparkContext sc, float[] data, int M, int d, int... shardRows) {
        checkShape(data == null ? -1 : data.length, M, d, shardRows);
        return cut(sc, M, d, shardRows, Precision.FLOAT32,
                (shard, ids, from, to) -> PatternBlock.ofFloat(shard, ids, d, Arrays.copyOfRange(data, from * d, to * d)));
    }

    /** As {@link #ofFloat(JavaSparkContext, float[], int, int, int...)}, float64. */
    public static ShardedStore ofDouble(JavaSparkContext sc, double[] data, int M, int d, int... shardRows) {
        checkShape(data == null ? -1 : data.length, M, d, shardRows);
        return cut(sc, M, d, shardRows, Precision.FLOAT64,
                (shard, ids, from, to) -> PatternBlock.ofDouble(shard, ids, d, Arrays.copyOfRange(data, from * d, to * d)));
    }

    /** Rows [from, to) of the driver's patterns as shard {@code shard} with global ids {@code ids}. */
    private interface Slicer {
        PatternBlock slice(int shard, long[] ids, int from, int to);
    }

    /** One partition per shard, each holding its consecutive rows (ids = row numbers). */
    private static ShardedStore cut(JavaSparkContext sc, int M, int d, int[] shardRows, Precision precision, Slicer slicer) {
        List<PatternBlock> list = new ArrayList<>();
        int row = 0;
        for (int s = 0; s < shardRows.length; s++) {
            list.add(slicer.slice(s, ids(row, shardRows[s]), row, row + shardRows[s]));
            row += shardRows[s];
        }
        return new ShardedStore(sc.parallelize(list, list.size()), M, d, precision);
    }

    /** {@code shards} shards of (nearly) equal size: the first M mod shards get one row more. */
    public static int[] evenShards(int M, int shards) {
        if (shards < 1) throw new IllegalArgumentException("shards: expected >= 1, got " + shards);
        int[] rows = new int[shards];
        for (int s = 0; s < shards; s++) rows[s] = M / shards + (s < M % shards ? 1 : 0);
        return rows;
    }

    /**
     * The patterns of a 2-D float32/float64 .npy file (M, d) in {@code shards} even shards. The driver reads
     * the file once and ships each shard to its executor (it keeps none of it).
     */
    public static ShardedStore fromNpy(JavaSparkContext sc, Path path, int shards) throws IOException {
        NpyArray a = Npy.read(path);
        if (a.rank() != 2) throw new IllegalArgumentException(path + ": expected a 2-D array (M, d), got shape " + Arrays.toString(a.shape()));
        int M = a.rows(), d = a.cols();
        return a.dtype() == NpyDtype.FLOAT32
                ? ofFloat(sc, a.floatData(), M, d, evenShards(M, shards))
                : ofDouble(sc, a.doubleData(), M, d, evenShards(M, shards));
    }

    /**
     * The patterns of a Dataset of (id, vector) rows ({@link QueryColumns}; the id becomes the pattern's
     * global id) in {@code shards} shards: repartitioned by Spark, never gathered on the driver.
     */
    public static ShardedStore fromDataset(Dataset<Row> patterns, QueryColumns columns, int shards) {
        if (shards < 1) throw new IllegalArgumentException("shards: expected >= 1, got " + shards);
        Precision precision = columns.precisionOf(patterns.schema());
        Dataset<Row> rows = patterns.select(columns.id(), columns.vector());
        Row first = rows.first();
        int d = QueryColumns.dimensionOf(first);
        JavaRDD<PatternBlock> blocks = rows.javaRDD().repartition(shards).mapPartitionsWithIndex((shard, it) -> {
            List<Row> list = new ArrayList<>();
            it.forEachRemaining(list::add);
            long[] ids = new long[list.size()];
            double[] values = new double[list.size() * d];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = QueryColumns.idOf(list.get(i));
                QueryColumns.vectorInto(list.get(i), values, i * d, d);
            }
            PatternBlock block = precision == Precision.FLOAT32
                    ? PatternBlock.ofFloat(shard, ids, d, ShardScorer.toFloat(values)) : PatternBlock.ofDouble(shard, ids, d, values);
            return List.of(block).iterator();
        }, true);
        long size = blocks.map(b -> (long) b.rows()).fold(0L, Long::sum);
        return new ShardedStore(blocks, size, d, precision);
    }

    private static long[] ids(int first, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = first + i;
        return ids;
    }

    private static void checkShape(int length, int M, int d, int[] shardRows) {
        if (length < 0) throw new NullPointerException("data");
        if (M < 1 || d < 1) throw new IllegalArgumentException("M, d: expected >= 1, got M = " + M + ", d = " + d);
        if ((long) M * d != length) throw new IllegalArgumentException("data: expected M * d = " + ((long) M * d) + " values, got " + length);
        if (shardRows == null || shardRows.length == 0) throw new IllegalArgumentException("shardRows: expected at least one shard");
        long sum = 0;
        for (int r : shardRows) {
            if (r < 0) throw new IllegalArgumentException("shardRows: expected counts >= 0, got " + Arrays.toString(shardRows));
            sum += r;
        }
        if (sum != M) throw new IllegalArgumentException("shardRows: expected counts summing to M = " + M + ", got " + Arrays.toString(shardRows));
    }

    /** M, the number of patterns over all shards. */
    public long size() {
        return size;
    }

    /** d. */
    public int dimension() {
        return d;
    }

    /** The patterns' precision (float32 or float64). */
    public Precision precision() {
        return precision;
    }

    /** The number of shards (partitions). */
    public int shardCount() {
        return blocks.getNumPartitions();
    }

    JavaRDD<PatternBlock> blocks() {
        return blocks;
    }

    JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(blocks.context());
    }

    /** Drops the cached shards from the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
