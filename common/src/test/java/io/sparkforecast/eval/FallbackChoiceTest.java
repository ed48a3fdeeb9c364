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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FallbackChoiceTest {
    private static final StructType FORECASTS = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
            .add(MetricsTable.METHOD, DataTypes.StringType)
            .add(MetricsTable.HORIZON, DataTypes.IntegerType)
            .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType)
            .add(MetricsTable.ACTUAL, DataTypes.DoubleType)
            .add(MetricsTable.PREDICTION, DataTypes.DoubleType);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("FallbackChoiceTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
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
    void theModelIsPublishedOnlyWhereItsValidationWinIsConvincing() {
        List<Row> forecasts = new ArrayList<>();
        // "steady": the model's error 1 where the baseline's is 3, on each of 6 targets.
        // "lucky": one big win, five small losses; its RMSE is lower, but one target decides.
        // "lost": the baseline is better.
        for (int day = 1; day <= 6; day++) {
            forecasts.add(forecast("steady", "model", day, 1));
            forecasts.add(forecast("steady", "seasonal_naive", day, 3 + day % 2));
            forecasts.add(forecast("lucky", "model", day, day == 1 ? 0 : 2.2));
            forecasts.add(forecast("lucky", "persistence", day, day == 1 ? 10 : 2));
            forecasts.add(forecast("lost", "model", day, 2));
            forecasts.add(forecast("lost", "persistence", day, 1));
        }
        Dataset<Row> baselines = baselines(Map.of("steady", "seasonal_naive", "lucky", "persistence",
                "lost", "persistence"));

        Map<String, Row> anyWin = choose(forecasts, baselines, 0.5);
        assertEquals("model", anyWin.get("steady").getAs(FallbackTable.METHOD));
        assertEquals("model", anyWin.get("lucky").getAs(FallbackTable.METHOD), "a lower RMSE is a win at 0.5");
        assertEquals("persistence", anyWin.get("lost").getAs(FallbackTable.METHOD));
        assertEquals(6L, anyWin.get("lucky").<Long>getAs(FallbackTable.VALIDATION_TARGETS));
        assertEquals(Math.sqrt(5 * 2.2 * 2.2 / 6), anyWin.get("lucky").<Double>getAs(FallbackTable.MODEL_RMSE), 1e-9);
        assertEquals(2.0, anyWin.get("lost").<Double>getAs(FallbackTable.MODEL_RMSE), 1e-9);
        assertEquals(1.0, anyWin.get("lost").<Double>getAs(FallbackTable.CHOSEN_RMSE), 1e-9, "the baseline's");

        Map<String, Row> convincing = choose(forecasts, baselines, 0.9);
        assertEquals("model", convincing.get("steady").getAs(FallbackTable.METHOD));
        assertEquals("persistence", convincing.get("lucky").getAs(FallbackTable.METHOD));
        assertTrue(convincing.get("lucky").<Double>getAs(FallbackTable.WIN_CONFIDENCE) < 0.9);
        assertEquals(Math.sqrt((100 + 5 * 4) / 6.0), convincing.get("lucky").<Double>getAs(FallbackTable.CHOSEN_RMSE),
                1e-9);
        assertEquals("persistence", convincing.get("lost").getAs(FallbackTable.METHOD));
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
        return RowFactory.create(series, method, horizon, LocalDateTime.of(2020, 1, day, 0, 0), 100.0, 100.0 + error);
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
