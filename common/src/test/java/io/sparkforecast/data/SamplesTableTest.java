package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
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

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SamplesTableTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Series "s": 1..10 on 2020-01-01..10 (given out of order); series "t": 3 values. */
    private static Dataset<Row> series() {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(SeriesColumns.TS, DataTypes.TimestampNTZType)
                .add(SeriesColumns.VALUE, DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int day = 10; day >= 1; day--) {
            rows.add(RowFactory.create("s", LocalDateTime.of(2020, 1, day, 0, 0), (double) day));
        }
        rows.add(RowFactory.create("t", LocalDateTime.of(2020, 1, 1, 0, 0), 5.0));
        rows.add(RowFactory.create("t", LocalDateTime.of(2020, 1, 2, 0, 0), 9.0));
        rows.add(RowFactory.create("t", LocalDateTime.of(2020, 1, 3, 0, 0), 7.0));
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void scalersAreFittedOnEachSeriesTrainPartOnly() {
        Dataset<Row> positioned = SeriesWindows.withPositions(series());
        List<Row> scalers = ScalerTable.fit(positioned, 0, SPLIT).orderBy(SeriesColumns.SERIES_ID).collectAsList();

        // s: floor(10 * 0.6) = 6 train rows (1..6); t: floor(3 * 0.6) = 1 train row (5).
        assertEquals(RowFactory.create("s", "value", 1.0, 6.0, 6L), scalers.get(0));
        assertEquals(RowFactory.create("t", "value", 5.0, 5.0, 1L), scalers.get(1));
    }

    @Test
    void differencedScalersSkipTheFirstLagRows() {
        Dataset<Row> positioned = SeriesWindows.withPositions(series().filter("series_id = 's'")
                .selectExpr("series_id", "ts", "value * value AS value"));
        Row scaler = ScalerTable.fit(positioned, 1, SPLIT).first();
        // y = 1, 4, 9, 16, 25, 36 in train: differences 3, 5, 7, 9, 11.
        assertEquals(3.0, scaler.getDouble(2));
        assertEquals(11.0, scaler.getDouble(3));
        assertEquals(5L, scaler.getLong(4));
    }

    @Test
    void samplesAreTimeOrderedWindowsInTheSplitOfTheirLastTarget() {
        Dataset<Row> positioned = SeriesWindows.withPositions(series());
        Dataset<Row> scalers = ScalerTable.fit(positioned, 0, SPLIT);
        List<Row> samples = SamplesTable.build(positioned, scalers, new SampleEncoder(3, 1, 0), SPLIT)
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
        Dataset<Row> positioned = SeriesWindows.withPositions(series().filter("series_id = 's'"));
        Dataset<Row> scalers = ScalerTable.fit(positioned, 0, SPLIT);
        List<Row> samples = SamplesTable.build(positioned, scalers, new SampleEncoder(2, 3, 0), SPLIT)
                .orderBy(SamplesTable.WINDOW_END_TS).collectAsList();

        // Windows end at positions 1..6; last targets at 4..9.
        assertEquals(6, samples.size());
        assertEquals(List.of("train", "train", "validation", "validation", "test", "test"),
                samples.stream().map(r -> r.getString(4)).toList());
        assertArrayEquals(new float[] {0.4f, 0.6f, 0.8f}, floats(samples.get(0).getList(3)), 1e-6f);
    }

    @Test
    void latestWindowIsTheLastValuesOfEachSeries() {
        List<Row> latest = LatestWindows.of(series(), 4).orderBy(SeriesColumns.SERIES_ID).collectAsList();

        assertEquals(LocalDateTime.of(2020, 1, 10, 0, 0), latest.get(0).get(1));
        assertEquals(List.of(7.0, 8.0, 9.0, 10.0), latest.get(0).getList(2));
        assertEquals(4L, latest.get(0).getLong(3));
        assertEquals(List.of(5.0, 9.0, 7.0), latest.get(1).getList(2));
        assertEquals(3L, latest.get(1).getLong(3));
    }

    private static float[] floats(List<Float> values) {
        return SamplesTable.toFloats(values);
    }
}
