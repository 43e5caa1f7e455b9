package org.hopfield4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code retrieve} on Spark: the flags of the command line's retrieve (docs/cli.md) plus the Spark ones
 * (docs/spark.md#job). Memories and queries are a .npy file or a Parquet directory of (id, vector) rows;
 * the output is a .npy file (the states, in the order of the queries) or a Parquet directory of (id,
 * state, steps[, support, weights]).
 */
@Command(name = "retrieve", mixinStandardHelpOptions = true,
        description = "Retrieve a batch of queries from a replicated (--shards 0) or sharded store, exactly.",
        footer = {"", "Example:", "  java -jar hopfield4j-spark.jar retrieve --master local[4] --shards 4 --memories xi.npy \\",
            "      --queries x.npy --map sparsemax --steps 3 --out y.npy",
            "", "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class SparkRetrieveCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--memories", required = true, paramLabel = "PATH",
            description = "Stored patterns: a 2-D float32/float64 .npy (M, d), or a Parquet directory of (id, vector).")
    Path memories;

    @Option(names = "--queries", required = true, paramLabel = "PATH",
            description = "Queries: a .npy (B, d) or (d,), or a Parquet directory of (id, vector).")
    Path queries;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "Output: FILE.npy (the states, shape of --queries) or a new Parquet directory.")
    Path out;

    @Mixin
    RetrievalFlags retrieval;

    @Option(names = "--weights", paramLabel = "FILE.npz",
            description = "With a .npy --out: also write each query's last weights as sparse CSR (.npz: offsets, indices, values, shape).")
    Path weights;

    @Option(names = "--with-weights", description = "With a Parquet --out: add the support and weights columns.")
    boolean withWeights;

    @Option(names = "--master", description = "Spark master, e.g. local[4] (default: the one spark-submit sets).")
    String master;

    @Option(names = "--shards", defaultValue = "0",
            description = "0: replicated store (every executor opens it once); N > 0: N shards (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--partitions", defaultValue = "0", description = "Partitions of .npy queries (default: Spark's parallelism).")
    int partitions;

    @Option(names = "--batch", defaultValue = "1024", description = "Queries per native call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--id-column", defaultValue = "id", description = "Parquet id column (default: ${DEFAULT-VALUE}).")
    String idColumn;

    @Option(names = "--vector-column", defaultValue = "vector", description = "Parquet vector column (default: ${DEFAULT-VALUE}).")
    String vectorColumn;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    /** M, set by retrieve(): the sharded store's size, or the replicated store's as an executor opened it. */
    private long memoryCount;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) throw new IllegalArgumentException("--batch: expected >= 1, got " + batch);
        RetrievalSpec spec = retrieval.spec(weights != null || withWeights);
        boolean npyOut = isNpy(out);
        if (weights != null && !npyOut) throw new IllegalArgumentException("--weights: only with a .npy --out; use --with-weights for Parquet");
        if (withWeights && npyOut) throw new IllegalArgumentException("--with-weights: only with a Parquet --out; use --weights FILE.npz");
        if (shards < 0) throw new IllegalArgumentException("--shards: expected >= 0, got " + shards);
        if (shards > 0) MapSpec.of(spec);  // a map that cannot be sharded fails before Spark starts
        if (!Files.exists(memories)) throw new IllegalArgumentException("--memories " + memories + ": no such file or directory");
        if (!Files.exists(queries)) throw new IllegalArgumentException("--queries " + queries + ": no such file or directory");
        if (!npyOut && Files.exists(out)) throw new IllegalArgumentException("--out " + out + ": already exists (Parquet output is a new directory)");
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.start("hopfield4j-spark retrieve", master);
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            QueryColumns columns = new QueryColumns(idColumn, vectorColumn);
            NpyArray queryArray = isNpy(queries) ? Npy.read(queries) : null;
            Dataset<Row> input = queryArray != null ? npyQueries(spark, queryArray) : spark.read().parquet(queries.toString());
            Dataset<Row> result = retrieve(spark, sc, input, queryArray != null ? QueryColumns.DEFAULT : columns, spec);
            if (npyOut) {
                NpyOutput.write(result, queryArray, memoryCount, out, weights);
            } else {
                result.write().parquet(out.toString());
            }
            if (!quiet) command.commandLine().getOut().println("retrieved " + (queryArray != null ? queryArray.rows() : result.count()) + " queries ("
                    + (shards == 0 ? "replicated" : shards + " shards") + ", " + spec.retrievalMap().name() + ", " + spec.steps() + " steps) -> " + out);
            return 0;
        } finally {
            if (ownSession) spark.stop();  // a session the caller had (an application, the tests) stays
        }
    }

    private Dataset<Row> retrieve(SparkSession spark, JavaSparkContext sc, Dataset<Row> input, QueryColumns queryColumns, RetrievalSpec spec)
            throws IOException {
        QueryColumns patternColumns = new QueryColumns(idColumn, vectorColumn);
        if (shards == 0) {
            StoreSource source = isNpy(memories) ? StoreSource.npy(memories.toAbsolutePath().toString())
                    : broadcastParquet(spark, sc, patternColumns);
            memoryCount = sc.parallelize(List.of(0), 1).map(x -> (long) ExecutorStores.get(source).size()).first();
            return DatasetRetrieval.replicated(input, queryColumns, source, spec, batch);
        }
        ShardedStore store = isNpy(memories) ? ShardedStore.fromNpy(sc, memories, shards)
                : ShardedStore.fromDataset(spark.read().parquet(memories.toString()), patternColumns, shards);
        memoryCount = store.size();
        ShardedRetriever retriever = ShardedRetriever.of(store, spec);
        return DatasetRetrieval.sharded(input, queryColumns, retriever, spec, batch);
    }

    /** A replicated store from Parquet: gathered on the driver (row order by id) and broadcast. */
    private StoreSource broadcastParquet(SparkSession spark, JavaSparkContext sc, QueryColumns columns) {
        Dataset<Row> rows = spark.read().parquet(memories.toString());
        boolean float32 = columns.precisionOf(rows.schema()) == org.hopfield4j.Precision.FLOAT32;
        List<Row> list = rows.select(columns.id(), columns.vector()).orderBy(columns.id()).collectAsList();
        int M = list.size(), d = QueryColumns.dimensionOf(list.get(0));
        double[] x = new double[M * d];
        for (int i = 0; i < M; i++) QueryColumns.vectorInto(list.get(i), x, i * d, d);
        try (MemoryStore store = float32 ? MemoryStore.ofFloat(ShardScorer.toFloat(x), M, d) : MemoryStore.ofDouble(x, M, d)) {
            return StoreSource.broadcast(sc, store);
        }
    }

    private Dataset<Row> npyQueries(SparkSession spark, NpyArray a) {
        if (a.rank() != 1 && a.rank() != 2) throw new IllegalArgumentException("--queries " + queries + ": expected shape (B, d) or (d,)");
        boolean float32 = a.dtype() == NpyDtype.FLOAT32;
        int B = a.rank() == 1 ? 1 : a.rows(), d = a.rank() == 1 ? a.shape()[0] : a.cols();
        double[] x = a.toDouble();
        List<Row> rows = new ArrayList<>(B);
        for (int b = 0; b < B; b++) {
            List<Object> v = new ArrayList<>(d);
            for (int j = 0; j < d; j++) v.add(float32 ? (Object) (float) x[b * d + j] : (Object) x[b * d + j]);
            rows.add(RowFactory.create((long) b, v));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("vector", DataTypes.createArrayType(float32 ? DataTypes.FloatType : DataTypes.DoubleType, false), false)));
        int n = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
        return spark.createDataFrame(rows, schema).repartition(n);
    }

    static boolean isNpy(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }
}
