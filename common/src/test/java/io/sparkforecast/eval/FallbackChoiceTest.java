package io.sparkforecast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.series.BaselineSelection;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FallbackChoiceTest {
    private static final StructType FORECASTS = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
            .add(MetricsTable.METHOD, DataTypes.StringType)
            .add(MetricsTable.HORIZON, DataTypes.IntegerType)
            .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType)
            .add(MetricsTable.ACTUAL, DataTypes.DoubleType)
            .add(MetricsTable.PREDICTION, DataTypes.DoubleType)
            .add(MetricsTable.SCALE, DataTypes.DoubleType);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("FallbackChoiceTest");
    }


    @Test
    void winConfidenceIsTheTDistributionAtTheGainsTStatistic() {
        // Gains 1, 2, 3: mean 2, standard deviation 1, t = 2 / (1 / sqrt 3) = 3.464 with 2 degrees
        // of freedom, whose distribution function is 1 - (1 - t / sqrt(t^2 + 2)) / 2.
        double t = 2 * Math.sqrt(3);
        assertEquals(0.5 + 0.5 * t / Math.sqrt(t * t + 2), FallbackChoice.winConfidence(2.0, 1.0, 3L), 1e-9);
        assertEquals(1 - FallbackChoice.winConfidence(2.0, 1.0, 3L), FallbackChoice.winConfidence(-2.0, 1.0, 3L),
                1e-9, "a loss is as sure as a win of the same size");
        assertEquals(0.5, FallbackChoice.winConfidence(0.0, 1.0, 3L), 1e-12);
        assertTrue(FallbackChoice.winConfidence(2.0, 1.0, 30L) > FallbackChoice.winConfidence(2.0, 1.0, 3L),
                "more targets, more certainty");
    }

    @Test
    void winConfidenceWithoutSpreadToJudge() {
        assertEquals(0.5, FallbackChoice.winConfidence(3.0, null, 1L), "one target proves nothing");
        assertEquals(0.0, FallbackChoice.winConfidence(-3.0, null, 1L));
        assertEquals(1.0, FallbackChoice.winConfidence(3.0, 0.0, 4L), "the same gain on every target");
        assertEquals(0.0, FallbackChoice.winConfidence(-3.0, 0.0, 4L));
        assertNull(FallbackChoice.winConfidence(null, null, 0L));
    }

    @Test
    void theTableChoosesEachHorizonAndASeriesDepartsOnlyWhereItsOwnTargetsAreSurer() {
        List<Row> forecasts = new ArrayList<>();
        // "a", "b", "c": the model's error 1 where the baseline's is 3 or 4. "d": the baseline's 1
        // where the model's is 3, on every target. "e": the baseline wins narrowly, confident at
        // about 0.86: enough for a series alone at 0.8, not to depart from its table.
        for (int day = 1; day <= 6; day++) {
            for (String series : List.of("a", "b", "c")) {
                forecasts.add(forecast(series, "model", day, 1));
                forecasts.add(forecast(series, "seasonal_naive", day, 3 + day % 2));
            }
            forecasts.add(forecast("d", "model", day, 3));
            forecasts.add(forecast("d", "persistence", day, 1));
            forecasts.add(forecast("e", "model", day, day % 2 == 0 ? 2.0 : 2.4));
            forecasts.add(forecast("e", "persistence", day, 2.1));
        }
        Dataset<Row> baselines = baselines(Map.of("a", "seasonal_naive", "b", "seasonal_naive", "c",
                "seasonal_naive", "d", "persistence", "e", "persistence"));

        Map<String, Row> choices = choose(forecasts, baselines, 0.8);
        for (String series : List.of("a", "b", "c", "e")) {
            assertEquals("model", choices.get(series).getAs(FallbackTable.METHOD), series);
        }
        assertEquals("persistence", choices.get("d").getAs(FallbackTable.METHOD));
        double eConfidence = 1 - choices.get("e").<Double>getAs(FallbackTable.WIN_CONFIDENCE);
        assertTrue(eConfidence > 0.8 && eConfidence < FallbackChoice.SERIES_CONFIDENCE, "e: " + eConfidence);
        assertEquals(6L, choices.get("e").<Long>getAs(FallbackTable.VALIDATION_TARGETS));
        assertEquals(3.0, choices.get("d").<Double>getAs(FallbackTable.MODEL_RMSE), 1e-9);
        assertEquals(1.0, choices.get("d").<Double>getAs(FallbackTable.CHOSEN_RMSE), 1e-9, "the baseline's");

        // Alone, "e" is decided by its own targets at the required confidence.
        List<Row> e = forecasts.stream().filter(row -> row.getString(0).equals("e")).toList();
        assertEquals("persistence", choose(e, baselines, 0.8).get("e").getAs(FallbackTable.METHOD));
        assertEquals("persistence", choose(e, baselines, 0.9).get("e").getAs(FallbackTable.METHOD),
                "the default: the model does not beat it");
    }

    @Test
    void aLuckyWinOnOneTargetIsNoConvincingWin() {
        // One big win, five small losses: its RMSE is lower, but one target decides.
        List<double[]> squares = new ArrayList<>();
        for (int day = 1; day <= 6; day++) {
            squares.add(new double[] {day == 1 ? 0 : 2.2 * 2.2, day == 1 ? 100 : 4, Double.NaN, Double.NaN});
        }
        FallbackChoice.Choice anyWin = FallbackChoice.choose(squares, null, 0.5);
        assertEquals(0, anyWin.method(), "the model: a lower mean squared error is a win at 0.5");
        assertEquals(Math.sqrt(5 * 2.2 * 2.2 / 6), anyWin.modelRmse(), 1e-9);
        FallbackChoice.Choice convincing = FallbackChoice.choose(squares, null, 0.9);
        assertEquals(1, convincing.method(), "the baseline");
        assertTrue(convincing.modelWinConfidence() < 0.9);
        assertEquals(Math.sqrt((100 + 5 * 4) / 6.0), convincing.chosenRmse(), 1e-9);
        assertEquals(6L, convincing.targets());
    }

    @Test
    void withEtsTheCombinationIsPublishedUnlessACandidateBeatsIt() {
        List<Row> forecasts = new ArrayList<>();
        // "x", "y", "z": the combination's error 1, the others' 2 or 3. "w": ETS's error 0.5 where
        // the combination's is 1.5, on every target. "v": the model beats the combination narrowly.
        for (int day = 1; day <= 6; day++) {
            for (String series : List.of("x", "y", "z")) {
                forecasts.add(forecast(series, "model", day, 2 + day % 2));
                forecasts.add(forecast(series, "ets", day, 3 - day % 2));
                forecasts.add(forecast(series, "persistence", day, 3));
                forecasts.add(forecast(series, "combined", day, 1));
            }
            forecasts.add(forecast("w", "model", day, 3));
            forecasts.add(forecast("w", "ets", day, 0.5));
            forecasts.add(forecast("w", "seasonal_naive", day, 4));
            forecasts.add(forecast("w", "combined", day, 1.5));
            forecasts.add(forecast("v", "model", day, day % 2 == 0 ? 1.9 : 2.3));
            forecasts.add(forecast("v", "ets", day, 3));
            forecasts.add(forecast("v", "persistence", day, 3));
            forecasts.add(forecast("v", "combined", day, 2.2));
        }
        Dataset<Row> baselines = baselines(Map.of("x", "persistence", "y", "persistence", "z", "persistence",
                "w", "seasonal_naive", "v", "persistence"));

        Map<String, Row> choices = choose(forecasts, baselines, 0.8);
        for (String series : List.of("x", "y", "z", "v")) {
            assertEquals("combined", choices.get(series).getAs(FallbackTable.METHOD), series);
            assertEquals("persistence", choices.get(series).getAs(FallbackTable.BASELINE), series);
        }
        assertEquals(1.0, choices.get("x").<Double>getAs(FallbackTable.CHOSEN_RMSE), 1e-9);
        assertEquals("ets", choices.get("w").getAs(FallbackTable.METHOD));
        assertEquals("seasonal_naive", choices.get("w").getAs(FallbackTable.BASELINE));
        // The model's confidence is still the one over its baseline.
        assertEquals(1.0, choices.get("w").<Double>getAs(FallbackTable.WIN_CONFIDENCE), 1e-12);

        // Where ETS beats the combination on every series, the table publishes ETS.
        List<Row> etsEverywhere = new ArrayList<>();
        for (int day = 1; day <= 6; day++) {
            for (String series : List.of("x", "y", "w")) {
                etsEverywhere.add(forecast(series, "model", day, 3));
                etsEverywhere.add(forecast(series, "ets", day, day % 2 == 0 ? 0.4 : 0.8));
                etsEverywhere.add(forecast(series, series.equals("w") ? "seasonal_naive" : "persistence", day, 4));
                etsEverywhere.add(forecast(series, "combined", day, day % 3 == 0 ? 0.6 : 1.6));
            }
        }
        choose(etsEverywhere, baselines, 0.8).values()
                .forEach(row -> assertEquals("ets", row.getAs(FallbackTable.METHOD), row.toString()));
    }

    @Test
    void eachHorizonIsDecidedOnItsOwnAndScoreReadsThemByStep() {
        // The model leads one step ahead and falls behind two and three steps ahead.
        List<Row> forecasts = new ArrayList<>();
        for (int day = 1; day <= 8; day++) {
            for (int horizon = 1; horizon <= 3; horizon++) {
                forecasts.add(forecast("a", "model", horizon, day, horizon == 1 ? 1 : 4 + day % 2));
                forecasts.add(forecast("a", "persistence", horizon, day, 3 + day % 3));
            }
        }
        Dataset<Row> baselines = baselines(Map.of("a", "persistence"));
        Dataset<Row> choices = FallbackChoice.choose(spark.createDataFrame(forecasts, FORECASTS), baselines,
                BaselineSelection.BEST, 12, 0.8);
        Map<Integer, Row> byHorizon = new TreeMap<>();
        choices.collectAsList().forEach(row -> byHorizon.put(row.getAs(FallbackTable.HORIZON), row));
        assertEquals(List.of(1, 2, 3), List.copyOf(byHorizon.keySet()));
        assertEquals("model", byHorizon.get(1).getAs(FallbackTable.METHOD));
        assertEquals("persistence", byHorizon.get(2).getAs(FallbackTable.METHOD));
        assertEquals(8L, byHorizon.get(3).<Long>getAs(FallbackTable.VALIDATION_TARGETS));

        Row series = FallbackTable.byHorizon(choices).first();
        List<String> methods = series.getList(series.fieldIndex(FallbackTable.METHODS));
        assertEquals(List.of("model", "persistence", "persistence"), methods);
        assertEquals("model", FallbackTable.methodAt(methods, 1));
        assertEquals("persistence", FallbackTable.methodAt(methods, 12), "steps beyond the backtest: its last horizon");
    }

    private static Row forecast(String series, String method, int day, double error) {
        return forecast(series, method, 1, day, error);
    }

    private static Row forecast(String series, String method, int horizon, int day, double error) {
        return RowFactory.create(series, method, horizon, LocalDateTime.of(2020, 1, day, 0, 0), 100.0, 100.0 + error,
                1.0);
    }

    /** Each series' baseline at horizons 1..3. */
    private static Dataset<Row> baselines(Map<String, String> bySeries) {
        List<Row> rows = new ArrayList<>();
        bySeries.forEach((series, method) -> {
            for (int horizon = 1; horizon <= 3; horizon++) {
                rows.add(RowFactory.create(series, horizon, method));
            }
        });
        return spark.createDataFrame(rows, new StructType().add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(BaselineSelection.HORIZON, DataTypes.IntegerType).add(BaselineSelection.BEST, DataTypes.StringType));
    }

    private static Map<String, Row> choose(List<Row> forecasts, Dataset<Row> baselines, double confidence) {
        Map<String, Row> choices = new TreeMap<>();
        FallbackChoice.choose(spark.createDataFrame(forecasts, FORECASTS), baselines, BaselineSelection.BEST, 12,
                confidence).collectAsList().forEach(row -> choices.put(row.getAs(SeriesColumns.SERIES_ID), row));
        return choices;
    }
}
