package io.sparkforecast.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The local[2] session the test classes of a JVM share (UI off, two shuffle partitions, UTC):
 * started once, stopped by Spark's shutdown hook; a class that stops it gets a new one here.
 */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    /** @param name the first class's name, for the logs */
    public static SparkSession start(String name) {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        // What an earlier class may have changed.
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        spark.catalog().clearCache();
        return spark;
    }
}
