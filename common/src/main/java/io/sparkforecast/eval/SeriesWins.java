package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.report.ReportTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The baseline guard of a backtest: on how many series the model's test RMSE (over all horizons)
 * is below the best baseline's of that series, what score publishes one step ahead (chosen on
 * validation) and on how many series something else than the model at some horizon, and whether
 * the model loses to a baseline overall.
 *
 * @param fallbacks           series for which score publishes something else than the model at some
 *                            horizon
 * @param firstStep           series by the method score publishes one step ahead
 * @param overallModelRmse    the model's test RMSE over all series and horizons
 * @param bestBaseline        the baseline with the lowest overall test RMSE, and its RMSE
 */
public record SeriesWins(long series, long modelWins, long fallbacks, Map<String, Long> firstStep,
                         double overallModelRmse, ForecastMethod bestBaseline, double bestBaselineRmse) {
    private static final String MODEL = "model";
    private static final String BASELINE = "baseline";
    private static final String BASELINE_RMSE = "baseline_rmse";

    /**
     * @param testMetrics the metrics table's test rows of one model version
     * @param overall     its rows of all series
     * @param fallbacks   series for which score publishes something else than the model
     * @param firstStep   series by the method score publishes one step ahead
     */
    public static SeriesWins of(Dataset<Row> testMetrics, List<Row> overall, long fallbacks,
                                Map<String, Long> firstStep) {
        Row totals = perSeries(testMetrics)
                .agg(count(lit(1)), sum(when(col(MODEL).lt(col(BASELINE_RMSE)), 1).otherwise(0)))
                .first();
        Row model = MetricsReport.find(overall, ForecastMethod.MODEL, null);
        ForecastMethod best = null;
        double bestRmse = Double.NaN;
        for (ForecastMethod candidate : ForecastMethod.BASELINES) {
            Row row = MetricsReport.find(overall, candidate, null);
            if (row != null && (best == null || row.getDouble(row.fieldIndex(MetricsTable.RMSE)) < bestRmse)) {
                best = candidate;
                bestRmse = row.getDouble(row.fieldIndex(MetricsTable.RMSE));
            }
        }
        return new SeriesWins(totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1), fallbacks, firstStep,
                model == null ? Double.NaN : model.getDouble(model.fieldIndex(MetricsTable.RMSE)), best, bestRmse);
    }

    /**
     * The series the model does worst on against their own best baseline (test RMSE over all
     * horizons, highest ratio first): series, model RMSE, best baseline, its RMSE, ratio.
     */
    public static ReportTable worst(Dataset<Row> testMetrics, int count) {
        List<Row> rows = perSeries(testMetrics)
                .filter(col(MODEL).isNotNull().and(col(BASELINE_RMSE).gt(0)))
                .withColumn("ratio", col(MODEL).divide(col(BASELINE_RMSE)))
                .orderBy(col("ratio").desc(), col(SeriesColumns.SERIES_ID))
                .limit(count).collectAsList();
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(List.of(row.getString(0), MetricsReport.decimal(row.getDouble(1), 4), row.getString(2),
                    MetricsReport.decimal(row.getDouble(3), 4), String.format(Locale.ROOT, "%.3f", row.getDouble(4))));
        }
        return new ReportTable(List.of("series", "model rmse", "best baseline", "its rmse", "ratio"), cells);
    }

    /**
     * Per series, the model's test RMSE over all horizons and its best baseline with that one's:
     * series_id, model, baseline, baseline_rmse.
     */
    private static Dataset<Row> perSeries(Dataset<Row> testMetrics) {
        Column method = col(MetricsTable.METHOD);
        Column rmse = col(MetricsTable.RMSE);
        Column baseline = method.isin(ForecastMethod.BASELINES.stream().map(ForecastMethod::code).toArray());
        return testMetrics.filter(col(SeriesColumns.SERIES_ID).isNotNull().and(col(MetricsTable.HORIZON).isNull()))
                .groupBy(SeriesColumns.SERIES_ID)
                .agg(max(when(method.equalTo(ForecastMethod.MODEL.code()), rmse)).as(MODEL),
                        min_by(when(baseline, method), when(baseline, rmse)).as(BASELINE),
                        min(when(baseline, rmse)).as(BASELINE_RMSE));
    }

    /** True when a baseline's overall test RMSE is below the model's. */
    public boolean modelLoses() {
        return bestBaseline != null && overallModelRmse > bestBaselineRmse;
    }

    /** Lines for the report: the wins, the fallbacks, and a warning when the model loses overall. */
    public String describe() {
        String published = firstStep.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " for " + e.getValue()).collect(Collectors.joining(", "));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "the model beats the best baseline on %d of %d series (test RMSE over all horizons); score.fallback = "
                        + "best_baseline publishes one step ahead %s series, and something else than the model for %d "
                        + "series at some or all horizons (chosen on the validation period)%n",
                modelWins, series, published.isEmpty() ? "the model for all" : published, fallbacks));
        if (modelLoses()) {
            out.append(String.format(Locale.ROOT, "WARNING: the model loses to %s overall (test RMSE %.4g against "
                            + "%.4g): its forecasts are worse than a naive rule on this data%n", bestBaseline.code(),
                    overallModelRmse, bestBaselineRmse));
        }
        return out.toString();
    }
}
