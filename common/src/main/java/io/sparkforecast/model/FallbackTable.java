package io.sparkforecast.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.data.SeriesColumns;
import io.sparkforecast.storage.PartitionWriter;
import io.sparkforecast.storage.Storage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What score publishes for each series with score.fallback = best_baseline: the model, or the
 * series' best baseline (lowest one-step error before the test part) where that baseline beat
 * the model on the validation period (never decided on the test targets evaluate reports). evaluate writes it per model version from its validation backtest; score reads it.
 * One row per series: series_id, method (model or a baseline's code), the validation RMSE of the
 * model and of the chosen method over the backtest horizons, and the baselines' season.
 */
public final class FallbackTable {
    public static final String MODEL = "model";
    public static final String METHOD = "method";
    public static final String MODEL_RMSE = "validation_rmse_model";
    public static final String CHOSEN_RMSE = "validation_rmse_chosen";
    public static final String SEASON = "season";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(METHOD, DataTypes.StringType, false)
            .add(MODEL_RMSE, DataTypes.DoubleType, false)
            .add(CHOSEN_RMSE, DataTypes.DoubleType, false)
            .add(SEASON, DataTypes.IntegerType, false);

    private FallbackTable() {
    }

    /**
     * Per series: its baseline (the naive forecast with the lowest error before its test part),
     * published instead of the model when that baseline's validation RMSE is lower than the
     * model's; otherwise the model (ties too). Series without validation forecasts of both, or
     * without a baseline, keep the model and have no row.
     *
     * @param validationRmse one row per series and method (model and the baselines): series_id, method, rmse
     * @param baselines      series_id and the code of its baseline in column {@code baselineColumn}
     */
    public static Dataset<Row> choose(Dataset<Row> validationRmse, Dataset<Row> baselines, String baselineColumn,
                                      int season) {
        Column rmse = col("rmse");
        Dataset<Row> model = validationRmse.filter(col(METHOD).equalTo(MODEL))
                .select(col(SeriesColumns.SERIES_ID), rmse.as(MODEL_RMSE));
        Dataset<Row> baseline = validationRmse.join(baselines, SeriesColumns.SERIES_ID)
                .filter(col(METHOD).equalTo(col(baselineColumn)))
                .select(col(SeriesColumns.SERIES_ID), col(METHOD).as("baseline"), rmse.as("baseline_rmse"));
        Column fallsBack = col("baseline_rmse").lt(col(MODEL_RMSE));
        return model.join(baseline, SeriesColumns.SERIES_ID)
                .select(col(SeriesColumns.SERIES_ID), when(fallsBack, col("baseline")).otherwise(lit(MODEL)).as(METHOD),
                        col(MODEL_RMSE), when(fallsBack, col("baseline_rmse")).otherwise(col(MODEL_RMSE)).as(CHOSEN_RMSE),
                        lit(season).as(SEASON));
    }

    public static String write(Storage storage, Dataset<Row> choices, String path, String modelVersion) {
        return new PartitionWriter(storage).replace(choices, path, "model_version", modelVersion, 1);
    }

    /** The choices of a model version, or null when evaluate stored none for it. */
    public static Dataset<Row> read(SparkSession spark, Storage storage, String path, String modelVersion) {
        String partition = path + "/model_version=" + modelVersion;
        return storage.exists(partition) ? spark.read().schema(SCHEMA).parquet(partition) : null;
    }
}
