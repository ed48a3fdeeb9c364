package io.sparkforecast.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.config.SeriesFormat;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.features.TestWindows;
import io.sparkforecast.input.AcceptedValues;
import io.sparkforecast.input.RejectReason;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesRows;
import io.sparkforecast.prepare.ScalerTable;
import io.sparkforecast.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-series tables: MaseScale (from gridded rows), wide scalers and LatestWindows (from a series table). */
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


    /** Series "s": VALUES on days 1..10; series "short": two days; as grid rows. */
    private static Dataset<Row> gridded() {
        List<Row> rows = new ArrayList<>(RegularSeriesTable.gridRows(RegularSeries.of(TestWindows.daily("s", VALUES),
                GapPolicy.SPLIT, DAILY)));
        rows.addAll(RegularSeriesTable.gridRows(RegularSeries.of(TestWindows.daily("short", 5, 6), GapPolicy.SPLIT,
                DAILY)));
        return spark.createDataFrame(rows, RegularSeriesTable.rowSchema(0));
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
        assertEquals(List.of(-1.0, 100.0), wide.getList(wide.fieldIndex(SlidingWindows.SCALER_MIN)));
        assertEquals(List.of(4.0, 150.0), wide.getList(wide.fieldIndex(SlidingWindows.SCALER_MAX)));
    }

    @Test
    void latestWindowsHoldEachSeriesLastStepsScalersAndRowCounts(@TempDir Path dir) throws IOException {
        // s: days 1..10 valued 1..10 and a bad value on day 11; t: three days; u: no scalers;
        // n: no usable row
        StringBuilder csv = new StringBuilder("series_id,ts,value\n");
        for (int day = 1; day <= 10; day++) {
            csv.append(String.format("s,2020-01-%02d,%d%n", day, day));
        }
        csv.append("s,2020-01-11,abc\nt,2020-01-01,5\nt,2020-01-02,9\nt,2020-01-03,7\n");
        for (int day = 1; day <= 5; day++) {
            csv.append(String.format("u,2020-01-%02d,%d%n", day, day));
        }
        csv.append("n,2020-01-01,NaN\nn,2020-01-02,Infinity\n");
        Path file = dir.resolve("series.csv");
        Files.writeString(file, csv);
        SeriesSource source = new SeriesSource(file.toString(), SeriesFormat.CSV, "series_id", "ts", "value", DAILY,
                null, GapPolicy.SPLIT, 0.9);
        Map<String, SeriesScalers> scalers = Map.of(
                "s", new SeriesScalers(new double[] {1}, new double[] {6}),
                "t", new SeriesScalers(new double[] {5}, new double[] {9}));
        Broadcast<Map<String, SeriesScalers>> known = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(scalers);

        Dataset<Row> windows = LatestWindows.of(spark, source, List.of(), null, AcceptedValues.ANY, 4, known)
                .cache();
        Map<String, Row> byId = new HashMap<>();
        windows.collectAsList().forEach(row -> byId.put(row.getString(0), row));
        Set<String> ids = new HashSet<>(Arrays.asList("s", "t", "u", null));
        assertEquals(ids, byId.keySet(), "n has only its counts, without its id: " + byId);
        Row s = byId.get("s");
        assertEquals(LocalDateTime.of(2020, 1, 10, 0, 0), s.get(s.fieldIndex(SeriesColumns.TS)));
        assertEquals(9L, s.getLong(s.fieldIndex(SeriesColumns.STEP)));
        assertEquals(TestWindows.ANCHOR, s.get(s.fieldIndex(SeriesColumns.ANCHOR)));
        assertEquals(List.of(7.0, 8.0, 9.0, 10.0), s.getList(s.fieldIndex(SlidingWindows.HISTORY)));
        assertEquals(4L, s.getLong(s.fieldIndex(LatestWindows.AVAILABLE)));
        assertEquals(List.of(1.0), s.getList(s.fieldIndex(SlidingWindows.SCALER_MIN)));
        assertEquals(List.of(6.0), s.getList(s.fieldIndex(SlidingWindows.SCALER_MAX)));
        assertEquals(10L, s.getLong(s.fieldIndex(LatestWindows.USABLE_ROWS)));
        assertEquals(1L, s.<Long>getList(s.fieldIndex(LatestWindows.REJECTED_ROWS))
                .get(RejectReason.BAD_VALUE.ordinal()));
        Row t = byId.get("t");
        assertEquals(List.of(5.0, 9.0, 7.0), t.getList(t.fieldIndex(SlidingWindows.HISTORY)));
        assertEquals(3L, t.getLong(t.fieldIndex(LatestWindows.AVAILABLE)));
        Row u = byId.get("u");
        assertTrue(u.isNullAt(u.fieldIndex(SlidingWindows.SCALER_MIN)), "unknown to the scalers");
        Row n = byId.get(null);
        assertTrue(n.isNullAt(n.fieldIndex(SlidingWindows.HISTORY)), "no window without usable rows");

        LatestWindows.Counts counts = LatestWindows.Counts.of(windows, 4, source, null);
        assertEquals(3, counts.series(), "s, t and u have windows");
        assertEquals(1, counts.unknown());
        assertEquals(1, counts.tooShort(), "t's three steps");
        assertEquals(21, counts.inputRows());
        assertEquals(18, counts.usableRows());
        assertEquals(Map.of("bad_value", 1L, "non_finite_value", 2L), counts.rejectedByReason());
        windows.unpersist();
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
