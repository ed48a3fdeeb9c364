package io.sparkforecast.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.size;

import java.util.Locale;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The reference prepare is measured against: one Spark SQL pass that windows a series table
 * (collect_list over a frame of lookback rows, plus the next value by lead) and writes the
 * windows as Parquet, with no validation, gaps, scaling or splits. Prints its wall seconds.
 *   args: series table (Parquet: series_id, ts, value) output lookback shuffle_partitions
 */
public final class BareWindowing {
    private BareWindowing() {
    }

    public static void main(String[] args) {
        String input = args[0];
        String output = args[1];
        int lookback = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("bare-windowing")
                .config("spark.sql.shuffle.partitions", args[3]).config("spark.ui.enabled", "false").getOrCreate();
        long started = System.nanoTime();
        WindowSpec order = Window.partitionBy("series_id").orderBy("ts");
        spark.read().parquet(input)
                .withColumn("features", collect_list(col("value").cast("float")).over(
                        order.rowsBetween(-(lookback - 1), 0)))
                .withColumn("target", lead(col("value").cast("float"), 1).over(order))
                .filter(size(col("features")).equalTo(lookback).and(col("target").isNotNull()))
                .select("series_id", "ts", "features", "target")
                .write().mode(SaveMode.Overwrite).parquet(output);
        System.out.printf(Locale.ROOT, "bare_seconds=%.1f%n", (System.nanoTime() - started) / 1e9);
        spark.stop();
    }
}
