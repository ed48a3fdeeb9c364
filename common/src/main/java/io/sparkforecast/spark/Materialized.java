package io.sparkforecast.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows kept in executor memory (spilling to disk) behind a plan that starts at them.
 * <p>Why: Spark renders every query's whole plan as text when it starts and again each time an
 * adaptive stage finishes (for its listeners), and a cached Dataset still carries the plan that
 * built it. For evaluate's chains of windows, joins and cubes that text costs more than the
 * jobs (profile: two thirds of a 144-row evaluate). A DataFrame over the rows' RDD plans and
 * prints as one scan; its lineage still recomputes lost partitions.
 */
public final class Materialized {
    private Materialized() {
    }

    /** A persisted copy of {@code rows} whose plan is a scan of them; unpersist it when done. */
    public static Dataset<Row> of(Dataset<Row> rows) {
        return rows.sparkSession().createDataFrame(rows.rdd(), rows.schema()).persist(StorageLevel.MEMORY_AND_DISK());
    }
}
