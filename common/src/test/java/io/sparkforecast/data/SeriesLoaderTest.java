package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ExitCode;
import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.JobFailure;
import io.sparkforecast.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesLoaderTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SeriesLoaderTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private SeriesSource csv(String content) throws IOException {
        Path file = Files.createTempFile(dir, "series", ".csv");
        Files.writeString(file, content);
        return new SeriesSource(file.toString(), "csv", "series_id", "ts", "value", Frequency.parse("P1D"));
    }

    @Test
    void everyBadRowIsRejectedWithItsReasonAndGoodRowsAreKept() throws IOException {
        SeriesSource source = csv("""
                series_id,ts,value
                a,2020-01-01,1.5
                a,2020-01-02 06:30:00,2
                a,2020-01-03,NaN
                a,2020-01-04,abc
                a,2020-01-05,
                ,2020-01-06,3.0
                a,not-a-date,4.0
                a,,5.0
                b,2020-01-01,1.0
                b,2020-01-01,2.0
                b,2020-01-02,Infinity
                b,2020-01-03,7
                """);
        ValidatedSeries series = SeriesLoader.load(spark, source);

        Map<String, String> reasons = new HashMap<>();
        for (Row r : series.rejects().collectAsList()) {
            reasons.merge(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r.getString(3),
                    (x, y) -> x + "," + y);
        }
        assertEquals(Map.of(
                "a|2020-01-03|NaN", "non_finite_value",
                "a|2020-01-04|abc", "bad_value",
                "a|2020-01-05|null", "missing_value",
                "null|2020-01-06|3.0", "missing_series_id",
                "a|not-a-date|4.0", "bad_timestamp",
                "a|null|5.0", "missing_timestamp",
                "b|2020-01-01|1.0", "duplicate_timestamp",
                "b|2020-01-01|2.0", "duplicate_timestamp",
                "b|2020-01-02|Infinity", "non_finite_value"), reasons);

        List<Row> clean = series.clean().orderBy("series_id", "ts").collectAsList();
        assertEquals(3, clean.size());
        assertEquals(LocalDateTime.parse("2020-01-02T06:30"), clean.get(1).get(1));
        assertEquals(7.0, clean.get(2).getDouble(2));

        assertEquals(12, series.inputRows());
        assertEquals(3, series.usableRows());
        assertEquals(series.inputRows(), series.usableRows() + series.rejectedRows());
        assertEquals(9L, series.rejectedByReason().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(2L, series.rejectedByReason().get("duplicate_timestamp"));
    }

    @Test
    void missingColumnFailsNamingTheColumn() throws IOException {
        SeriesSource source = csv("series_id,ts,amount\na,2020-01-01,1\n");
        JobFailure failure = assertThrows(JobFailure.class, () -> SeriesLoader.load(spark, source));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no column 'value'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("amount"), failure.getMessage());
    }

    @Test
    void wronglyTypedParquetColumnFailsNamingColumnAndExpectedType() {
        String path = dir.resolve("typed.parquet").toString();
        spark.sql("SELECT 'a' AS series_id, DATE'2020-01-01' AS ts, 'high' AS value").write().parquet(path);
        SeriesSource source = new SeriesSource(path, "parquet", "series_id", "ts", "value", Frequency.parse("P1D"));

        JobFailure failure = assertThrows(JobFailure.class, () -> SeriesLoader.load(spark, source));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("column 'value' has type string; expected value (numeric)"),
                failure.getMessage());
    }

    @Test
    void typedParquetWithOtherColumnNamesIsRead() {
        String path = dir.resolve("named.parquet").toString();
        spark.sql("SELECT 42L AS store, TIMESTAMP_NTZ'2021-03-04 05:06:07' AS at, 2.5F AS sales").write().parquet(path);
        SeriesSource source = new SeriesSource(path, "parquet", "store", "at", "sales", Frequency.parse("PT1H"));

        Row row = SeriesLoader.load(spark, source).clean().first();
        assertEquals("42", row.getString(0));
        assertEquals(LocalDateTime.parse("2021-03-04T05:06:07"), row.get(1));
        assertEquals(2.5, row.getDouble(2));
    }

    @Test
    void inputWithoutUsableRowsFails() throws IOException {
        SeriesSource empty = csv("series_id,ts,value\n");
        JobFailure failure = assertThrows(JobFailure.class, () -> SeriesLoader.load(spark, empty));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no usable rows"), failure.getMessage());
    }

    @Test
    void missingPathIsAUsageError() {
        SeriesSource source = new SeriesSource(dir.resolve("absent").toString(), "csv", "series_id", "ts", "value",
                Frequency.parse("P1D"));
        JobFailure failure = assertThrows(JobFailure.class, () -> SeriesLoader.load(spark, source));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    }
}
