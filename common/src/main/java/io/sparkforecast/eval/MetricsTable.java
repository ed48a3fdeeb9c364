package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.grouping;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.series.MaseScale;
import io.sparkforecast.storage.PublicationSet;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The metrics table: error metrics in original units per split (test: what evaluate reports;
 * validation: what score's fallback was chosen on), per method (model, baseline or published),
 * per series (series_id null = all series) and per horizon (null = all horizons), partitioned by
 * model_version; an evaluation replaces its version's partition as a whole. MAPE and sMAPE are
 * in percent (MAPE skips targets equal to zero); MASE divides by the series' mean absolute
 * seasonal difference on its train part.
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
    public static final String SMAPE = "smape";
    public static final String MASE = "mase";
    public static final String FIRST_TARGET_TS = "first_target_ts";
    public static final String LAST_TARGET_TS = "last_target_ts";

    /** Input of {@link #aggregate}: one forecast of one target. */
    public static final String TARGET_TS = "target_ts";
    public static final String ACTUAL = "actual";
    public static final String PREDICTION = "prediction";
    /** The series' MASE denominator (see MaseScale). */
    public static final String SCALE = MaseScale.SCALE;

    public static final StructType SCHEMA = new StructType()
            .add(MODEL_NAME, DataTypes.StringType, false)
            .add(SPLIT, DataTypes.StringType, false)
            .add(METHOD, DataTypes.StringType, false)
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, true)
            .add(HORIZON, DataTypes.IntegerType, true)
            .add(TARGETS, DataTypes.LongType, false)
            .add(RMSE, DataTypes.DoubleType, false)
            .add(MAE, DataTypes.DoubleType, false)
            .add(MAPE, DataTypes.DoubleType, true)
            .add(SMAPE, DataTypes.DoubleType, true)
            .add(MASE, DataTypes.DoubleType, true)
            .add(FIRST_TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(LAST_TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(MODEL_VERSION, DataTypes.StringType, false);

    /** Errors above this may overflow a sum of squares (Double.MAX_VALUE is about 1.8e308). */
    private static final double OVERFLOW_GUARD = 1e150;
    private static final String SERIES_ERROR_SCALE = "series_error_scale";

    private MetricsTable() {
    }

    /**
     * @param forecasts split, series_id, method, horizon, target_ts, actual, prediction, scale
     * @return metric rows per split and method for every combination of (series or all) and (horizon or all)
     */
    public static Dataset<Row> aggregate(Dataset<Row> forecasts) {
        Column rawError = col(PREDICTION).minus(col(ACTUAL));
        double scale = errorScale(forecasts, rawError);
        Column absRawError = abs(rawError);
        Column actual = col(ACTUAL);
        Column magnitude = abs(actual).plus(abs(col(PREDICTION)));
        Column rmse = sqrt(avg(rawError.multiply(rawError)));
        Column mae = avg(absRawError);
        if (scale != 1) {
            // Errors big enough for their squares or sums to overflow: accumulate them in units of a
            // power of two, the series' own for per-series rows (exact), the table's for the rest.
            forecasts = forecasts.withColumn(SERIES_ERROR_SCALE, powerOfTwoAtOrAbove(
                    max(absRawError).over(Window.partitionBy(col(SeriesColumns.SERIES_ID)))));
            Column inSeriesUnits = rawError.divide(col(SERIES_ERROR_SCALE));
            Column inTableUnits = rawError.divide(lit(scale));
            Column perSeries = grouping(col(SeriesColumns.SERIES_ID)).equalTo(0);
            rmse = when(perSeries, sqrt(avg(inSeriesUnits.multiply(inSeriesUnits))).multiply(max(col(SERIES_ERROR_SCALE))))
                    .otherwise(sqrt(avg(inTableUnits.multiply(inTableUnits))).multiply(scale));
            mae = when(perSeries, avg(abs(inSeriesUnits)).multiply(max(col(SERIES_ERROR_SCALE))))
                    .otherwise(avg(abs(inTableUnits)).multiply(scale));
        }
        return forecasts.cube(col(SPLIT), col(METHOD), col(SeriesColumns.SERIES_ID), col(HORIZON))
                .agg(count(lit(1)).as(TARGETS),
                        rmse.as(RMSE),
                        mae.as(MAE),
                        avg(when(actual.notEqual(0), absRawError.divide(abs(actual)))).multiply(100).as(MAPE),
                        avg(when(magnitude.gt(0), absRawError.divide(magnitude))).multiply(200).as(SMAPE),
                        avg(when(col(SCALE).gt(0), absRawError.divide(col(SCALE)))).as(MASE),
                        min(col(TARGET_TS)).as(FIRST_TARGET_TS),
                        max(col(TARGET_TS)).as(LAST_TARGET_TS),
                        grouping(col(SPLIT)).plus(grouping(col(METHOD))).as("rolled_up"))
                .filter(col("rolled_up").equalTo(0))
                .drop("rolled_up");
    }

    private static Column powerOfTwoAtOrAbove(Column value) {
        return when(value.gt(0), pow(lit(2.0), ceil(log2(value)))).otherwise(lit(1.0));
    }

    /**
     * 1 for ordinary data; where the largest absolute error is big enough for sums of squares
     * to overflow, the power of two at or above it (exact to divide by).
     */
    private static double errorScale(Dataset<Row> forecasts, Column error) {
        Row largest = forecasts.agg(max(abs(error))).first();
        if (largest.isNullAt(0)) {
            return 1;
        }
        double maxError = largest.getDouble(0);
        if (!Double.isFinite(maxError) || maxError < OVERFLOW_GUARD) {
            return 1;
        }
        return Math.scalb(1.0, Math.getExponent(maxError) + 1);
    }

    /** Adds the model columns and orders columns as in {@link #SCHEMA}. */
    public static Dataset<Row> complete(Dataset<Row> metrics, String modelName, String modelVersion) {
        return metrics
                .withColumn(MODEL_NAME, lit(modelName))
                .withColumn(MODEL_VERSION, lit(modelVersion))
                .select(Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new));
    }

    /** Stages {@code metrics} (rows of {@code modelVersion}) to replace that version's partition. */
    public static void write(PublicationSet set, Dataset<Row> metrics, String path, String modelVersion) {
        set.replacePartition(metrics.drop(MODEL_VERSION), path, MODEL_VERSION, modelVersion);
    }
}
