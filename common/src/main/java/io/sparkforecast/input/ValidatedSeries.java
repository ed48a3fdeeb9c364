package io.sparkforecast.input;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A series table split into usable rows and rejected rows.
 *
 * @param clean             series_id STRING, ts TIMESTAMP_NTZ, value DOUBLE
 * @param rejects           the rejected rows as read (text), with a reason column
 * @param rejectedByReason  rejected row counts per reason code
 * @param inputFingerprint  identifies the files read (see InputFingerprint)
 */
public record ValidatedSeries(
        Dataset<Row> clean,
        Dataset<Row> rejects,
        long inputRows,
        long usableRows,
        Map<String, Long> rejectedByReason,
        String inputFingerprint) {

    public long rejectedRows() {
        return inputRows - usableRows;
    }
}
