package io.sparkforecast.model;

import io.sparkforecast.data.SeriesColumns;
import io.sparkforecast.storage.PartitionWriter;
import io.sparkforecast.storage.Storage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What score publishes for each series with score.fallback = best_baseline: the model, or the
 * series' best baseline (lowest one-step error before the test part) where the model did not
 * beat it convincingly on the validation period (never decided on the test targets evaluate
 * reports). evaluate writes it per model version from its validation backtest; score reads it.
 * One row per series: series_id, method (model or a baseline's code), the validation RMSE of the
 * model and of the chosen method over the backtest horizons, the baselines' season, the
 * validation targets and the model's win confidence on them.
 */
public final class FallbackTable {
    public static final String MODEL = "model";
    public static final String METHOD = "method";
    public static final String MODEL_RMSE = "validation_rmse_model";
    public static final String CHOSEN_RMSE = "validation_rmse_chosen";
    public static final String SEASON = "season";
    /** Validation targets the choice is based on (null in partitions written before it was recorded). */
    public static final String VALIDATION_TARGETS = "validation_targets";
    /** How sure the validation targets are that the model beats the baseline (0..1; null as above). */
    public static final String WIN_CONFIDENCE = "model_win_confidence";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(METHOD, DataTypes.StringType, false)
            .add(MODEL_RMSE, DataTypes.DoubleType, false)
            .add(CHOSEN_RMSE, DataTypes.DoubleType, false)
            .add(SEASON, DataTypes.IntegerType, false)
            .add(VALIDATION_TARGETS, DataTypes.LongType, true)
            .add(WIN_CONFIDENCE, DataTypes.DoubleType, true);

    private FallbackTable() {
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
