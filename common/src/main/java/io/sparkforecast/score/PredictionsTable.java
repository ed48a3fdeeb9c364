package io.sparkforecast.score;

import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.storage.OutputTables;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The predictions table: one row per series, origin and step (a classification model: one row
 * per series, for its latest window), partitioned by run_date. A run
 * replaces its date's partition as a whole (see OutputTables): other dates are untouched,
 * and a failed run leaves the previous contents of its date.
 */
public final class PredictionsTable {
    public static final String ORIGIN_TS = "origin_ts";
    public static final String STEP = "step";
    public static final String TARGET_TS = "target_ts";
    public static final String PREDICTION = "prediction";
    /** What made the prediction: model, or the baseline published instead (score.fallback). */
    public static final String METHOD = "method";
    /** Prediction interval bounds (score.intervals), null otherwise or beyond the evaluated horizons. */
    public static final String LOWER = "lower";
    public static final String UPPER = "upper";
    /** Classification models: the predicted class (also in prediction) and its probability; null otherwise. */
    public static final String PREDICTED_CLASS = "predicted_class";
    public static final String PROBABILITY = "probability";
    public static final String MODEL_NAME = "model_name";
    public static final String MODEL_VERSION = "model_version";
    public static final String RUN_DATE = "run_date";
    /** The columns score's forecasts carry before the model's name and version and the run date are added. */
    public static final StructType FORECAST_SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(ORIGIN_TS, DataTypes.TimestampNTZType, false)
            .add(STEP, DataTypes.IntegerType, false)
            .add(TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(PREDICTION, DataTypes.DoubleType, false)
            .add(METHOD, DataTypes.StringType, false)
            .add(LOWER, DataTypes.DoubleType, true)
            .add(UPPER, DataTypes.DoubleType, true)
            .add(PREDICTED_CLASS, DataTypes.IntegerType, true)
            .add(PROBABILITY, DataTypes.DoubleType, true);
    /** The columns of the table's files: all but the partition column run_date. */
    public static final StructType FILE_SCHEMA = FORECAST_SCHEMA
            .add(MODEL_NAME, DataTypes.StringType, false)
            .add(MODEL_VERSION, DataTypes.StringType, false);
    public static final StructType SCHEMA = FILE_SCHEMA.add(RUN_DATE, DataTypes.DateType, false);

    private static final long ROWS_PER_FILE = 2_000_000;

    private PredictionsTable() {
    }

    /** The columns of the table's files: all but the partition column run_date. */
    public static Column[] fileColumns() {
        return Arrays.stream(FILE_SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
    }

    /**
     * Files per run_date partition: about two million rows each. Up to that, one file, so that
     * the Publisher replaces the partition by one atomic rename and a reader never finds it
     * absent; worth the single writing task (writing from the forecasting tasks instead, one
     * file each, saved ~1.5 s of 33 on 100,000 series).
     */
    public static int filesFor(long rows) {
        return (int) Math.max(1, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    }

    /**
     * Replaces the model's rows of the partition of {@code runDate} with {@code predictions} (file
     * columns): in a table several models write to (a shared Iceberg catalog), the other models'
     * rows of that date stay.
     */
    public static OutputTables.Replaced write(OutputTables tables, Dataset<Row> predictions, long rows, String path,
                                             LocalDate runDate, String modelName) {
        return tables.replace(predictions.select(fileColumns()), path, RUN_DATE, runDate.toString(),
                DataTypes.DateType, filesFor(rows), MODEL_NAME, modelName);
    }
}
