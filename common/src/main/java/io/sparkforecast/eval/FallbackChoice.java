package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.input.SeriesColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Per series and horizon, what score publishes with score.fallback = best_baseline, decided on the
 * validation backtest (never on the test targets evaluate reports). The candidates: the model,
 * the series' best baseline at that horizon and, where evaluate ran ETS, ETS and the combination
 * (the mean of the three). The default is the combination where there is one, else the baseline.
 *
 * <p>A validation period is often a few targets per series, one at the last horizon: a method
 * that learnt noise wins there by chance about as often as one that learnt the series. So each
 * horizon is first decided for the whole table, on every series' targets together (errors in
 * units of the series' MASE scale): another candidate replaces the default where it beat it with
 * at least the required confidence (a one-sided paired t-test on the squared-error gains, one
 * gain per target). A series then departs from its table's choice only where its own targets
 * are surer still, at {@link #SERIES_CONFIDENCE} or the required confidence if higher: with
 * many series, some win by chance at any lower level. On the accuracy benchmark's 19 tables this
 * keeps the published forecast at or below the best naive rule on all 19 one step ahead and on
 * 18 over all horizons, and at or below R's ets() on 15 (docs/accuracy.md; chosen per series and
 * horizon alone, the last horizons' single targets chose nothing).
 */
final class FallbackChoice {
    /** The least confidence at which one series departs from its table's choice. */
    static final double SERIES_CONFIDENCE = 0.95;
    private static final String KEY = "key";
    private static final String CANDIDATE = "candidate";
    private static final String SQUARE = "square";
    /** The candidates, as indexes of the squared errors per target. */
    private static final int MODEL = 0;
    private static final int BASELINE = 1;
    private static final int ETS = 2;
    private static final int COMBINED = 3;
    private static final int CANDIDATES = 4;
    private static final String[] SQUARES = {"model_square", "baseline_square", "ets_square", "combined_square"};

    private FallbackChoice() {
    }

    /**
     * The fallback table's rows (without the ETS form): one per series and horizon with validation
     * forecasts of the model and of the series' baseline (others keep the model and have no row).
     *
     * @param validationForecasts backtest forecasts of the validation targets, every method, with
     *                            the series' MASE scale
     * @param baselines           series_id, horizon and the code of the series' best baseline at that
     *                            horizon in {@code baselineColumn}
     * @param confidence          the win confidence at which a candidate replaces the default, at least
     *                            0.5 (any win)
     */
    static Dataset<Row> choose(Dataset<Row> validationForecasts, Dataset<Row> baselines, String baselineColumn,
                               int season, double confidence) {
        Dataset<Row> targets = squaresPerTarget(validationForecasts, baselines, baselineColumn);
        Map<Integer, Integer> tableChoices = tableChoices(targets, confidence);
        double seriesConfidence = Math.max(SERIES_CONFIDENCE, confidence);
        return targets.select(concat_ws("\u0000", col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON)).as(KEY),
                        col("*"))
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) ->
                        decide(rows, tableChoices, season, seriesConfidence).iterator(), Encoders.row(FallbackTable.SCHEMA));
    }

    /**
     * One row per series, horizon and validation target: series_id, horizon, the baseline's code,
     * target_ts, scale and the squared errors of the candidates ({@link #SQUARES}, null for none).
     */
    private static Dataset<Row> squaresPerTarget(Dataset<Row> forecasts, Dataset<Row> baselines,
                                                 String baselineColumn) {
        Column method = col(MetricsTable.METHOD);
        Column error = col(MetricsTable.PREDICTION).minus(col(MetricsTable.ACTUAL));
        Column candidate = when(method.equalTo(col(baselineColumn)), BASELINE)
                .when(method.equalTo(ForecastMethod.MODEL.code()), MODEL)
                .when(method.equalTo(ForecastMethod.ETS.code()), ETS)
                .when(method.equalTo(ForecastMethod.COMBINED.code()), COMBINED);
        Column[] squares = new Column[CANDIDATES];
        for (int c = 0; c < CANDIDATES; c++) {
            squares[c] = max(when(col(CANDIDATE).equalTo(c), col(SQUARE))).as(SQUARES[c]);
        }
        return forecasts.join(baselines, new String[] {SeriesColumns.SERIES_ID, MetricsTable.HORIZON})
                .select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON),
                        col(baselineColumn).as(FallbackTable.BASELINE), col(MetricsTable.TARGET_TS),
                        col(MetricsTable.SCALE), candidate.as(CANDIDATE), error.multiply(error).as(SQUARE))
                .filter(col(CANDIDATE).isNotNull())
                .groupBy(SeriesColumns.SERIES_ID, MetricsTable.HORIZON, FallbackTable.BASELINE, MetricsTable.TARGET_TS)
                .agg(first(col(MetricsTable.SCALE), true).as(MetricsTable.SCALE), squares);
    }

    /**
     * Per horizon, the table's choice: the default unless another candidate beat it on all series'
     * targets together, in units of each series' scale (series without a positive scale left out).
     */
    private static Map<Integer, Integer> tableChoices(Dataset<Row> targets, double confidence) {
        Column scaled = col(MetricsTable.SCALE).multiply(col(MetricsTable.SCALE));
        List<Column> gains = new ArrayList<>();
        for (int fallback : new int[] {COMBINED, BASELINE}) {
            for (int candidate = 0; candidate < CANDIDATES; candidate++) {
                if (candidate != fallback) {
                    Column gain = col(SQUARES[fallback]).minus(col(SQUARES[candidate])).divide(scaled);
                    String pair = fallback + "_" + candidate;
                    gains.add(avg(gain).as("mean_" + pair));
                    gains.add(stddev_samp(gain).as("deviation_" + pair));
                    gains.add(count(gain).as("count_" + pair));
                }
            }
            gains.add(count(col(SQUARES[fallback])).as("present_" + fallback));
        }
        Map<Integer, Integer> choices = new HashMap<>();
        for (Row row : targets.filter(col(MetricsTable.SCALE).gt(0))
                .groupBy(MetricsTable.HORIZON).agg(gains.get(0), gains.subList(1, gains.size()).toArray(Column[]::new))
                .collectAsList()) {
            int fallback = row.<Long>getAs("present_" + COMBINED) > 0 ? COMBINED : BASELINE;
            int chosen = fallback;
            double best = Double.NEGATIVE_INFINITY;
            for (int candidate = 0; candidate < CANDIDATES; candidate++) {
                if (candidate == fallback) {
                    continue;
                }
                String pair = fallback + "_" + candidate;
                Double sure = winConfidence(row.getAs("mean_" + pair), row.getAs("deviation_" + pair),
                        row.getAs("count_" + pair));
                if (sure != null && sure >= confidence && sure > best) {
                    best = sure;
                    chosen = candidate;
                }
            }
            choices.put(row.getAs(MetricsTable.HORIZON), chosen);
        }
        return choices;
    }

    /**
     * One series and horizon (rows: key, then {@link #squaresPerTarget}'s columns): its choice, or
     * none where no target has both the model's and the baseline's forecast.
     */
    private static List<Row> decide(Iterator<Row> rows, Map<Integer, Integer> tableChoices, int season,
                                    double confidence) {
        List<double[]> squares = new ArrayList<>();
        Row first = null;
        while (rows.hasNext()) {
            Row row = rows.next();
            first = first == null ? row : first;
            double[] target = new double[CANDIDATES];
            for (int c = 0; c < CANDIDATES; c++) {
                int field = row.fieldIndex(SQUARES[c]);
                target[c] = row.isNullAt(field) ? Double.NaN : row.getDouble(field);
            }
            squares.add(target);
        }
        int horizon = first.getAs(MetricsTable.HORIZON);
        String baseline = first.getAs(FallbackTable.BASELINE);
        Choice choice = choose(squares, tableChoices.get(horizon), confidence);
        if (choice.targets() == 0) {
            return List.of();
        }
        String chosen = switch (choice.method()) {
            case MODEL -> ForecastMethod.MODEL.code();
            case ETS -> ForecastMethod.ETS.code();
            case COMBINED -> ForecastMethod.COMBINED.code();
            default -> baseline;
        };
        return List.of(RowFactory.create(first.getAs(SeriesColumns.SERIES_ID), horizon, chosen, choice.modelRmse(),
                choice.chosenRmse(), season, choice.targets(), choice.modelWinConfidence(), baseline, null));
    }

    /**
     * @param method             the chosen candidate
     * @param targets            validation targets of both the model and the baseline
     * @param modelWinConfidence how sure they are that the model beats the baseline
     */
    record Choice(int method, double modelRmse, double chosenRmse, long targets, Double modelWinConfidence) {
    }

    /**
     * The choice on one series' and horizon's validation targets: its table's choice (or, where the
     * series has no forecast of that candidate, the default), unless another candidate beat it
     * with at least {@code confidence}.
     *
     * @param squares     per target, the squared errors of model, baseline, ETS and combined (NaN for
     *                    none)
     * @param tableChoice the table's choice at the horizon; null for none
     */
    static Choice choose(List<double[]> squares, Integer tableChoice, double confidence) {
        boolean[] present = new boolean[CANDIDATES];
        for (double[] target : squares) {
            for (int c = 0; c < CANDIDATES; c++) {
                present[c] |= !Double.isNaN(target[c]);
            }
        }
        int fallback = tableChoice != null && present[tableChoice] ? tableChoice : present[COMBINED] ? COMBINED
                : BASELINE;
        int chosen = fallback;
        double best = Double.NEGATIVE_INFINITY;
        for (int candidate = 0; candidate < CANDIDATES; candidate++) {
            Double sure = candidate == fallback ? null : winConfidence(squares, candidate, fallback);
            if (sure != null && sure >= confidence && sure > best) {
                best = sure;
                chosen = candidate;
            }
        }
        long targets = squares.stream().filter(t -> !Double.isNaN(t[MODEL]) && !Double.isNaN(t[BASELINE])).count();
        return new Choice(chosen, rmse(squares, MODEL), rmse(squares, chosen), targets,
                winConfidence(squares, MODEL, BASELINE));
    }

    /** How sure the targets both forecast are that {@code candidate}'s errors are lower than {@code other}'s. */
    private static Double winConfidence(List<double[]> squares, int candidate, int other) {
        double[] gains = squares.stream().filter(t -> !Double.isNaN(t[candidate]) && !Double.isNaN(t[other]))
                .mapToDouble(t -> t[other] - t[candidate]).toArray();
        if (gains.length == 0) {
            return null;
        }
        double mean = Arrays.stream(gains).average().orElseThrow();
        double squaredDeviations = Arrays.stream(gains).map(g -> (g - mean) * (g - mean)).sum();
        return winConfidence(mean, gains.length < 2 ? null : Math.sqrt(squaredDeviations / (gains.length - 1)),
                (long) gains.length);
    }

    private static double rmse(List<double[]> squares, int candidate) {
        return Math.sqrt(squares.stream().mapToDouble(t -> t[candidate]).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN));
    }

    /**
     * How sure the gains (the other method's squared error minus the candidate's, per target) are
     * that the candidate's errors are lower: Student's t distribution function at the gains' t
     * statistic. A single target, or gains without spread, carry no spread to judge: 0.5 (one
     * target) or 1 (identical gains) for a positive mean, 0.5 for none, 0 for a loss.
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
