package io.sparkforecast.spark;

import org.apache.spark.sql.SparkSession;

/** The local[2] session a test class shares: UI off, two shuffle partitions, UTC. */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    public static SparkSession start(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
