package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-series tables: MaseScale (from gridded rows), wide scalers and LatestWindows (from series in memory). */
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
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        JavaRDD<SeriesRows> series = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(
                TestWindows.daily("s", oneToTen), TestWindows.daily("t", 5, 9, 7)));
        List<Row> latest = LatestWindows.of(spark, series, GapPolicy.SPLIT, DAILY, 4, 0)
                .orderBy(SeriesColumns.SERIES_ID).collectAsList();

        Row s = latest.get(0);
        assertEquals(LocalDateTime.of(2020, 1, 10, 0, 0), s.get(s.fieldIndex(SeriesColumns.TS)));
        assertEquals(9L, s.getLong(s.fieldIndex(SeriesColumns.STEP)));
        assertEquals(TestWindows.ANCHOR, s.get(s.fieldIndex(SeriesColumns.ANCHOR)));
        assertEquals(List.of(7.0, 8.0, 9.0, 10.0), s.getList(s.fieldIndex(SeriesWindows.HISTORY)));
        assertEquals(4L, s.getLong(s.fieldIndex(LatestWindows.AVAILABLE)));
        Row t = latest.get(1);
        assertEquals(List.of(5.0, 9.0, 7.0), t.getList(t.fieldIndex(SeriesWindows.HISTORY)));
        assertEquals(3L, t.getLong(t.fieldIndex(LatestWindows.AVAILABLE)));
    }

    @Test
    void theLatestWindowIsTheEndOfTheLastRegularPart() {
        SeriesRows rows = TestWindows.daily("g", new int[] {1, 2, 5, 6, 7}, new double[] {10, 20, 50, 80, 90});
        RegularSeries split = RegularSeries.of(rows, GapPolicy.SPLIT, DAILY);

        Row two = LatestWindows.latest(split, 2);
        assertArrayEquals(new double[] {80, 90}, (double[]) two.get(4), "oldest first");
        assertEquals(LocalDateTime.of(2020, 1, 7, 0, 0), two.get(1), "the origin is the last step");
        assertEquals(2L, two.getLong(5));

        Row all = LatestWindows.latest(split, 5);
        assertArrayEquals(new double[] {50, 80, 90}, (double[]) all.get(4), "never across the gap");
        assertEquals(3L, all.getLong(5), "too short for a window of 5");

        Row filled = LatestWindows.latest(RegularSeries.of(rows, GapPolicy.INTERPOLATE, DAILY), 5);
        assertArrayEquals(new double[] {30, 40, 50, 80, 90}, (double[]) filled.get(4), "filled steps count");
        assertEquals(5L, filled.getLong(5));
    }
}
