package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The most recent window of each series: its last {@code historyLength} values (oldest first)
 * and the timestamp of the last one, the forecast origin. Only those rows are gathered.
 */
public final class LatestWindows {
    public static final String ORIGIN_TS = "origin_ts";
    public static final String HISTORY = SeriesWindows.HISTORY;
    /** How many values the series had for its window (less than historyLength: too short). */
    public static final String AVAILABLE = "available";

    private LatestWindows() {
    }

    /** series_id, origin_ts, history ARRAY&lt;DOUBLE&gt;, available. */
    public static Dataset<Row> of(Dataset<Row> series, int historyLength) {
        String recency = "recency";
        return series
                .withColumn(recency, row_number().over(
                        Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(col(SeriesColumns.TS).desc())))
                .filter(col(recency).leq(historyLength))
                .groupBy(SeriesColumns.SERIES_ID)
                .agg(max(SeriesColumns.TS).as(ORIGIN_TS),
                        sort_array(collect_list(struct(SeriesColumns.TS, SeriesColumns.VALUE))).as("points"),
                        count(lit(1)).as(AVAILABLE))
                .select(col(SeriesColumns.SERIES_ID), col(ORIGIN_TS),
                        col("points").getField(SeriesColumns.VALUE).as(HISTORY), col(AVAILABLE));
    }
}
