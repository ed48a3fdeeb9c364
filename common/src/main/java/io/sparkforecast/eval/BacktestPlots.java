package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.inference.IntervalsTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.report.SeriesForecast;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The backtest forecasts evaluate's report plots: the model's, one step ahead, for a few series. */
final class BacktestPlots {
    /** Series plotted when report.plot_series names none: the first ids in sort order. */
    static final int DEFAULT_SERIES = 3;
    private static final int PLOTTED_HORIZON = 1;

    private BacktestPlots() {
    }

    /** The requested series, or when none are, the first few of the backtest in sort order. */
    static List<String> choose(Dataset<Row> modelForecasts, List<String> requested) {
        if (!requested.isEmpty()) {
            return requested;
        }
        return modelForecasts.select(SeriesColumns.SERIES_ID).distinct().orderBy(SeriesColumns.SERIES_ID)
                .limit(DEFAULT_SERIES).collectAsList().stream().map(row -> row.getString(0)).toList();
    }

    /**
     * Each series' forecasts in target order, in the order of {@code seriesIds}; series without
     * any are left out.
     *
     * @param bounds the model version's interval bounds, or null for none
     */
    static List<SeriesForecast> collect(Dataset<Row> modelForecasts, List<String> seriesIds,
                                        IntervalsTable.Bounds bounds) {
        List<Row> rows = modelForecasts
                .filter(col(MetricsTable.HORIZON).equalTo(PLOTTED_HORIZON)
                        .and(col(SeriesColumns.SERIES_ID).isin(seriesIds.toArray())))
                .select(SeriesColumns.SERIES_ID, MetricsTable.TARGET_TS, MetricsTable.ACTUAL, MetricsTable.PREDICTION,
                        IntervalsTable.SCALE)
                .orderBy(SeriesColumns.SERIES_ID, MetricsTable.TARGET_TS)
                .collectAsList();
        Map<String, List<Row>> bySeries = new LinkedHashMap<>();
        seriesIds.forEach(id -> bySeries.put(id, new ArrayList<>()));
        rows.forEach(row -> bySeries.get(row.getString(0)).add(row));
        List<SeriesForecast> plotted = new ArrayList<>();
        bySeries.forEach((id, series) -> {
            if (!series.isEmpty()) {
                plotted.add(toSeriesForecast(id, series, bounds));
            }
        });
        return plotted;
    }

    private static SeriesForecast toSeriesForecast(String seriesId, List<Row> rows, IntervalsTable.Bounds bounds) {
        int n = rows.size();
        List<LocalDateTime> times = new ArrayList<>(n);
        double[] actual = new double[n];
        double[] forecast = new double[n];
        double[] lower = bounds == null ? null : new double[n];
        double[] upper = bounds == null ? null : new double[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            times.add((LocalDateTime) row.get(1));
            actual[i] = row.getDouble(2);
            forecast[i] = row.getDouble(3);
            if (bounds != null) {
                Double scale = row.isNullAt(4) ? null : row.getDouble(4);
                double[] interval = bounds.interval(PLOTTED_HORIZON, forecast[i], scale);
                lower[i] = interval == null ? Double.NaN : interval[0];
                upper[i] = interval == null ? Double.NaN : interval[1];
            }
        }
        return new SeriesForecast(seriesId, times, actual, forecast, lower, upper);
    }
}
