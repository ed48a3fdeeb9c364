package io.sparkforecast.input;

import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A series table checked per series in memory (see {@link SeriesLoader#loadSeries}): the usable
 * rows of each series as arrays, the rejected rows, and the counts.
 *
 * @param series           one element per series with usable rows
 * @param rejects          the rejected rows as read (text), with a reason column
 * @param rejectedByReason rejected row counts per reason code
 * @param inputFingerprint identifies the files read (see InputFingerprint)
 * @param cached           what to unpersist once the outputs are written
 */
public record ValidatedSeriesRows(
        JavaRDD<SeriesRows> series,
        Dataset<Row> rejects,
        long inputRows,
        long usableRows,
        Map<String, Long> rejectedByReason,
        String inputFingerprint,
        JavaRDD<?> cached) {
}
