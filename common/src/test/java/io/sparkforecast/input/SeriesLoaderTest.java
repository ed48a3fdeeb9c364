package io.sparkforecast.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.SeriesFormat;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.spark.SparkTestSession;
import io.sparkforecast.storage.UnreadableInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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


    private SeriesSource csv(String content) throws IOException {
        Path file = Files.createTempFile(dir, "series", ".csv");
        Files.writeString(file, content);
        return source(file.toString(), SeriesFormat.CSV, "P1D");
    }

    private static SeriesSource source(String path, SeriesFormat format, String frequency) {
        return new SeriesSource(path, format, "series_id", "ts", "value", Frequency.parse(frequency), null,
                GapPolicy.SPLIT, 0.1);
    }

    private static ValidatedSeriesRows load(SeriesSource source) {
        return SeriesLoader.loadSeries(spark, source, List.of(), null, AcceptedValues.ANY);
    }

    /** Each usable row as "id@ts=value step s of anchor" and its extras, sorted by id and time. */
    private static List<String> usable(ValidatedSeriesRows series) {
        List<String> rows = new ArrayList<>();
        for (SeriesRows one : series.series().collect()) {
            for (int i = 0; i < one.size(); i++) {
                StringBuilder row = new StringBuilder(one.seriesId() + "@" + one.ts(i) + "=" + one.values()[i]
                        + " step " + one.steps()[i] + " of " + one.anchor());
                for (double[] extra : one.extras()) {
                    row.append(" ").append(extra[i]);
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> ids(ValidatedSeriesRows series) {
        return series.series().map(SeriesRows::seriesId).collect().stream().sorted().toList();
    }

    @Test
    void forAClassifierValuesThatAreNotClassesAreRejectedAsNotAClass() throws IOException {
        SeriesSource source = csv("""
                series_id,ts,value
                a,2020-01-01,0
                a,2020-01-02,3
                a,2020-01-03,4
                a,2020-01-04,2.5
                a,2020-01-05,-1
                a,2020-01-06,1.0
                """);
        ValidatedSeriesRows series = SeriesLoader.loadSeries(spark, source, List.of(), null, new AcceptedValues(4, false));

        assertEquals(3, series.usableRows());
        assertEquals(Map.of("not_a_class", 3L), series.rejectedByReason());
        List<String> rejected = series.rejects().collectAsList().stream()
                .map(r -> r.getString(2) + " " + r.getString(3) + " " + r.getString(4)).sorted().toList();
        assertEquals(List.of("-1 not_a_class task.type = classify takes whole numbers 0..3",
                "2.5 not_a_class task.type = classify takes whole numbers 0..3",
                "4 not_a_class task.type = classify takes whole numbers 0..3"), rejected);
        assertEquals(6, load(source).usableRows(), "a forecasting load takes every finite value");
    }

    @Test
    void csvIsReadAsRfc4180WithDoubledQuotesInsideQuotedFields() throws IOException {
        SeriesSource source = csv("""
                series_id,ts,value
                "q""uote",2020-01-01,1
                "comma, inside",2020-01-01,2
                plain,2020-01-01,3
                """);
        assertEquals(List.of("comma, inside", "plain", "q\"uote"), ids(load(source)));
    }

    @Test
    void aQuotedFieldMayHoldALineBreak() throws IOException {
        SeriesSource source = csv("series_id,ts,value\n\"store\nnorth\",2020-01-01,1\nplain,2020-01-01,2\n");
        ValidatedSeriesRows loaded = load(source);
        assertEquals(List.of("plain", "store\nnorth"), ids(loaded));
        assertEquals(loaded.inputRows(), loaded.usableRows());
    }

    @Test
    void textTimesWithAUtcOffsetAreTheInstantsTheyName() throws IOException {
        // Berlin leaves summer time at 03:00 on 2021-10-31: 02:30 comes twice, an hour apart.
        Path file = Files.createTempFile(dir, "offsets", ".csv");
        Files.writeString(file, """
                series_id,ts,value
                a,2021-10-31T01:30:00+02:00,1
                a,2021-10-31T02:30:00+02:00,2
                a,2021-10-31T02:30:00+01:00,3
                a,2021-10-31T03:30:00+01:00,4
                b,2021-10-30T23:00:00Z,5
                b,2021-10-31 00:00:00,6
                """);
        ValidatedSeriesRows loaded = load(source(file.toString(), SeriesFormat.CSV, "PT1H"));
        assertEquals(6, loaded.usableRows());
        List<String> times = usable(loaded).stream().map(r -> r.substring(0, r.indexOf('='))).toList();
        assertEquals(List.of("a@2021-10-30T23:30", "a@2021-10-31T00:30", "a@2021-10-31T01:30", "a@2021-10-31T02:30",
                "b@2021-10-30T23:00", "b@2021-10-31T00:00"), times);
    }

    @Test
    void parquetFilesThatAreTruncatedOrForeignAreNamedInOneLine() throws IOException {
        Path table = dir.resolve("table");
        spark.range(0, 20).selectExpr("'a' AS series_id", "CAST(date_add(DATE'2020-01-01', CAST(id AS INT)) AS TIMESTAMP_NTZ) AS ts",
                "CAST(id AS DOUBLE) AS value").repartition(2).write().parquet(table.toString());
        SeriesSource source = source(table.toString(), SeriesFormat.PARQUET, "P1D");
        assertEquals(20, load(source).usableRows());
        Path bad;
        try (Stream<Path> files = Files.list(table)) {
            bad = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(bad);
        // As another tool would leave it: no Hadoop .crc beside the file.
        Files.delete(bad.resolveSibling("." + bad.getFileName() + ".crc"));

        Files.write(bad, Arrays.copyOf(whole, whole.length / 2));
        JobFailure truncated = assertThrows(JobFailure.class, () -> SeriesLoader.checkInput(spark, source, List.of()));
        assertEquals(ExitCode.INVALID_INPUT, truncated.exitCode());
        assertTrue(truncated.getMessage().contains(bad.getFileName().toString())
                && truncated.getMessage().contains("wrong magic number at its end"), truncated.getMessage());

        Files.write(bad, Arrays.copyOf(whole, 5));
        assertTrue(assertThrows(JobFailure.class, () -> load(source)).getMessage().contains("truncated (5 bytes"));

        Files.writeString(bad, "series_id,ts,value\na,2020-01-01,1\n");
        assertTrue(assertThrows(JobFailure.class, () -> load(source)).getMessage()
                .contains("wrong magic number at its start (seri, expected PAR1)"));
    }

    @Test
    void aParquetFileWithACorruptBodyIsAnInputErrorNamingTheFile() throws IOException {
        Path table = dir.resolve("corrupt");
        spark.range(0, 2000).selectExpr("'a' AS series_id", "CAST(date_add(DATE'2020-01-01', CAST(id AS INT)) AS TIMESTAMP_NTZ) AS ts",
                "CAST(id * 7 % 13 AS DOUBLE) AS value").coalesce(1).write().option("compression", "none")
                .parquet(table.toString());
        Path file;
        try (Stream<Path> files = Files.list(table)) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 4; i < bytes.length / 2; i++) {
            bytes[i] = (byte) 0xff; // the data pages; the footer (at the end) stays readable
        }
        Files.write(file, bytes);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        Exception failure = assertThrows(Exception.class,
                () -> load(source(table.toString(), SeriesFormat.PARQUET, "P1D")));
        JobFailure input = UnreadableInput.from(failure).orElseThrow(() -> new AssertionError(failure));
        assertEquals(ExitCode.INVALID_INPUT, input.exitCode());
        assertTrue(input.getMessage().startsWith("cannot read input file ")
                && input.getMessage().contains(file.getFileName().toString()), input.getMessage());
        assertEquals(1, input.getMessage().lines().count());
    }

    @Test
    void forWindowScalingZeroValuesAreRejectedAsZeroValue() throws IOException {
        SeriesSource source = csv("""
                series_id,ts,value
                a,2020-01-01,5
                a,2020-01-02,0
                a,2020-01-03,-0.0
                a,2020-01-04,0.001
                """);
        ValidatedSeriesRows series = SeriesLoader.loadSeries(spark, source, List.of(), null, new AcceptedValues(0, true));

        assertEquals(2, series.usableRows());
        assertEquals(Map.of("zero_value", 2L), series.rejectedByReason());
        assertEquals("transform.scaling = window divides by each window's first value",
                series.rejects().first().getString(4));
    }

    @Test
    void everyBadRowIsRejectedWithItsReasonAndGoodRowsAreKept() throws IOException {
        SeriesSource source = csv("""
                series_id,ts,value
                a,2020-01-01,1.5
                a,2020-01-02,2
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
        ValidatedSeriesRows series = load(source);

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
                "a|2020-01-02 06:30:00|2", "off_frequency",
                "a|null|5.0", "missing_timestamp",
                "b|2020-01-01|1.0", "duplicate_timestamp",
                "b|2020-01-01|2.0", "duplicate_timestamp",
                "b|2020-01-02|Infinity", "non_finite_value"), reasons);

        assertEquals(List.of("a@2020-01-01T00:00=1.5 step 0 of 2020-01-01T00:00",
                "a@2020-01-02T00:00=2.0 step 1 of 2020-01-01T00:00",
                "b@2020-01-03T00:00=7.0 step 2 of 2020-01-01T00:00"), usable(series));

        assertEquals(13, series.inputRows());
        assertEquals(3, series.usableRows());
        assertEquals(10L, series.rejectedByReason().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(2L, series.rejectedByReason().get("duplicate_timestamp"));
    }

    @Test
    void aFileThatIsNoTableIsRefusedWithoutEchoingItsContent() throws IOException {
        // As a symlink to /etc/passwd would read: CSV takes its first line for the header.
        SeriesSource source = csv("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        JobFailure failure = assertThrows(JobFailure.class, () -> load(source));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no column 'series_id'")
                && failure.getMessage().contains("not shown: 1 fields"), failure.getMessage());
        assertFalse(failure.getMessage().contains("root"), failure.getMessage());
        // The dry run's check says the same.
        JobFailure dryRun = assertThrows(JobFailure.class, () -> SeriesLoader.checkInput(spark, source, List.of()));
        assertFalse(dryRun.getMessage().contains("root"), dryRun.getMessage());
    }

    @Test
    void aSymbolicLinkLoopInTheInputDirectoryIsNamed() throws IOException {
        Path table = dir.resolve("looped");
        Files.createDirectories(table);
        Files.writeString(table.resolve("part-0.csv"), "series_id,ts,value\na,2020-01-01,1\n");
        Files.createSymbolicLink(table.resolve("again"), table);
        JobFailure failure = assertThrows(JobFailure.class,
                () -> load(source(table.toString(), SeriesFormat.CSV, "P1D")));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("symbolic link loop") && failure.getMessage().contains("again"),
                failure.getMessage());
    }

    @Test
    void missingColumnFailsNamingTheColumn() throws IOException {
        SeriesSource source = csv("series_id,ts,amount\na,2020-01-01,1\n");
        JobFailure failure = assertThrows(JobFailure.class, () -> load(source));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no column 'value'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("amount"), failure.getMessage());
    }

    @Test
    void wronglyTypedParquetColumnFailsNamingColumnAndExpectedType() {
        String path = dir.resolve("typed.parquet").toString();
        spark.sql("SELECT 'a' AS series_id, DATE'2020-01-01' AS ts, 'high' AS value").write().parquet(path);
        SeriesSource source = source(path, SeriesFormat.PARQUET, "P1D");

        JobFailure failure = assertThrows(JobFailure.class, () -> load(source));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("column 'value' has type string; expected value (numeric)"),
                failure.getMessage());
    }

    @Test
    void typedParquetWithOtherColumnNamesIsRead() {
        String path = dir.resolve("named.parquet").toString();
        spark.sql("SELECT 42L AS store, TIMESTAMP_NTZ'2021-03-04 05:06:07' AS at, 2.5F AS sales").write().parquet(path);
        SeriesSource source = new SeriesSource(path, SeriesFormat.PARQUET, "store", "at", "sales", Frequency.parse("PT1H"), null,
                GapPolicy.SPLIT, 0.1);

        assertEquals(List.of("42@2021-03-04T05:06:07=2.5 step 0 of 2021-03-04T05:06:07"), usable(load(source)));
    }

    @Test
    void inputWithoutUsableRowsFails() throws IOException {
        SeriesSource empty = csv("series_id,ts,value\n");
        JobFailure failure = assertThrows(JobFailure.class, () -> load(empty));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no usable rows"), failure.getMessage());
    }

    @Test
    void missingPathIsAUsageError() {
        SeriesSource source = source(dir.resolve("absent").toString(), SeriesFormat.CSV, "P1D");
        JobFailure failure = assertThrows(JobFailure.class, () -> load(source));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    }

    @Test
    void gridFollowsMostTimestampsOfEachSeries() throws IOException {
        // Month ends: Feb 28 is on the grid; a stray mid-month row is not.
        SeriesSource source = source(csv("""
                series_id,ts,value
                m,2021-01-31,1
                m,2021-02-28,2
                m,2021-03-15,9
                m,2021-03-31,3
                m,2021-05-31,5
                """).path(), SeriesFormat.CSV, "P1M");
        ValidatedSeriesRows series = load(source);

        assertEquals(List.of(0L, 1L, 2L, 4L), Arrays.stream(series.series().first().steps()).boxed().toList());
        assertEquals(Map.of("off_frequency", 1L), series.rejectedByReason());
    }

    @Test
    void extraFeatureColumnsAreTypedAndBadValuesRejectedNamingTheColumn() throws IOException {
        Path file = Files.createTempFile(dir, "extra", ".csv");
        Files.writeString(file, """
                series_id,ts,value,price,promo
                a,2020-01-01,1,2.5,0
                a,2020-01-02,2,,1
                a,2020-01-03,3,2.7,yes
                """);
        ValidatedSeriesRows series = SeriesLoader.loadSeries(spark, source(file.toString(), SeriesFormat.CSV, "P1D"),
                List.of("price", "promo"), null, AcceptedValues.ANY);

        assertEquals(List.of("a@2020-01-01T00:00=1.0 step 0 of 2020-01-01T00:00 2.5 0.0"), usable(series));
        List<String> details = series.rejects().orderBy("ts").collectAsList().stream()
                .map(r -> r.getString(3) + ":" + r.getString(4)).toList();
        assertEquals(List.of("bad_feature_value:price=null", "bad_feature_value:promo=yes"), details);
    }

    @Test
    void rowsAfterTheCutoffAreOutOfScopeAndLaterPartitionsAreNotRead() {
        String path = dir.resolve("partitioned").toString();
        spark.sql("SELECT 's' AS series_id, CAST(d AS TIMESTAMP_NTZ) AS ts, CAST(day(d) AS DOUBLE) AS value, "
                        + "trunc(d, 'month') AS date FROM (SELECT explode(sequence(DATE'2020-01-01', DATE'2020-03-31')) AS d)")
                .write().partitionBy("date").parquet(path);
        // A later partition holding (mislabelled) early rows: they show up only if it is read.
        spark.sql("SELECT 'late' AS series_id, TIMESTAMP_NTZ'2020-02-01 00:00:00' AS ts, 1.0 AS value")
                .write().parquet(path + "/date=2020-04-01");
        SeriesSource source = new SeriesSource(path, SeriesFormat.PARQUET, "series_id", "ts", "value", Frequency.parse("P1D"),
                "date", GapPolicy.SPLIT, 0.1);

        ValidatedSeriesRows series = SeriesLoader.loadSeries(spark, source, List.of(),
                LocalDateTime.parse("2020-02-15T00:00"), AcceptedValues.ANY);

        assertEquals(45, series.inputRows());
        assertEquals(List.of("s"), ids(series));
        SeriesRows rows = series.series().first();
        assertEquals(LocalDateTime.parse("2020-02-14T00:00"), rows.ts(rows.size() - 1));
    }
    @Test
    void eachRowGetsTheFirstReasonThatAppliesAndEachSeriesItsOwnGrid() throws IOException {
        Path file = Files.createTempFile(dir, "mixed", ".csv");
        Files.writeString(file, """
                series_id,ts,value,price
                a,2020-01-01,1.5,1
                a,2020-01-02,2,1
                a,2020-01-02 06:30:00,2,1
                a,2020-01-03,NaN,1
                a,2020-01-04,abc,1
                a,2020-01-05,,1
                a,2020-01-07,8,
                ,2020-01-06,3.0,1
                a,not-a-date,4.0,1
                a,,5.0,1
                b,2020-01-01,1.0,1
                b,2020-01-01,2.0,1
                b,2020-01-02,Infinity,1
                b,2020-01-03,7,1
                b,2020-01-04,0,1
                b,2020-01-04 12:00:00,9,1
                b,2020-01-05 12:00:00,9,1
                b,2020-01-06 12:00:00,9,1
                c,2020-01-01 12:00:00,1,1
                c,2020-01-02 00:00:00,2,1
                """);
        SeriesSource source = source(file.toString(), SeriesFormat.CSV, "P1D");
        ValidatedSeriesRows series = SeriesLoader.loadSeries(spark, source, List.of("price"), null,
                new AcceptedValues(0, true));

        // The first reason that applies: the id and time, the grid, the value and features, duplicates.
        assertEquals(Map.of("bad_feature_value", 1L, "bad_timestamp", 1L, "bad_value", 1L, "duplicate_timestamp", 2L,
                "missing_series_id", 1L, "missing_timestamp", 1L, "missing_value", 1L, "non_finite_value", 2L,
                "off_frequency", 5L, "zero_value", 1L), series.rejectedByReason());
        assertEquals(20, series.inputRows());
        assertEquals(4, series.usableRows());
        // b's grid is midnight (five rows against three at noon); c's one row at each ties, midnight first.
        assertEquals(List.of("a@2020-01-01T00:00=1.5 step 0 of 2020-01-01T00:00 1.0",
                "a@2020-01-02T00:00=2.0 step 1 of 2020-01-01T00:00 1.0",
                "b@2020-01-03T00:00=7.0 step 2 of 2020-01-01T00:00 1.0",
                "c@2020-01-02T00:00=2.0 step 0 of 2020-01-02T00:00 1.0"), usable(series));
        assertEquals("price=null", series.rejects().filter("ts = '2020-01-07'").first().getString(4));
    }

    @Test
    void typedParquetRowsAreRejectedAsRead() {
        // typed source columns (an integer id, a session-zone timestamp, a float value): the
        // in-memory check makes their external values for the rejects itself
        String path = dir.resolve("typed.parquet").toString();
        spark.sql("""
                SELECT * FROM VALUES
                  (7, TIMESTAMP'2021-03-04 05:00:00', 1.5F),
                  (7, TIMESTAMP'2021-03-04 06:00:00', 2.0F),
                  (7, TIMESTAMP'2021-03-04 06:00:00', 2.5F),
                  (7, TIMESTAMP'2021-03-04 07:30:00', 3.0F),
                  (7, TIMESTAMP'2021-03-04 08:00:00', CAST('NaN' AS FLOAT)),
                  (7, TIMESTAMP'2021-03-04 09:00:00', 4.0F),
                  (8, TIMESTAMP'2021-03-04 05:00:00', 1.0F),
                  (8, CAST(NULL AS TIMESTAMP), 1.0F),
                  (CAST(NULL AS INT), TIMESTAMP'2021-03-04 05:00:00', 1.0F)
                  AS t(store, at, sales)""").write().parquet(path);
        SeriesSource source = new SeriesSource(path, SeriesFormat.PARQUET, "store", "at", "sales",
                Frequency.parse("PT1H"), null, GapPolicy.SPLIT, 0.9);
        ValidatedSeriesRows inMemory = SeriesLoader.loadSeries(spark, source, List.of(), null, AcceptedValues.ANY);

        List<Row> rejects = inMemory.rejects().orderBy("series_id", "ts", "value").collectAsList();
        assertEquals(List.of("null|2021-03-04 05:00:00|1.0|missing_series_id",
                "7|2021-03-04 06:00:00|2.0|duplicate_timestamp", "7|2021-03-04 06:00:00|2.5|duplicate_timestamp",
                "7|2021-03-04 07:30:00|3.0|off_frequency", "7|2021-03-04 08:00:00|NaN|non_finite_value",
                "8|null|1.0|missing_timestamp"), rejects.stream().map(r -> r.getString(0) + "|" + r.getString(1) + "|"
                + r.getString(2) + "|" + r.getString(3)).toList());
        assertEquals(3L, inMemory.usableRows());
    }
}
