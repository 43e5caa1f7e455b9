package org.hopfield4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The session of a command: the given master (local[N] here), or, without one, what spark-submit set up.
 * Local mode binds to 127.0.0.1 unless SPARK_LOCAL_IP says otherwise, and has no UI.
 */
final class SparkSessions {
    private SparkSessions() {}

    static SparkSession start(String appName, String master) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (master != null) {
            builder.master(master).config("spark.ui.enabled", "false");
            if (master.startsWith("local") && System.getenv("SPARK_LOCAL_IP") == null) {
                builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        SparkSession session = builder.getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
