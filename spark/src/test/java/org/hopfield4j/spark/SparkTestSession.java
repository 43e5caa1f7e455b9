package org.hopfield4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM (one SparkContext per JVM; surefire reuses one fork): local
 * mode with 4 task threads and up to 2 attempts per task (local[4,2]), so a task made to fail once is
 * retried.
 */
final class SparkTestSession {
    static final int PARTITIONS = 4;
    private static SparkSession session;

    private SparkTestSession() {}

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("hopfield4j-spark-tests")
                    .master("local[" + PARTITIONS + ",2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", String.valueOf(PARTITIONS))
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(get().sparkContext());
    }
}
