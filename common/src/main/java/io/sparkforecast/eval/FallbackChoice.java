package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.input.SeriesColumns;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per series and horizon, what score publishes with score.fallback = best_baseline, decided on the
 * validation backtest (never on the test targets evaluate reports): the model where it beat the
 * series' best baseline at that horizon there with at least the required confidence, else that
 * baseline. A validation period is often a few targets per series, where a network that learnt
 * noise wins by chance about as often as one that learnt the series: the confidence asks for a
 * win its spread makes unlikely to be chance (a one-sided paired t-test on the squared-error
 * gains, one gain per target).
 */
final class FallbackChoice {
    private static final String BASELINE = "baseline";
    private static final String MODEL_SQUARE = "model_square";
    private static final String BASELINE_SQUARE = "baseline_square";
    private static final String BASELINE_RMSE = "baseline_rmse";
    private static final UserDefinedFunction WIN_CONFIDENCE = udf(
            (UDF3<Double, Double, Long, Double>) FallbackChoice::winConfidence, DataTypes.DoubleType);

    private FallbackChoice() {
    }

    /**
     * The fallback table's rows: one per series and horizon with validation forecasts of the model
     * and of the series' baseline (others keep the model and have no row).
     *
     * @param validationForecasts backtest forecasts of the validation targets, every method
     * @param baselines           series_id, horizon and the code of the series' best baseline at that
     *                            horizon in {@code baselineColumn}
     * @param confidence          the win confidence at which the model is published, at least 0.5 (any
     *                            win)
     */
    static Dataset<Row> choose(Dataset<Row> validationForecasts, Dataset<Row> baselines, String baselineColumn,
                               int season, double confidence) {
        Column error = col(MetricsTable.PREDICTION).minus(col(MetricsTable.ACTUAL));
        Column square = error.multiply(error);
        Dataset<Row> model = validationForecasts.filter(col(MetricsTable.METHOD).equalTo(ForecastMethod.MODEL.code()))
                .select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON), col(MetricsTable.TARGET_TS),
                        square.as(MODEL_SQUARE));
        Dataset<Row> baseline = validationForecasts
                .join(baselines, new String[] {SeriesColumns.SERIES_ID, MetricsTable.HORIZON})
                .filter(col(MetricsTable.METHOD).equalTo(col(baselineColumn)))
                .select(col(SeriesColumns.SERIES_ID), col(MetricsTable.METHOD).as(BASELINE), col(MetricsTable.HORIZON),
                        col(MetricsTable.TARGET_TS), square.as(BASELINE_SQUARE));
        // Per horizon, each target is forecast once: one gain per target.
        Column gain = col(BASELINE_SQUARE).minus(col(MODEL_SQUARE));
        Dataset<Row> perHorizon = model
                .join(baseline, new String[] {SeriesColumns.SERIES_ID, MetricsTable.HORIZON, MetricsTable.TARGET_TS})
                .groupBy(col(SeriesColumns.SERIES_ID), col(BASELINE), col(MetricsTable.HORIZON))
                .agg(sqrt(avg(MODEL_SQUARE)).as(FallbackTable.MODEL_RMSE),
                        sqrt(avg(BASELINE_SQUARE)).as(BASELINE_RMSE),
                        count(lit(1)).as(FallbackTable.VALIDATION_TARGETS),
                        WIN_CONFIDENCE.apply(avg(gain), stddev_samp(gain), count(lit(1))).as(FallbackTable.WIN_CONFIDENCE));
        // A confidence of at least 0.5 is a mean gain of at least 0: the model's RMSE no higher.
        Column keepsModel = col(FallbackTable.WIN_CONFIDENCE).geq(confidence);
        return perHorizon.select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON).as(FallbackTable.HORIZON),
                when(keepsModel, lit(FallbackTable.MODEL)).otherwise(col(BASELINE)).as(FallbackTable.METHOD),
                col(FallbackTable.MODEL_RMSE),
                when(keepsModel, col(FallbackTable.MODEL_RMSE)).otherwise(col(BASELINE_RMSE))
                        .as(FallbackTable.CHOSEN_RMSE),
                lit(season).as(FallbackTable.SEASON),
                col(FallbackTable.VALIDATION_TARGETS), col(FallbackTable.WIN_CONFIDENCE));
    }

    /**
     * How sure the gains (baseline's squared error minus the model's, per target) are that the
     * model's errors are lower: Student's t distribution function at the gains' t statistic. A
     * single target, or gains without spread, carry no spread to judge: 0.5 (one target) or 1
     * (identical gains) for a positive mean, 0.5 for none, 0 for a loss.
     */
    static Double winConfidence(Double meanGain, Double gainDeviation, Long targets) {
        if (meanGain == null || targets == null || targets == 0) {
            return null;
        }
        if (targets < 2 || gainDeviation == null || gainDeviation == 0) {
            return meanGain > 0 ? (targets < 2 ? 0.5 : 1.0) : meanGain == 0 ? 0.5 : 0.0;
        }
        return tDistribution(meanGain, gainDeviation, targets);
    }

    private static double tDistribution(double meanGain, double gainDeviation, long targets) {
        double t = meanGain / (gainDeviation / Math.sqrt(targets));
        // No random generator: only the distribution function is used.
        return new TDistribution(null, targets - 1, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
                .cumulativeProbability(t);
    }
}
