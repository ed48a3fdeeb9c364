package io.sparkforecast.inference;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.PublicationSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Prediction intervals from backtest residuals (evaluate writes them, score reads them): per
 * horizon, the lower and upper quantiles of the published forecasts' errors in units of each
 * forecast's local scale (the mean absolute step-to-step change over its origin's window), so
 * one table serves series of any size and follows a series whose level and swings grow. The
 * interval of a forecast is prediction + quantile * its local scale. Coverage is
 * measured honestly: quantiles fitted on the earlier half of the backtest targets are checked
 * on the later half; the stored quantiles are then fitted on all of them.
 */
public final class IntervalsTable {
    public static final String HORIZON = "horizon";
    public static final String LEVEL = "level";
    public static final String LOWER = "lower";
    public static final String UPPER = "upper";
    public static final String SEASON = "season";
    public static final String FITTED_TARGETS = "fitted_targets";
    public static final String CHECKED_TARGETS = "checked_targets";
    public static final String COVERAGE = "coverage";
    /** Input of {@link #fit}: the local scale of a forecast's origin window (see {@link #localScale}). */
    public static final String SCALE = "interval_scale";
    public static final StructType SCHEMA = new StructType()
            .add(HORIZON, DataTypes.IntegerType, false)
            .add(LEVEL, DataTypes.DoubleType, false)
            .add(SEASON, DataTypes.IntegerType, false)
            .add(LOWER, DataTypes.DoubleType, false)
            .add(UPPER, DataTypes.DoubleType, false)
            .add(FITTED_TARGETS, DataTypes.LongType, false)
            .add(CHECKED_TARGETS, DataTypes.LongType, true)
            .add(COVERAGE, DataTypes.DoubleType, true);

    private IntervalsTable() {
    }

    /**
     * Per horizon: quantile bounds (scaled errors) and held-out coverage.
     *
     * @param forecasts backtest forecasts: target_ts, horizon, actual, prediction, interval_scale
     * @param season    the data's season (recorded with the bounds)
     */
    public static Dataset<Row> fit(Dataset<Row> forecasts, double level, int season) {
        Column scaledError = col("prediction").minus(col("actual")).divide(col(SCALE))
                .multiply(-1);
        Dataset<Row> errors = forecasts.filter(col(SCALE).gt(0))
                .withColumn("scaled_error", scaledError)
                .withColumn("epoch_s", col("target_ts").cast(DataTypes.TimestampType).cast(DataTypes.LongType));
        Row range = errors.agg(min("epoch_s"), max("epoch_s")).first();
        if (range.isNullAt(0)) {
            return errors.sparkSession().createDataFrame(List.of(), SCHEMA);
        }
        long middle = range.getLong(0) + (range.getLong(1) - range.getLong(0)) / 2;
        Dataset<Row> earlier = quantiles(errors.filter(col("epoch_s").leq(middle)), level);
        Dataset<Row> coverage = errors.filter(col("epoch_s").gt(middle)).join(earlier, HORIZON)
                .groupBy(HORIZON)
                .agg(avg(when(col("scaled_error").between(col(LOWER), col(UPPER)), 1.0).otherwise(0.0)).as(COVERAGE),
                        count(lit(1)).as(CHECKED_TARGETS));
        return quantiles(errors, level).join(coverage, HORIZON, "left")
                .select(col(HORIZON), lit(level).as(LEVEL), lit(season).as(SEASON), col(LOWER),
                        col(UPPER), col(FITTED_TARGETS), col(CHECKED_TARGETS), col(COVERAGE));
    }

    /**
     * A forecast's local scale: the mean absolute change between consecutive values of the last
     * {@code steps} values of its history; null when they do not change.
     */
    public static Double localScale(double[] history, int steps) {
        int from = Math.max(1, history.length - steps + 1);
        double sum = 0;
        for (int t = from; t < history.length; t++) {
            sum += Math.abs(history[t] - history[t - 1]);
        }
        return sum > 0 ? sum / (history.length - from) : null;
    }

    /** Coverage over all held-out targets; null when none could be checked. */
    public static Double overallCoverage(List<Row> intervals) {
        double sum = 0;
        long weight = 0;
        for (Row row : intervals) {
            if (!row.isNullAt(row.fieldIndex(COVERAGE))) {
                long targets = row.getLong(row.fieldIndex(CHECKED_TARGETS));
                sum += row.getDouble(row.fieldIndex(COVERAGE)) * targets;
                weight += targets;
            }
        }
        return weight == 0 ? null : sum / weight;
    }

    /** Stages the bounds for {@code modelVersion} to replace that version's partition. */
    public static void write(PublicationSet set, Dataset<Row> intervals, String path, String modelVersion) {
        set.replacePartition(intervals, path, "model_version", modelVersion);
    }

    /** A model version's interval bounds per horizon, in units of each forecast's local scale. */
    public record Bounds(int season, Map<Integer, double[]> byHorizon) implements java.io.Serializable {
        /** {lower, upper} offsets for a step, or null beyond the evaluated horizons. */
        public double[] at(int horizon) {
            return byHorizon.get(horizon);
        }

        /**
         * {lower, upper} of a forecast: the prediction plus the step's offsets times its local
         * scale; null beyond the evaluated horizons or without a scale.
         */
        public double[] interval(int horizon, double prediction, Double scale) {
            double[] offsets = at(horizon);
            return offsets == null || scale == null ? null
                    : new double[] {prediction + offsets[0] * scale, prediction + offsets[1] * scale};
        }
    }

    /** Bounds from rows of this table's schema (as fit returns them); null when there are none. */
    public static Bounds bounds(List<Row> rows) {
        Map<Integer, double[]> bounds = new HashMap<>();
        int season = 0;
        for (Row row : rows) {
            bounds.put(row.getInt(row.fieldIndex(HORIZON)),
                    new double[] {row.getDouble(row.fieldIndex(LOWER)), row.getDouble(row.fieldIndex(UPPER))});
            season = row.getInt(row.fieldIndex(SEASON));
        }
        return bounds.isEmpty() ? null : new Bounds(season, bounds);
    }

    /** The bounds of a model version, or null when evaluate stored none for it. */
    public static Bounds read(OutputTables tables, String path, String modelVersion) {
        Dataset<Row> rows = tables.partition(path, "model_version", modelVersion, SCHEMA);
        return rows == null ? null : bounds(rows.collectAsList());
    }

    private static Dataset<Row> quantiles(Dataset<Row> errors, double level) {
        double tail = (1 - level) / 2;
        return errors.groupBy(HORIZON).agg(
                expr("percentile_approx(scaled_error, " + tail + ", 10000)").as(LOWER),
                expr("percentile_approx(scaled_error, " + (1 - tail) + ", 10000)").as(UPPER),
                count(lit(1)).as(FITTED_TARGETS));
    }
}
