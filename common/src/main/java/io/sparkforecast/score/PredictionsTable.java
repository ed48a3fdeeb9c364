package io.sparkforecast.score;

import io.sparkforecast.data.SeriesColumns;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The predictions table: one row per series, origin and step, partitioned by run_date and
 * written with dynamic partition overwrite, so rerunning a date replaces that date only.
 */
public final class PredictionsTable {
    public static final String ORIGIN_TS = "origin_ts";
    public static final String STEP = "step";
    public static final String TARGET_TS = "target_ts";
    public static final String PREDICTION = "prediction";
    public static final String MODEL_NAME = "model_name";
    public static final String MODEL_VERSION = "model_version";
    public static final String RUN_DATE = "run_date";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(ORIGIN_TS, DataTypes.TimestampNTZType, false)
            .add(STEP, DataTypes.IntegerType, false)
            .add(TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(PREDICTION, DataTypes.DoubleType, false)
            .add(MODEL_NAME, DataTypes.StringType, false)
            .add(MODEL_VERSION, DataTypes.StringType, false)
            .add(RUN_DATE, DataTypes.DateType, false);

    private static final long ROWS_PER_FILE = 2_000_000;

    private PredictionsTable() {
    }

    /** The table's columns in schema order. */
    public static Column[] columns() {
        return Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
    }

    /** Files per run_date partition: about two million rows each. */
    public static int filesFor(long rows) {
        return (int) Math.max(1, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    }

    public static void write(Dataset<Row> predictions, String path) {
        predictions.write()
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy(RUN_DATE)
                .parquet(path);
    }
}
