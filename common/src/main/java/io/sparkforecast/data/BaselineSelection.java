package io.sparkforecast.data;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * transform.baseline = auto: the naive forecast with the lowest one-step error before the test
 * part (train and validation rows), each series' mean absolute error relative to its own
 * persistence error so that series of any level weigh alike. Whether a season helps is decided
 * from the table's own history, not from its frequency alone.
 */
public final class BaselineSelection {
    private BaselineSelection() {
    }

    /** The choice, with each candidate's mean relative error over the series (persistence = 1). */
    public record Choice(NaiveForecast baseline, Map<String, Double> relativeErrors) {
    }

    public static Choice choose(Dataset<Row> gridded, int season, TimeSplit split) {
        WindowSpec order = Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.STEP);
        Column value = col(SeriesColumns.VALUE);
        Column step = col(SeriesColumns.STEP);
        Column previous = lagOnGrid(value, step, 1, order);
        Column seasonAgo = lagOnGrid(value, step, season, order);
        Column seasonAgoPrevious = lagOnGrid(value, step, season + 1, order);
        Map<NaiveForecast, Column> forecasts = new LinkedHashMap<>();
        forecasts.put(NaiveForecast.PERSISTENCE, previous);
        forecasts.put(NaiveForecast.SEASONAL_NAIVE, seasonAgo);
        forecasts.put(NaiveForecast.SEASONAL_NAIVE_DRIFT, seasonAgo.plus(previous).minus(seasonAgoPrevious));

        Dataset<Row> history = gridded.filter(col(SeriesColumns.POSITION)
                .lt(split.testStart(col(SeriesColumns.SERIES_LENGTH))));
        for (Map.Entry<NaiveForecast, Column> forecast : forecasts.entrySet()) {
            history = history.withColumn(forecast.getKey().code(), abs(value.minus(forecast.getValue())));
        }
        // The same rows for every candidate: those where all of them forecast.
        Column complete = forecasts.keySet().stream().map(f -> col(f.code()).isNotNull())
                .reduce(Column::and).orElseThrow();
        Dataset<Row> perSeries = history.filter(complete).groupBy(SeriesColumns.SERIES_ID)
                .agg(avg(NaiveForecast.PERSISTENCE.code()).as(NaiveForecast.PERSISTENCE.code()),
                        forecasts.keySet().stream().skip(1).map(f -> avg(f.code()).as(f.code())).toArray(Column[]::new))
                .filter(col(NaiveForecast.PERSISTENCE.code()).gt(0));
        Column persistence = col(NaiveForecast.PERSISTENCE.code());
        Column[] relative = forecasts.keySet().stream()
                .map(f -> avg(col(f.code()).divide(persistence)).as(f.code())).toArray(Column[]::new);
        Row means = perSeries.agg(relative[0], Arrays.copyOfRange(relative, 1, relative.length)).first();

        Map<String, Double> errors = new LinkedHashMap<>();
        NaiveForecast best = NaiveForecast.PERSISTENCE;
        double bestError = Double.POSITIVE_INFINITY;
        for (NaiveForecast candidate : forecasts.keySet()) {
            Object error = means.get(means.fieldIndex(candidate.code()));
            if (error == null) {
                continue; // no series has a season of history before its test part
            }
            errors.put(candidate.code(), (Double) error);
            if ((Double) error < bestError) {
                best = candidate;
                bestError = (Double) error;
            }
        }
        return new Choice(best, errors);
    }

    /** The value {@code steps} grid steps earlier, null across a gap or before the series' start. */
    private static Column lagOnGrid(Column value, Column step, int steps, WindowSpec order) {
        return when(step.minus(lag(step, steps).over(order)).equalTo(steps), lag(value, steps).over(order));
    }
}
