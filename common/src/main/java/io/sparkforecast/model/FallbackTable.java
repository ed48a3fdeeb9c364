package io.sparkforecast.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.data.SeriesColumns;
import io.sparkforecast.storage.PartitionWriter;
import io.sparkforecast.storage.Storage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What score publishes for each series with score.fallback = best_baseline: the model, or the
 * baseline that beat it on the validation period (never decided on the test targets evaluate
 * reports). evaluate writes it per model version from its validation backtest; score reads it.
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
     * Per series, the method with the lowest validation RMSE; the model keeps ties and series with
     * no validation forecasts keep the model (they have no row).
     *
     * @param validationRmse one row per series and method (model and the baselines): series_id, method, rmse
     */
    public static Dataset<Row> choose(Dataset<Row> validationRmse, int season) {
        Column rmse = col("rmse");
        Column isModel = col(METHOD).equalTo(MODEL);
        Dataset<Row> withModel = validationRmse.withColumn(MODEL_RMSE,
                first(when(isModel, rmse), true).over(Window.partitionBy(SeriesColumns.SERIES_ID)));
        return withModel.filter(col(MODEL_RMSE).isNotNull())
                .withColumn("rank", row_number().over(Window.partitionBy(SeriesColumns.SERIES_ID)
                        .orderBy(rmse.asc(), when(isModel, 0).otherwise(1).asc(), col(METHOD).asc())))
                .filter(col("rank").equalTo(1))
                .select(col(SeriesColumns.SERIES_ID), col(METHOD), col(MODEL_RMSE), rmse.as(CHOSEN_RMSE),
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
