package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.grouping;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.storage.OutputTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What evaluate writes for a classification model, partitioned by model_version like the
 * forecasting metrics table: the metrics table with accuracy per series (series_id null = all
 * series), and the confusion table with window counts per (actual, predicted) class.
 */
public final class ClassificationTables {
    public static final String ACTUAL = "actual";
    public static final String PREDICTED = "predicted";
    public static final String WINDOWS = "windows";
    public static final String CORRECT = "correct";
    public static final String ACCURACY = "accuracy";

    private ClassificationTables() {
    }

    /** @param classified series_id, actual, predicted: one row per evaluated window */
    public static Dataset<Row> accuracy(Dataset<Row> classified, String modelName, String split) {
        return classified.rollup(col(SeriesColumns.SERIES_ID))
                .agg(count(lit(1)).as(WINDOWS),
                        sum(when(col(ACTUAL).equalTo(col(PREDICTED)), 1L).otherwise(0L)).as(CORRECT),
                        grouping(col(SeriesColumns.SERIES_ID)).as("all_series"))
                .withColumn(ACCURACY, col(CORRECT).divide(col(WINDOWS)))
                .select(lit(modelName).as(MetricsTable.MODEL_NAME), lit(split).as(MetricsTable.SPLIT),
                        when(col("all_series").equalTo(0), col(SeriesColumns.SERIES_ID)).as(SeriesColumns.SERIES_ID),
                        col(WINDOWS), col(CORRECT), col(ACCURACY));
    }

    public static Dataset<Row> confusion(Dataset<Row> classified, String modelName) {
        return classified.groupBy(ACTUAL, PREDICTED).agg(count(lit(1)).as(WINDOWS))
                .select(lit(modelName).as(MetricsTable.MODEL_NAME), col(ACTUAL), col(PREDICTED), col(WINDOWS));
    }

    /** Replaces the model version's partition of the table at {@code path}. */
    public static String write(OutputTables tables, Dataset<Row> rows, String path, String modelVersion) {
        return tables.replace(rows, path, MetricsTable.MODEL_VERSION, modelVersion, 1).location();
    }
}
