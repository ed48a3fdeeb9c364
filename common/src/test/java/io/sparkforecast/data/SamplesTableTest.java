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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Windowing, the time split and per-series scaling, against hand-computed values. */
class SamplesTableTest {
    private static SparkSession spark;
    private static final TimeSplit SPLIT = new TimeSplit(new SplitSpec(0.6, 0.2));
    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final List<String> VALUE_ONLY = List.of(SeriesColumns.VALUE);

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SamplesTableTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> clean(SparkSession spark, List<Row> rows) {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(SeriesColumns.TS, DataTypes.TimestampNTZType)
                .add(SeriesColumns.VALUE, DataTypes.DoubleType)
                .add(SeriesColumns.STEP, DataTypes.LongType)
                .add(SeriesColumns.ANCHOR, DataTypes.TimestampNTZType);
        return spark.createDataFrame(rows, schema);
    }

    static Row day(String series, int day, double value) {
        return RowFactory.create(series, TestWindows.ANCHOR.plusDays(day - 1), value, (long) day - 1, TestWindows.ANCHOR);
    }

    /** Series "s": 1..10 on 2020-01-01..10 (given out of order); series "t": 3 values. */
    private static Dataset<Row> gridded() {
        List<Row> rows = new ArrayList<>();
        for (int day = 10; day >= 1; day--) {
            rows.add(day("s", day, day));
        }
        rows.add(day("t", 1, 5));
        rows.add(day("t", 2, 9));
        rows.add(day("t", 3, 7));
        return SeriesGrid.regularize(clean(spark, rows), GapPolicy.SPLIT, DAILY, 0).rows();
    }

    private static Dataset<Row> scalers(Dataset<Row> gridded, int lag) {
        return ScalerTable.wide(ScalerTable.fit(gridded, lag, SPLIT, VALUE_ONLY), VALUE_ONLY);
    }

    @Test
    void scalersAreFittedOnEachSeriesTrainPartOnly() {
        List<Row> scalers = ScalerTable.fit(gridded(), 0, SPLIT, VALUE_ONLY).orderBy(SeriesColumns.SERIES_ID)
                .collectAsList();

        // s: floor(10 * 0.6) = 6 train rows (1..6); t: floor(3 * 0.6) = 1 train row (5).
        assertEquals(RowFactory.create("s", "value", 1.0, 6.0, 6L), scalers.get(0));
        assertEquals(RowFactory.create("t", "value", 5.0, 5.0, 1L), scalers.get(1));
    }

    @Test
    void differencedScalersSkipTheFirstLagRows() {
        Dataset<Row> squares = gridded().filter("series_id = 's'").withColumn("value", org.apache.spark.sql.functions
                .col("value").multiply(org.apache.spark.sql.functions.col("value")));
        Row scaler = ScalerTable.fit(squares, 1, SPLIT, VALUE_ONLY).first();
        // y = 1, 4, 9, 16, 25, 36 in train: differences 3, 5, 7, 9, 11.
        assertEquals(3.0, scaler.getDouble(2));
        assertEquals(11.0, scaler.getDouble(3));
        assertEquals(5L, scaler.getLong(4));
    }

    @Test
    void samplesAreTimeOrderedWindowsInTheSplitOfTheirLastTarget() {
        Dataset<Row> gridded = gridded();
        List<Row> samples = SamplesTable.build(gridded, scalers(gridded, 0), TestWindows.encoder(3, 1, 0), SPLIT, 0)
                .orderBy(SeriesColumns.SERIES_ID, SamplesTable.WINDOW_END_TS).collectAsList();

        // s has windows ending on days 3..9 (7 samples); t is too short for lookback 3 + horizon 1.
        assertEquals(7, samples.size());
        Row first = samples.get(0);
        assertEquals("s", first.getString(0));
        assertEquals(LocalDateTime.of(2020, 1, 3, 0, 0), first.get(1));
        assertArrayEquals(new float[] {0f, 0.2f, 0.4f}, floats(first.getList(2)), 1e-6f);
        assertArrayEquals(new float[] {0.6f}, floats(first.getList(3)), 1e-6f);

        // Targets at positions 3..9: 3-5 train, 6-7 validation (next floor(10 * 0.2) = 2), 8-9 test.
        List<String> splits = samples.stream().map(r -> r.getString(4)).toList();
        assertEquals(List.of("train", "train", "train", "validation", "validation", "test", "test"), splits);
        assertArrayEquals(new float[] {1.8f}, floats(samples.get(6).getList(3)), 1e-6f);
    }

    @Test
    void multiStepTargetsBelongToTheSplitOfTheLastStep() {
        Dataset<Row> gridded = gridded().filter("series_id = 's'");
        List<Row> samples = SamplesTable.build(gridded, scalers(gridded, 0), TestWindows.encoder(2, 3, 0), SPLIT, 0)
                .orderBy(SamplesTable.WINDOW_END_TS).collectAsList();

        // Windows end at positions 1..6; last targets at 4..9.
        assertEquals(6, samples.size());
        assertEquals(List.of("train", "train", "validation", "validation", "test", "test"),
                samples.stream().map(r -> r.getString(4)).toList());
        assertArrayEquals(new float[] {0.4f, 0.6f, 0.8f}, floats(samples.get(0).getList(3)), 1e-6f);
    }

    @Test
    void windowsNeverSpanAGapWhenSeriesAreSplit() {
        List<Row> rows = new ArrayList<>();
        for (int day : new int[] {1, 2, 3, 4, 7, 8, 9, 10}) {
            rows.add(day("g", day, day));
        }
        Dataset<Row> gridded = SeriesGrid.regularize(clean(spark, rows), GapPolicy.SPLIT, DAILY, 0).rows();
        List<Row> samples = SamplesTable.build(gridded, scalers(gridded, 0), TestWindows.encoder(2, 1, 0), SPLIT, 0)
                .orderBy(SamplesTable.WINDOW_END_TS).collectAsList();

        // Days 1-4 give windows ending on 2, 3; days 7-10 on 8, 9. None ends on 4 (its target 5 is missing).
        assertEquals(List.of(2, 3, 8, 9), samples.stream()
                .map(r -> ((LocalDateTime) r.get(1)).getDayOfMonth()).toList());
    }

    @Test
    void latestWindowIsTheLastStepsOfEachSeries() {
        List<Row> latest = LatestWindows.of(gridded(), 4, 0).orderBy(SeriesColumns.SERIES_ID).collectAsList();

        Row s = latest.get(0);
        assertEquals(LocalDateTime.of(2020, 1, 10, 0, 0), s.get(s.fieldIndex(SeriesColumns.TS)));
        assertEquals(9L, s.getLong(s.fieldIndex(SeriesColumns.STEP)));
        assertEquals(List.of(7.0, 8.0, 9.0, 10.0), s.getList(s.fieldIndex(SeriesWindows.HISTORY)));
        assertEquals(4L, s.getLong(s.fieldIndex(LatestWindows.AVAILABLE)));
        Row t = latest.get(1);
        assertEquals(List.of(5.0, 9.0, 7.0), t.getList(t.fieldIndex(SeriesWindows.HISTORY)));
        assertEquals(3L, t.getLong(t.fieldIndex(LatestWindows.AVAILABLE)));
    }

    private static float[] floats(List<Float> values) {
        return SamplesTable.toFloats(values);
    }
}
