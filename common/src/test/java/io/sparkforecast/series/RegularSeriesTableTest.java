package io.sparkforecast.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.SeriesFormat;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.input.AcceptedValues;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What evaluate reads of a series table: its regular grid rows and sliding windows, per gap policy. */
class RegularSeriesTableTest {
    private static final Frequency DAILY = Frequency.parse("P1D");
    private static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("RegularSeriesTableTest");
    }


    /**
     * Series g on days 1, 2, 5, 6 (a gap of days 3 and 4) with a price column, a rejected row of g
     * on day 7, and series h on days 1..3.
     */
    private static RegularSeriesTable table(GapPolicy policy) throws IOException {
        Path file = dir.resolve("series-" + policy.code() + ".csv");
        Files.writeString(file, "series_id,ts,value,price\n"
                + "g,2020-01-01,10,1\ng,2020-01-02,20,2\ng,2020-01-05,50,5\ng,2020-01-06,80,6\ng,2020-01-07,abc,7\n"
                + "h,2020-01-01,1,0\nh,2020-01-02,2,0\nh,2020-01-03,3,0\n");
        SeriesSource source = new SeriesSource(file.toString(), SeriesFormat.CSV, "series_id", "ts", "value", DAILY,
                null, policy, 0.9);
        return RegularSeriesTable.load(spark, source, List.of("price"), null, AcceptedValues.ANY);
    }

    private static List<Row> rowsOf(GapPolicy policy, String id) throws IOException {
        try (RegularSeriesTable table = table(policy)) {
            return table.rows().filter(SeriesColumns.SERIES_ID + " = '" + id + "'").orderBy(SeriesColumns.STEP)
                    .collectAsList();
        }
    }

    private static <T> List<T> column(List<Row> rows, String column) {
        return rows.stream().map(r -> r.<T>getAs(column)).toList();
    }

    @Test
    void splitKeepsPartsApart() throws IOException {
        List<Row> rows = rowsOf(GapPolicy.SPLIT, "g");
        assertEquals(List.of(10.0, 20.0, 50.0, 80.0), column(rows, SeriesColumns.VALUE), "the rejected day 7 left out");
        assertEquals(List.of(0L, 0L, 1L, 1L), column(rows, SeriesColumns.SEGMENT));
        assertEquals(List.of(0L, 1L, 4L, 5L), column(rows, SeriesColumns.POSITION));
        assertEquals(List.of(6L, 6L, 6L, 6L), column(rows, SeriesColumns.SERIES_LENGTH));
        assertEquals(List.of(1.0, 2.0, 5.0, 6.0), column(rows, SeriesColumns.extra(0)));
        assertEquals(LocalDateTime.of(2020, 1, 5, 0, 0), rows.get(2).getAs(SeriesColumns.TS));
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), rows.get(2).getAs(SeriesColumns.ANCHOR));
    }

    @Test
    void fillForwardRepeatsTheLastValue() throws IOException {
        List<Row> rows = rowsOf(GapPolicy.FILL_FORWARD, "g");
        assertEquals(List.of(10.0, 20.0, 20.0, 20.0, 50.0, 80.0), column(rows, SeriesColumns.VALUE));
        assertEquals(List.of(false, false, true, true, false, false), column(rows, SeriesColumns.FILLED));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), column(rows, SeriesColumns.SEGMENT));
        assertEquals(LocalDateTime.of(2020, 1, 4, 0, 0), rows.get(3).getAs(SeriesColumns.TS));
    }

    @Test
    void interpolateFillsOnTheStraightLine() throws IOException {
        List<Row> rows = rowsOf(GapPolicy.INTERPOLATE, "g");
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0, 50.0, 80.0), column(rows, SeriesColumns.VALUE));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), column(rows, SeriesColumns.extra(0)));
    }

    @Test
    void windowsNeverReachAcrossAGap() throws IOException {
        try (RegularSeriesTable table = table(GapPolicy.SPLIT)) {
            List<Row> windows = table.windows(2, 1, 2, length -> 0).filter(SeriesColumns.SERIES_ID + " = 'g'")
                    .orderBy(SeriesColumns.STEP).collectAsList();
            assertEquals(List.of(0L, 1L, 4L, 5L), column(windows, SeriesColumns.STEP));
            assertEquals(List.of(List.of(10.0), List.of(10.0, 20.0), List.of(50.0), List.of(50.0, 80.0)),
                    windows.stream().map(w -> w.getList(w.fieldIndex(SlidingWindows.HISTORY))).toList());
            assertEquals(List.of(List.of(20.0), List.of(), List.of(80.0), List.of()),
                    windows.stream().map(w -> w.getList(w.fieldIndex(SlidingWindows.FUTURE))).toList());
            assertEquals(List.of(1.0, 2.0), windows.get(1).getList(windows.get(1)
                    .fieldIndex(SlidingWindows.extraHistory(0))));

            List<Row> full = table.windows(2, 2, 1, length -> 0).orderBy(SeriesColumns.SERIES_ID, SeriesColumns.STEP)
                    .collectAsList();
            assertEquals(List.of("g", "g", "h", "h"), column(full, SeriesColumns.SERIES_ID),
                    "only rows with two steps of their part up to them");
        }
    }

    @Test
    void rowsBeforeTheFirstOriginGetNoWindow() throws IOException {
        try (RegularSeriesTable table = table(GapPolicy.SPLIT)) {
            // g spans 6 grid steps (positions 0, 1, 4, 5), h 3: windows from position length - 2 on.
            List<Row> windows = table.windows(2, 1, 1, length -> length - 2)
                    .orderBy(SeriesColumns.SERIES_ID, SeriesColumns.STEP).collectAsList();
            assertEquals(List.of("g 4", "g 5", "h 1", "h 2"), windows.stream()
                    .map(w -> w.getString(0) + " " + w.<Long>getAs(SeriesColumns.POSITION)).toList());
            assertEquals(List.of(50.0), windows.get(0).getList(windows.get(0).fieldIndex(SlidingWindows.HISTORY)),
                    "the history still starts where the part does");
        }
    }

    @Test
    void filledStepsAreInTheWindowsAndFlaggedInTheFuture() throws IOException {
        try (RegularSeriesTable table = table(GapPolicy.FILL_FORWARD)) {
            Row window = table.windows(3, 3, 2, length -> 0).filter(SeriesColumns.SERIES_ID + " = 'g' and "
                    + SeriesColumns.STEP + " = 2").first();
            assertEquals(List.of(10.0, 20.0, 20.0), window.getList(window.fieldIndex(SlidingWindows.HISTORY)));
            assertEquals(List.of(20.0, 50.0), window.getList(window.fieldIndex(SlidingWindows.FUTURE)));
            assertEquals(List.of(true, false), window.getList(window.fieldIndex(SlidingWindows.FUTURE_FILLED)));
        }
    }

    @Test
    void aTableWithoutUsableRowsFailsNamingIt() throws IOException {
        Path file = dir.resolve("unusable.csv");
        Files.writeString(file, "series_id,ts,value\ng,2020-01-01,abc\n");
        SeriesSource source = new SeriesSource(file.toString(), SeriesFormat.CSV, "series_id", "ts", "value", DAILY,
                null, GapPolicy.SPLIT, 0.9);
        JobFailure failure = assertThrows(JobFailure.class,
                () -> RegularSeriesTable.load(spark, source, List.of(), null, AcceptedValues.ANY));
        assertEquals(true, failure.getMessage().contains(file.toString()), failure.getMessage());
    }
}
