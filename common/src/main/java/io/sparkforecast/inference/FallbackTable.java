package io.sparkforecast.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.PublicationSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What score publishes for each series and forecast step with score.fallback = best_baseline: a
 * {@link ForecastMethod}'s code, chosen on the validation period (never on the test targets
 * evaluate reports; see evaluate's FallbackChoice). Its candidates are the model, the series'
 * best baseline at that horizon (lowest error that many steps ahead before the test part) and,
 * where evaluate ran ETS, ETS and the combination of the three. A network often leads a naive
 * rule a step or two ahead and falls behind further out, so each backtest horizon is decided on
 * its own; steps beyond the backtest horizons follow the last one. evaluate writes it per model
 * version from its validation backtest; score reads it.
 * One row per series and horizon: series_id, horizon, method, the validation RMSE of the model and
 * of the chosen method, the baselines' season, the validation targets, the model's win confidence
 * over the baseline on them, the baseline's code and the series' ETS form (chosen on the rows
 * before the test part; score fits it again on the series up to the run date).
 */
public final class FallbackTable {
    public static final String MODEL = ForecastMethod.MODEL.code();
    public static final String HORIZON = "horizon";
    public static final String METHOD = "method";
    public static final String MODEL_RMSE = "validation_rmse_model";
    public static final String CHOSEN_RMSE = "validation_rmse_chosen";
    public static final String SEASON = "season";
    /** Validation targets the choice is based on. */
    public static final String VALIDATION_TARGETS = "validation_targets";
    /** How sure the validation targets are that the model beats the baseline, 0..1. */
    public static final String WIN_CONFIDENCE = "model_win_confidence";
    /** The series' best baseline at the horizon (a combined forecast's third part). */
    public static final String BASELINE = "baseline";
    /** The series' ETS form, such as ETS(M,Ad,M); null without ETS. */
    public static final String ETS_FORM = "ets_form";
    /** {@link #byHorizon}: the methods of horizons 1, 2, ... */
    public static final String METHODS = "methods";
    /** {@link #byHorizon}: the baselines of horizons 1, 2, ... */
    public static final String BASELINES = "baselines";
    // Partitions written before choices were made per horizon have one row per series, no
    // horizon (it then holds for every step), no targets and no confidence: nullable. Those
    // written before ETS have no baseline (it was the method or unused) and no form.
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(HORIZON, DataTypes.IntegerType, true)
            .add(METHOD, DataTypes.StringType, false)
            .add(MODEL_RMSE, DataTypes.DoubleType, false)
            .add(CHOSEN_RMSE, DataTypes.DoubleType, false)
            .add(SEASON, DataTypes.IntegerType, false)
            .add(VALIDATION_TARGETS, DataTypes.LongType, true)
            .add(WIN_CONFIDENCE, DataTypes.DoubleType, true)
            .add(BASELINE, DataTypes.StringType, true)
            .add(ETS_FORM, DataTypes.StringType, true);

    private FallbackTable() {
    }

    /** Stages the choices for {@code modelVersion} to replace that version's partition. */
    public static void write(PublicationSet set, Dataset<Row> choices, String path, String modelVersion) {
        set.replacePartition(choices, path, "model_version", modelVersion);
    }

    /**
     * Where evaluate stages the outputs it publishes together (these choices among them), and
     * where score completes an interrupted publication before reading them.
     */
    public static String evaluationSets(String work, String modelName) {
        return work + "/evaluations/" + modelName;
    }

    /** The choices of a model version, or null when evaluate stored none for it. */
    public static Dataset<Row> read(OutputTables tables, String path, String modelVersion) {
        return tables.partition(path, "model_version", modelVersion, SCHEMA);
    }

    /**
     * One row per series: series_id, {@link #METHODS} and {@link #BASELINES} (by horizon, from 1),
     * season and ETS form.
     */
    public static Dataset<Row> byHorizon(Dataset<Row> choices) {
        Column byHorizon = sort_array(collect_list(struct(col(HORIZON), col(METHOD), col(BASELINE))));
        return choices.groupBy(col(SeriesColumns.SERIES_ID))
                .agg(transform(byHorizon, choice -> choice.getField(METHOD)).as(METHODS),
                        transform(byHorizon, choice -> choice.getField(BASELINE)).as(BASELINES),
                        first(col(SEASON)).as(SEASON), first(col(ETS_FORM), true).as(ETS_FORM));
    }

    /** The method (or baseline) of a forecast step: its horizon's, or the last horizon's beyond them. */
    public static String methodAt(List<String> methods, int step) {
        return methods.get(Math.min(step, methods.size()) - 1);
    }
}
