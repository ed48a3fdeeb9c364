package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

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
 * The metrics table: error metrics in original units per method (model or baseline), per
 * series and overall (series_id null), partitioned by model_version. MAPE is in percent and
 * skips targets equal to zero.
 */
public final class MetricsTable {
    public static final String MODEL_NAME = "model_name";
    public static final String MODEL_VERSION = "model_version";
    public static final String SPLIT = "split";
    public static final String HORIZON = "horizon";
    public static final String METHOD = "method";
    public static final String TARGETS = "targets";
    public static final String RMSE = "rmse";
    public static final String MAE = "mae";
    public static final String MAPE = "mape";
    public static final String FIRST_TARGET_TS = "first_target_ts";
    public static final String LAST_TARGET_TS = "last_target_ts";

    /** Input of {@link #aggregate}: one forecast of one target. */
    public static final String TARGET_TS = "target_ts";
    public static final String ACTUAL = "actual";
    public static final String PREDICTION = "prediction";

    public static final StructType SCHEMA = new StructType()
            .add(MODEL_NAME, DataTypes.StringType, false)
            .add(SPLIT, DataTypes.StringType, false)
            .add(HORIZON, DataTypes.IntegerType, false)
            .add(METHOD, DataTypes.StringType, false)
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, true)
            .add(TARGETS, DataTypes.LongType, false)
            .add(RMSE, DataTypes.DoubleType, false)
            .add(MAE, DataTypes.DoubleType, false)
            .add(MAPE, DataTypes.DoubleType, true)
            .add(FIRST_TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(LAST_TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(MODEL_VERSION, DataTypes.StringType, false);

    private MetricsTable() {
    }

    /**
     * @param forecasts series_id, method, target_ts, actual, prediction
     * @return metric rows per (series, method) and per method overall, without the model columns
     */
    public static Dataset<Row> aggregate(Dataset<Row> forecasts) {
        Dataset<Row> errors = forecasts.withColumn("error", col(PREDICTION).minus(col(ACTUAL)));
        Dataset<Row> perSeries = metricsBy(errors, col(SeriesColumns.SERIES_ID), col(METHOD));
        Dataset<Row> overall = metricsBy(errors, col(METHOD))
                .withColumn(SeriesColumns.SERIES_ID, lit(null).cast(DataTypes.StringType));
        return perSeries.unionByName(overall);
    }

    /** Adds the model and split columns and orders columns as in {@link #SCHEMA}. */
    public static Dataset<Row> complete(Dataset<Row> metrics, String modelName, String modelVersion, String split,
                                        int horizon) {
        return metrics
                .withColumn(MODEL_NAME, lit(modelName))
                .withColumn(MODEL_VERSION, lit(modelVersion))
                .withColumn(SPLIT, lit(split))
                .withColumn(HORIZON, lit(horizon))
                .select(Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new));
    }

    /** Replaces the partitions of the model versions present in {@code metrics}. */
    public static void write(Dataset<Row> metrics, String path) {
        metrics.write()
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy(MODEL_VERSION)
                .parquet(path);
    }

    private static Dataset<Row> metricsBy(Dataset<Row> errors, Column... keys) {
        Column error = col("error");
        Column actual = col(ACTUAL);
        return errors.groupBy(keys).agg(
                count(lit(1)).as(TARGETS),
                sqrt(avg(error.multiply(error))).as(RMSE),
                avg(abs(error)).as(MAE),
                avg(when(actual.notEqual(0), abs(error).divide(abs(actual)))).multiply(100).as(MAPE),
                min(col(TARGET_TS)).as(FIRST_TARGET_TS),
                max(col(TARGET_TS)).as(LAST_TARGET_TS));
    }
}
