package org.hopfield4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Retriever;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: Spark local mode against the single-machine Retriever on the same data (docs/benchmarks.md#spark):
 * for each executor core count, the median wall time of the sharded and the replicated retrieval of B
 * queries and its ratio to the Retriever's in the same run (the Retriever's native threads = the cores),
 * and the throughput in queries per second. Prints the machine, the threads and the load average.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Spark local mode vs the single-machine Retriever: overhead ratio and throughput.")
final class SparkBenchCommand implements Callable<Integer> {
    @Option(names = "--patterns", defaultValue = "100000", description = "M (default: ${DEFAULT-VALUE}).")
    int M;

    @Option(names = "--dim", defaultValue = "64", description = "d (default: ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--queries", defaultValue = "1024", description = "B (default: ${DEFAULT-VALUE}).")
    int B;

    @Mixin
    RetrievalFlags retrieval;

    @Option(names = "--shards", defaultValue = "4", description = "Shards of the sharded store (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--cores", defaultValue = "1,2", split = ",", description = "Executor cores, local[N] (default: ${DEFAULT-VALUE}).")
    int[] cores;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per case, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws java.io.IOException {
        float[] patterns = gaussian(M * d, 1, 1 / Math.sqrt(d));
        float[] queries = noisyCopies(patterns);
        RetrievalSpec spec = retrieval.spec(false);
        System.out.printf("# machine: %d cores (%s, %s), java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"), loadAverage());
        System.out.printf("# M = %d, d = %d, B = %d, %s, %d step(s), %d shards, float32, median of %d runs; OpenBLAS threads = 1%n",
                M, d, B, spec.retrievalMap().name(), spec.steps(), shards, runs);
        System.out.println("cores\tmode\tmedian_s\tratio_vs_retriever\tqueries_per_s");
        NativeRuntime.setBlasThreads(1);
        for (int c : cores) {
            NativeRuntime.setKernelThreads(c);
            SparkSession spark = SparkSessions.start("hopfield4j-spark bench", "local[" + c + "]");
            try (MemoryStore store = MemoryStore.ofFloat(patterns, M, d); Retriever retriever = spec.retriever(store)) {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                double single = median(() -> retriever.retrieve(queries, B));
                report(c, "retriever", single, single);
                // executors share the driver JVM here: they call the native code from their own task threads
                NativeRuntime.useCallerThreads();
                try (ShardedStore sharded = ShardedStore.ofFloat(sc, patterns, M, d, ShardedStore.evenShards(M, shards));
                     ShardedRetriever distributed = ShardedRetriever.of(sharded, spec)) {
                    report(c, "sharded", median(() -> distributed.retrieve(queries, B)), single);
                }
                Dataset<Row> input = queryDataset(spark, queries, c).cache();
                input.count();
                StoreSource source = StoreSource.broadcast(sc, store);
                report(c, "replicated", median(() -> DatasetRetrieval.replicated(input, QueryColumns.DEFAULT, source, spec, B).count()), single);
                ExecutorStores.closeAll();
            } finally {
                spark.stop();
            }
        }
        return 0;
    }

    private void report(int c, String mode, double seconds, double single) {
        System.out.printf("%d\t%s\t%.4f\t%.2f\t%.0f%n", c, mode, seconds, seconds / single, B / seconds);
    }

    private double median(Supplier<?> work) {
        work.get();
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            work.get();
            t[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    }

    private Dataset<Row> queryDataset(SparkSession spark, float[] x, int partitions) {
        List<Row> rows = new ArrayList<>(B);
        for (int b = 0; b < B; b++) {
            List<Object> v = new ArrayList<>(d);
            for (int j = 0; j < d; j++) v.add(x[b * d + j]);
            rows.add(RowFactory.create((long) b, v));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    private float[] gaussian(int n, long seed, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (scale * gauss(rnd));
        return a;
    }

    /** B noisy copies of stored patterns (noise 0.3 of a pattern's scale). */
    private float[] noisyCopies(float[] patterns) {
        SplittableRandom rnd = new SplittableRandom(2);
        float[] x = new float[B * d];
        for (int b = 0; b < B; b++) {
            int mu = rnd.nextInt(M);
            for (int j = 0; j < d; j++) x[b * d + j] = (float) (patterns[mu * d + j] + 0.3 / Math.sqrt(d) * gauss(rnd));
        }
        return x;
    }

    private static double gauss(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
