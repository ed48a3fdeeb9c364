package io.sparkforecast.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession a job runs in: embedded local Spark, or the one spark-submit set up. */
public final class SparkSessions {
    public static final String EMBEDDED_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * @param master   explicit master (--master), or null: spark-submit's, else embedded local[*]
     * @param settings session settings from the config; values spark-submit passed win
     */
    public static SparkSession create(String appName, String master, Map<String, String> settings) {
        return create(appName, master, settings, null);
    }

    /**
     * As above; unless spark-submit or the settings set the shuffle partitions, they are sized
     * from {@code inputPath} (see ShufflePartitions).
     */
    public static SparkSession create(String appName, String master, Map<String, String> settings,
                                      String inputPath) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (master != null) {
            builder.master(master);
        } else if (!submitted.contains("spark.master")) {
            builder.master(EMBEDDED_MASTER);
        }
        settings.forEach((key, value) -> {
            if (!submitted.contains(key)) {
                builder.config(key, value);
            }
        });
        SparkSession spark = builder.getOrCreate();
        if (!submitted.contains(ShufflePartitions.KEY) && !settings.containsKey(ShufflePartitions.KEY)) {
            ShufflePartitions.fitToInput(spark, inputPath);
        }
        return spark;
    }
}
