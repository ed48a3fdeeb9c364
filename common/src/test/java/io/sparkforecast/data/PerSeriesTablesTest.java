package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-series tables built from gridded rows: MaseScale, wide scalers and LatestWindows. */
class PerSeriesTablesTest {
    private static final Frequency DAILY = Frequency.parse("P1D");
    /** Positions 0..5 of a 10-row series are its train part. */
    private static final TimeSplit SPLIT = new TimeSplit(new SplitSpec(0.6, 0.0));
    private static final double[] VALUES = {1, 3, 2, 5, 4, 8, 6, 9, 7, 10};
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("PerSeriesTablesTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Series "s": VALUES on days 1..10; series "short": two days. */
    private static Dataset<Row> gridded() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < VALUES.length; i++) {
            rows.add(TestWindows.day("s", i + 1, VALUES[i]));
        }
        rows.add(TestWindows.day("short", 1, 5));
        rows.add(TestWindows.day("short", 2, 6));
        return SeriesGrid.regularize(TestWindows.clean(spark, rows), GapPolicy.SPLIT, DAILY, 0).rows();
    }

    @Test
    void maseScaleIsTheMeanAbsoluteSeasonalDifferenceOfTheTrainPart() {
        List<Row> scales = MaseScale.of(gridded(), 2, SPLIT).collectAsList();

        // Train positions 2..5 against two steps earlier: |2-1|, |5-3|, |4-2|, |8-5|.
        assertEquals(1, scales.size(), "a train part shorter than a season has no scale: " + scales);
        assertEquals("s", scales.get(0).getAs(SeriesColumns.SERIES_ID));
        assertEquals(2.0, scales.get(0).<Double>getAs(MaseScale.SCALE), 1e-12);
    }

    @Test
    void wideScalersHoldEachSeriesFeaturesInOrder() {
        StructType schema = ScalerTable.SCHEMA;
        Dataset<Row> table = spark.createDataFrame(List.of(RowFactory.create("s", "price", 100.0, 150.0, 6L),
                RowFactory.create("s", SeriesColumns.VALUE, -1.0, 4.0, 5L)), schema);

        Row wide = ScalerTable.wide(table, List.of(SeriesColumns.VALUE, "price")).first();
        assertEquals(List.of(-1.0, 100.0), wide.getList(wide.fieldIndex(SeriesWindows.SCALER_MIN)));
        assertEquals(List.of(4.0, 150.0), wide.getList(wide.fieldIndex(SeriesWindows.SCALER_MAX)));
    }

    @Test
    void latestWindowIsTheLastStepsOfEachSeries() {
        List<Row> rows = new ArrayList<>();
        for (int day = 10; day >= 1; day--) {
            rows.add(TestWindows.day("s", day, day));
        }
        rows.add(TestWindows.day("t", 1, 5));
        rows.add(TestWindows.day("t", 2, 9));
        rows.add(TestWindows.day("t", 3, 7));
        Dataset<Row> gridded = SeriesGrid.regularize(TestWindows.clean(spark, rows), GapPolicy.SPLIT, DAILY, 0).rows();
        List<Row> latest = LatestWindows.of(gridded, 4, 0).orderBy(SeriesColumns.SERIES_ID).collectAsList();

        Row s = latest.get(0);
        assertEquals(LocalDateTime.of(2020, 1, 10, 0, 0), s.get(s.fieldIndex(SeriesColumns.TS)));
        assertEquals(9L, s.getLong(s.fieldIndex(SeriesColumns.STEP)));
        assertEquals(List.of(7.0, 8.0, 9.0, 10.0), s.getList(s.fieldIndex(SeriesWindows.HISTORY)));
        assertEquals(4L, s.getLong(s.fieldIndex(LatestWindows.AVAILABLE)));
        Row t = latest.get(1);
        assertEquals(List.of(5.0, 9.0, 7.0), t.getList(t.fieldIndex(SeriesWindows.HISTORY)));
        assertEquals(3L, t.getLong(t.fieldIndex(LatestWindows.AVAILABLE)));
    }

    @Test
    void theLatestWindowIsTheEndOfTheLastRegularPart() {
        Dataset<Row> withGap = SeriesGrid.regularize(TestWindows.clean(spark, List.of(
                TestWindows.day("g", 1, 10), TestWindows.day("g", 2, 20), TestWindows.day("g", 5, 50),
                TestWindows.day("g", 6, 80), TestWindows.day("g", 7, 90))), GapPolicy.SPLIT, DAILY, 0).rows();

        Row two = LatestWindows.of(withGap, 2, 0).first();
        assertEquals(List.of(80.0, 90.0), two.getList(two.fieldIndex(SeriesWindows.HISTORY)), "oldest first");
        assertEquals(LocalDateTime.of(2020, 1, 7, 0, 0), two.getAs(SeriesColumns.TS), "the origin is the last step");
        assertEquals(2L, two.<Long>getAs(LatestWindows.AVAILABLE));

        Row all = LatestWindows.of(withGap, 5, 0).first();
        assertEquals(List.of(50.0, 80.0, 90.0), all.getList(all.fieldIndex(SeriesWindows.HISTORY)),
                "never across the gap");
        assertEquals(3L, all.<Long>getAs(LatestWindows.AVAILABLE));
        assertTrue(all.<Long>getAs(LatestWindows.AVAILABLE) < 5, "too short for a window of 5");
    }
}
