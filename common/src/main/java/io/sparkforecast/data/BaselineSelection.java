package io.sparkforecast.data;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.core.NaiveForecast;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The naive forecast with the lowest one-step error before the test part (train and validation
 * rows): per series (the baseline score falls back to), and over a table (transform.baseline =
 * auto), each series' mean absolute error relative to its own persistence error so that series
 * of any level weigh alike. Whether a season helps is decided from the data's own history, not
 * from its frequency alone.
 */
public final class BaselineSelection {
    private static final List<NaiveForecast> CANDIDATES = List.of(NaiveForecast.PERSISTENCE,
            NaiveForecast.SEASONAL_NAIVE, NaiveForecast.SEASONAL_NAIVE_DRIFT);

    private BaselineSelection() {
    }

    /** The choice, with each candidate's mean relative error over the series (persistence = 1). */
    public record Choice(NaiveForecast baseline, Map<String, Double> relativeErrors) {
    }

    /** The column of {@link #perSeries} that names each series' best naive forecast. */
    public static final String BEST = "best_baseline";

    /** The naive forecast with the lowest mean relative error over the series. */
    public static Choice choose(Dataset<Row> gridded, int season, TimeSplit split) {
        Dataset<Row> perSeries = perSeries(gridded, season, split);
        Column[] means = CANDIDATES.stream().map(f -> avg(f.code()).as(f.code())).toArray(Column[]::new);
        Row row = perSeries.agg(means[0], Arrays.copyOfRange(means, 1, means.length)).first();
        Map<String, Double> errors = new LinkedHashMap<>();
        NaiveForecast best = NaiveForecast.PERSISTENCE;
        for (NaiveForecast candidate : CANDIDATES) {
            Object error = row.get(row.fieldIndex(candidate.code()));
            if (error == null) {
                continue; // no series has a season of history before its test part
            }
            errors.put(candidate.code(), (Double) error);
            if ((Double) error < errors.get(best.code())) {
                best = candidate;
            }
        }
        return new Choice(best, errors);
    }

    /**
     * Per series with a one-step forecast of every candidate before its test part: each
     * candidate's mean absolute error relative to persistence's (columns named by their codes)
     * and the code of the lowest in {@link #BEST} (persistence on ties).
     */
    public static Dataset<Row> perSeries(Dataset<Row> gridded, int season, TimeSplit split) {
        WindowSpec order = Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.STEP);
        Column value = col(SeriesColumns.VALUE);
        Column step = col(SeriesColumns.STEP);
        Column previous = lagOnGrid(value, step, 1, order);
        Column seasonAgo = lagOnGrid(value, step, season, order);
        Map<NaiveForecast, Column> forecasts = Map.of(
                NaiveForecast.PERSISTENCE, previous,
                NaiveForecast.SEASONAL_NAIVE, seasonAgo,
                NaiveForecast.SEASONAL_NAIVE_DRIFT, seasonAgo.plus(previous).minus(lagOnGrid(value, step, season + 1,
                        order)));
        Dataset<Row> history = gridded.filter(col(SeriesColumns.POSITION)
                .lt(split.testStart(col(SeriesColumns.SERIES_LENGTH))));
        for (NaiveForecast candidate : CANDIDATES) {
            history = history.withColumn(candidate.code(), abs(value.minus(forecasts.get(candidate))));
        }
        // The same rows for every candidate: those where all of them forecast.
        Column complete = CANDIDATES.stream().map(f -> col(f.code()).isNotNull()).reduce(Column::and).orElseThrow();
        Column[] errors = CANDIDATES.stream().map(f -> avg(f.code()).as(f.code())).toArray(Column[]::new);
        Column persistence = col(NaiveForecast.PERSISTENCE.code());
        Dataset<Row> relative = history.filter(complete).groupBy(SeriesColumns.SERIES_ID)
                .agg(errors[0], Arrays.copyOfRange(errors, 1, errors.length))
                .filter(persistence.gt(0));
        for (NaiveForecast candidate : CANDIDATES) {
            relative = relative.withColumn(candidate.code() + "_relative", col(candidate.code()).divide(persistence));
        }
        for (NaiveForecast candidate : CANDIDATES) {
            relative = relative.withColumn(candidate.code(), col(candidate.code() + "_relative"))
                    .drop(candidate.code() + "_relative");
        }
        Column best = lit(NaiveForecast.PERSISTENCE.code());
        Column bestError = persistence;
        for (NaiveForecast candidate : CANDIDATES.subList(1, CANDIDATES.size())) {
            Column error = col(candidate.code());
            best = when(error.lt(bestError), lit(candidate.code())).otherwise(best);
            bestError = when(error.lt(bestError), error).otherwise(bestError);
        }
        return relative.withColumn(BEST, best);
    }

    /** The value {@code steps} grid steps earlier, null across a gap or before the series' start. */
    private static Column lagOnGrid(Column value, Column step, int steps, WindowSpec order) {
        return when(step.minus(lag(step, steps).over(order)).equalTo(steps), lag(value, steps).over(order));
    }
}
