package io.sparkforecast.series;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.input.SeriesColumns;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The naive forecast with the lowest one-step error before the test part (train and validation
 * rows): per series and horizon among the three baselines evaluate compares with (the baseline
 * score falls back to), and over a table among those, the seasonal combination and the drift
 * (transform.baseline = auto: the forecast the network corrects; another than persistence only
 * where it clearly helps), each series' mean absolute error relative to its own persistence error
 * so that series of any level weigh alike. Whether a season or a trend helps is decided from the
 * data's own history, not from its frequency alone.
 */
public final class BaselineSelection {
    private static final List<NaiveForecast> CANDIDATES = List.of(NaiveForecast.PERSISTENCE,
            NaiveForecast.SEASONAL_NAIVE, NaiveForecast.SEASONAL_NAIVE_DRIFT);
    /** What transform.baseline = auto chooses from, in the order of {@link #relativeErrors}. */
    public static final List<NaiveForecast> RESIDUAL_CANDIDATES = Stream.concat(CANDIDATES.stream(),
            Stream.of(NaiveForecast.SEASONAL_COMBINATION, NaiveForecast.DRIFT)).toList();

    private BaselineSelection() {
    }

    /** The choice, with each candidate's mean relative error over the series (persistence = 1). */
    public record Choice(NaiveForecast baseline, Map<String, Double> relativeErrors) {
    }

    /** The column of {@link #perHorizon} that names each series' best naive forecast. */
    public static final String BEST = "best_baseline";
    /** The column of {@link #perHorizon} with the forecast horizon. */
    public static final String HORIZON = "horizon";

    /**
     * How much lower than persistence's another candidate's mean relative error must be for the
     * network to correct it instead. A seasonal rule's residual carries the noise of the values a
     * season back, which the network must learn to cancel; a season that barely helps the rule
     * (usmacro's seasonally adjusted quarters: seasonal naive with drift 0.4% below persistence)
     * costs the corrected forecast more than it gains (model 1.008 of the best naive rule on a
     * seasonal base, 0.843 on persistence). On the accuracy benchmark's 24 tables any margin below
     * 5.8% (nelplo's drift) makes the same choices.
     */
    static final double MARGIN_OVER_PERSISTENCE = 0.05;

    /**
     * Persistence unless another candidate's mean relative error is at least
     * {@link #MARGIN_OVER_PERSISTENCE} lower (then the lowest of them; persistence too when no
     * series has a window of history before its test part); a candidate whose error is NaN (the
     * seasonal combination without a season) is not one.
     *
     * @param relativeErrorSums per {@link #RESIDUAL_CANDIDATES}: the sum of the series'
     *                          {@link #relativeErrors}
     * @param series            the number of series summed
     */
    public static Choice choose(double[] relativeErrorSums, long series) {
        Map<String, Double> errors = new LinkedHashMap<>();
        NaiveForecast best = NaiveForecast.PERSISTENCE;
        if (series == 0) {
            return new Choice(best, errors);
        }
        double bestError = Double.POSITIVE_INFINITY;
        for (int c = 0; c < RESIDUAL_CANDIDATES.size(); c++) {
            double error = relativeErrorSums[c] / series;
            if (Double.isNaN(error)) {
                continue;
            }
            errors.put(RESIDUAL_CANDIDATES.get(c).code(), error);
            if (error < bestError) {
                best = RESIDUAL_CANDIDATES.get(c);
                bestError = error;
            }
        }
        double persistence = errors.get(NaiveForecast.PERSISTENCE.code());
        if (bestError > persistence * (1 - MARGIN_OVER_PERSISTENCE)) {
            best = NaiveForecast.PERSISTENCE;
        }
        return new Choice(best, errors);
    }

    /**
     * One series' mean absolute one-step error of each of {@link #RESIDUAL_CANDIDATES} before its
     * test part, over the rows where all of them forecast from the window the encoder would give
     * them (never across a gap), relative to persistence's so that series of any level weigh
     * alike; null when no row qualifies or persistence is exact. The seasonal combination and the
     * drift depend on the history's length and read exactly that window; with a season under 2
     * the combination is no candidate (NaN).
     *
     * @param windowLength per candidate, the values of history the encoder gives its forecast
     */
    public static double[] relativeErrors(RegularSeries series, int season, TimeSplit split,
                                          ToIntFunction<NaiveForecast> windowLength) {
        long testStart = split.testStart(series.length());
        boolean combination = season >= 2;
        int combinationWindow = windowLength.applyAsInt(NaiveForecast.SEASONAL_COMBINATION);
        int driftWindow = windowLength.applyAsInt(NaiveForecast.DRIFT);
        int history = Math.max(Math.max(season + 1, driftWindow), combination ? combinationWindow : 0);
        // Reused for every row: prepare runs this over every row of the table.
        double[] combinationRecent = new double[combinationWindow];
        double[] driftRecent = new double[driftWindow];
        double[] sums = new double[RESIDUAL_CANDIDATES.size()];
        long rows = 0;
        double[] v = series.values();
        for (int segment = 0; segment < series.segments(); segment++) {
            for (int i = series.segmentStart(segment); i < series.segmentEnd(segment); i++) {
                if (series.position(i) >= testStart || !series.hasLag(i, history, segment)) {
                    continue;
                }
                double previous = v[i - 1];
                double seasonAgo = v[i - season];
                sums[0] += Math.abs(v[i] - previous);
                sums[1] += Math.abs(v[i] - seasonAgo);
                sums[2] += Math.abs(v[i] - (seasonAgo + previous - v[i - season - 1]));
                if (combination) {
                    System.arraycopy(v, i - combinationWindow, combinationRecent, 0, combinationWindow);
                    sums[3] += Math.abs(v[i]
                            - NaiveForecast.SEASONAL_COMBINATION.forecast(combinationRecent, season, 1));
                }
                System.arraycopy(v, i - driftWindow, driftRecent, 0, driftWindow);
                sums[4] += Math.abs(v[i] - NaiveForecast.DRIFT.forecast(driftRecent, season, 1));
                rows++;
            }
        }
        if (rows == 0 || sums[0] / rows <= 0) {
            return null;
        }
        double persistence = sums[0] / rows;
        double[] relative = new double[sums.length];
        for (int c = 0; c < sums.length; c++) {
            relative[c] = sums[c] / rows / persistence;
        }
        if (!combination) {
            relative[3] = Double.NaN;
        }
        return relative;
    }

    /**
     * Per series and horizon 1..{@code horizons}: the code of the naive forecast with the lowest
     * mean absolute error that far ahead before the series' test part, in {@link #BEST}
     * (persistence on ties), with the horizon in {@link #HORIZON}. A rule that wins one step
     * ahead can lose twelve ahead (a drift extrapolated over a season), and the baselines need
     * no model, so every target before the test part can judge them.
     */
    public static Dataset<Row> perHorizon(Dataset<Row> gridded, int season, TimeSplit split, int horizons) {
        WindowSpec order = Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.STEP);
        Column value = col(SeriesColumns.VALUE);
        Column step = col(SeriesColumns.STEP);
        Column[] byHorizon = new Column[horizons];
        for (int horizon = 1; horizon <= horizons; horizon++) {
            int seasons = NaiveForecast.seasonsBack(season, horizon);
            Column origin = lagOnGrid(value, step, horizon, order);
            Column seasonal = lagOnGrid(value, step, season * seasons, order);
            Column drift = seasonal.plus(origin.minus(lagOnGrid(value, step, horizon + season, order))
                    .multiply(seasons));
            byHorizon[horizon - 1] = struct(lit(horizon).as(HORIZON),
                    abs(value.minus(origin)).as(NaiveForecast.PERSISTENCE.code()),
                    abs(value.minus(seasonal)).as(NaiveForecast.SEASONAL_NAIVE.code()),
                    abs(value.minus(drift)).as(NaiveForecast.SEASONAL_NAIVE_DRIFT.code()));
        }
        Column complete = CANDIDATES.stream().map(f -> col(f.code()).isNotNull()).reduce(Column::and).orElseThrow();
        Column[] errors = CANDIDATES.stream().map(f -> avg(f.code()).as(f.code())).toArray(Column[]::new);
        Dataset<Row> meanErrors = gridded.filter(col(SeriesColumns.POSITION)
                        .lt(split.testStart(col(SeriesColumns.SERIES_LENGTH))))
                .select(col(SeriesColumns.SERIES_ID), array(byHorizon).as("errors"))
                // Its own step: a generator cannot hold the window functions.
                .select(col(SeriesColumns.SERIES_ID), explode(col("errors")).as("errors"))
                .select(col(SeriesColumns.SERIES_ID), col("errors.*"))
                .filter(complete)
                .groupBy(SeriesColumns.SERIES_ID, HORIZON)
                .agg(errors[0], Arrays.copyOfRange(errors, 1, errors.length));
        return meanErrors.select(col(SeriesColumns.SERIES_ID), col(HORIZON), lowest().as(BEST));
    }

    /** The code of the candidate whose error column (named by its code) is lowest; persistence on ties. */
    private static Column lowest() {
        Column best = lit(NaiveForecast.PERSISTENCE.code());
        Column bestError = col(NaiveForecast.PERSISTENCE.code());
        for (NaiveForecast candidate : CANDIDATES.subList(1, CANDIDATES.size())) {
            Column error = col(candidate.code());
            best = when(error.lt(bestError), lit(candidate.code())).otherwise(best);
            bestError = when(error.lt(bestError), error).otherwise(bestError);
        }
        return best;
    }

    /** The value {@code steps} grid steps earlier, null across a gap or before the series' start. */
    private static Column lagOnGrid(Column value, Column step, int steps, WindowSpec order) {
        return when(step.minus(lag(step, steps).over(order)).equalTo(steps), lag(value, steps).over(order));
    }
}
