package io.sparkforecast.input;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.SeriesFormat;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.storage.InputFingerprint;
import io.sparkforecast.storage.ParquetFiles;
import io.sparkforecast.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a series table (CSV or Parquet), checks its schema before any heavy work, places each
 * row on its series' time grid, and splits the rows into usable rows (typed, per series) and
 * rejected rows with a reason. Rows at or after the cutoff are out of scope, not rejected; with
 * a partition column, partitions after the cutoff are not read at all.
 */
public final class SeriesLoader {
    private static final int MAX_LISTED_COLUMNS = 200;
    /** What a column name looks like; a line of a system file (root:x:0:0:root:/root:...) does not. */
    private static final Pattern COLUMN_NAME = Pattern.compile("[\\p{L}\\p{N} _.\\-()%$#&+\\[\\]]{1,64}");
    /** A date and time of day followed by Z or an offset such as +01:00, +0100 or -05. */
    private static final String WITH_OFFSET = "^\\s*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*"
            + "(Z|[+-]\\d{2}(:?\\d{2})?)\\s*$";
    private static final Logger LOG = LoggerFactory.getLogger(SeriesLoader.class);
    private static final String REASON = RejectsTable.REASON;
    private static final String DETAIL = RejectsTable.DETAIL;
    // The source columns as read, for the rejects table and for telling a missing value from one
    // that does not parse; cast to text only for the rejects: formatting every timestamp and
    // number of the table as text cost scoring 100,000 series ~5% of its time.
    private static final String RAW = "raw_";
    private static final String EARLY_REASON = "early_reason";
    private static final String VALUE_REASON = "value_reason";
    private static final String VALUE_DETAIL = "value_detail";

    private SeriesLoader() {
    }

    /**
     * The table checked: each series in memory after one shuffle and sort (see
     * {@link SeriesCheck}), its usable rows cached as arrays; logs the counts and fails when no
     * row is usable. Release {@link ValidatedSeriesRows#cached()} when done.
     */
    public static ValidatedSeriesRows loadSeries(SparkSession spark, SeriesSource source, List<String> extraColumns,
                                                 LocalDateTime cutoff, AcceptedValues accepted) {
        CheckedSeries checked = checkSeries(spark, source, extraColumns, cutoff, accepted);
        // Cached on disk only: with a memory level, a partition that spilled is copied back into
        // one heap buffer of its whole size on each later read (100 MB a task at 10M rows),
        // which ran a 1 GB heap out of contiguous space.
        JavaRDD<SeriesCheck> checks = checked.checks().persist(StorageLevel.DISK_ONLY());

        Map<String, Long> counts = new TreeMap<>(checks.map(SeriesCheck::counts).fold(new HashMap<>(),
                SeriesLoader::sum));
        long inputRows = counts.values().stream().mapToLong(Long::longValue).sum();
        long usableRows = counts.getOrDefault("", 0L);
        counts.remove("");
        checkUsable(source, cutoff, inputRows, usableRows, counts);

        Dataset<Row> rejects = spark.createDataFrame(checks.flatMap(check -> check.rejects().iterator()),
                        checked.rejectsAsRead())
                .select(asRejects());
        return new ValidatedSeriesRows(checks.map(SeriesCheck::usable).filter(Objects::nonNull), rejects, inputRows,
                usableRows, counts, checked.fingerprint(), checks);
    }

    /**
     * Each series of a table checked in memory, not yet computed: each action on {@code checks}
     * reads, shuffles and checks the table anew.
     *
     * @param rejectsAsRead the schema of {@link SeriesCheck#rejects()}' rows
     */
    public record CheckedSeries(JavaRDD<SeriesCheck> checks, StructType rejectsAsRead, String fingerprint) {
    }

    /** The rows of each series after one shuffle and sort, checked per series (see {@link SeriesCheck}). */
    public static CheckedSeries checkSeries(SparkSession spark, SeriesSource source, List<String> extraColumns,
                                            LocalDateTime cutoff, AcceptedValues accepted) {
        TypedRows read = typedRows(spark, source, extraColumns, cutoff);
        Dataset<Row> checked = read.rows()
                .withColumn(EARLY_REASON, earlyReason())
                .withColumn(VALUE_REASON, valueReason(extraColumns.size(), accepted))
                .withColumn(VALUE_DETAIL, rejectDetail(extraColumns, accepted.classes(), col(VALUE_REASON)))
                .sortWithinPartitions(SeriesColumns.SERIES_ID, SeriesColumns.TS);
        StructType schema = checked.schema();
        int[] extras = new int[extraColumns.size()];
        for (int i = 0; i < extras.length; i++) {
            extras[i] = schema.fieldIndex(SeriesColumns.extra(i));
        }
        SeriesCheck.Columns columns = new SeriesCheck.Columns(schema.fieldIndex(SeriesColumns.SERIES_ID),
                schema.fieldIndex(SeriesColumns.TS), schema.fieldIndex(SeriesColumns.VALUE), extras,
                SeriesCheck.RawColumn.of(schema, RAW + SeriesColumns.SERIES_ID),
                SeriesCheck.RawColumn.of(schema, RAW + SeriesColumns.TS),
                SeriesCheck.RawColumn.of(schema, RAW + SeriesColumns.VALUE), schema.fieldIndex(EARLY_REASON),
                schema.fieldIndex(VALUE_REASON), schema.fieldIndex(VALUE_DETAIL));
        Frequency frequency = source.frequency();
        // The check reads Spark's internal rows in place (external Rows for the rejects only).
        JavaRDD<SeriesCheck> checks = checked.queryExecution().toRdd().toJavaRDD()
                .mapPartitions(rows -> bySeries(rows, columns, frequency));
        StructType asRead = new StructType()
                .add(schema.apply(columns.rawId().ordinal()).name(), columns.rawId().type())
                .add(schema.apply(columns.rawTs().ordinal()).name(), columns.rawTs().type())
                .add(schema.apply(columns.rawValue().ordinal()).name(), columns.rawValue().type())
                .add(REASON, DataTypes.StringType)
                .add(DETAIL, DataTypes.StringType);
        return new CheckedSeries(checks, asRead, read.fingerprint());
    }

    private static Map<String, Long> sum(Map<String, Long> total, Map<String, Long> counts) {
        counts.forEach((reason, rows) -> total.merge(reason, rows, Long::sum));
        return total;
    }

    /** The rows of each series id (null ids together) in turn, checked. */
    private static Iterator<SeriesCheck> bySeries(Iterator<InternalRow> rows, SeriesCheck.Columns columns,
                                                  Frequency frequency) {
        return new Iterator<>() {
            private InternalRow pending = advance();

            /** The next row, copied: the sort's iterator reuses one row object. */
            private InternalRow advance() {
                return rows.hasNext() ? rows.next().copy() : null;
            }

            private UTF8String id(InternalRow row) {
                return row.isNullAt(columns.id()) ? null : row.getUTF8String(columns.id());
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public SeriesCheck next() {
                UTF8String id = id(pending);
                List<InternalRow> series = new ArrayList<>();
                while (pending != null && Objects.equals(id, id(pending))) {
                    series.add(pending);
                    pending = advance();
                }
                return SeriesCheck.of(series, columns, frequency);
            }
        };
    }

    /** Logs the table's row counts; fails when no row is usable. */
    public static void checkUsable(SeriesSource source, LocalDateTime cutoff, long inputRows, long usableRows,
                                   Map<String, Long> rejected) {
        LOG.info("series table {}: {} rows{}, {} usable, {} rejected {}", source.path(), inputRows,
                cutoff == null ? "" : " before " + cutoff, usableRows, inputRows - usableRows, rejected);
        if (usableRows == 0) {
            throw JobFailure.invalidInput("series table %s has no usable rows (%d rows read%s, rejected: %s)",
                    source.path(), inputRows, cutoff == null ? "" : " before " + cutoff, rejected);
        }
    }

    /** The rows read, typed, with the source columns as read beside them, and the fingerprint of the files. */
    private record TypedRows(Dataset<Row> rows, String fingerprint) {
    }

    /**
     * The rows partitioned by series id: only the source columns used cross the shuffle, and the
     * typed copies are made after it.
     */
    private static TypedRows typedRows(SparkSession spark, SeriesSource source, List<String> extraColumns,
                                       LocalDateTime cutoff) {
        if (!Storage.of(spark).exists(source.path())) {
            throw JobFailure.usage("series.path does not exist: %s", source.path());
        }
        Dataset<Row> raw = read(spark, source);
        checkSchema(raw.schema(), source, extraColumns);
        String fingerprint = InputFingerprint.of(raw, spark.sparkContext().hadoopConfiguration());
        if (cutoff != null && source.partitionColumn() != null) {
            raw = raw.filter(col(quoted(source.partitionColumn())).cast(DataTypes.TimestampNTZType).lt(lit(cutoff)));
        }
        List<Column> used = new ArrayList<>(List.of(col(quoted(source.idColumn())), col(quoted(source.timeColumn())),
                col(quoted(source.valueColumn()))));
        extraColumns.forEach(extra -> used.add(col(quoted(extra))));
        raw = raw.select(used.toArray(Column[]::new));
        raw = raw.repartition(typedId(raw, source.idColumn()));

        List<Column> columns = new ArrayList<>(List.of(
                typedId(raw, source.idColumn()).as(SeriesColumns.SERIES_ID),
                time(raw, source.timeColumn()).as(SeriesColumns.TS),
                tryCast(source.valueColumn(), "double").as(SeriesColumns.VALUE),
                raw.col(quoted(source.idColumn())).as(RAW + SeriesColumns.SERIES_ID),
                raw.col(quoted(source.timeColumn())).as(RAW + SeriesColumns.TS),
                raw.col(quoted(source.valueColumn())).as(RAW + SeriesColumns.VALUE)));
        for (int i = 0; i < extraColumns.size(); i++) {
            columns.add(tryCast(extraColumns.get(i), "double").as(SeriesColumns.extra(i)));
            columns.add(raw.col(quoted(extraColumns.get(i))).as(RAW + SeriesColumns.extra(i)));
        }
        Dataset<Row> typed = raw.select(columns.toArray(Column[]::new));
        if (cutoff != null) {
            typed = typed.filter(col(SeriesColumns.TS).isNull().or(col(SeriesColumns.TS).lt(lit(cutoff))));
        }
        return new TypedRows(typed, fingerprint);
    }

    /**
     * The checks a dry run makes: the table exists and has the needed columns with usable types.
     * Reads the schema only (Parquet footers, or the CSV header line).
     *
     * @return a one-line description of the input
     */
    public static String checkInput(SparkSession spark, SeriesSource source, List<String> extraColumns) {
        StructType schema = readSchema(spark, source);
        checkSchema(schema, source, extraColumns);
        return String.format("%s (%s): columns %s", source.path(), source.format(), columnNames(schema));
    }

    /** The series table's schema as read (CSV: all text), without reading its data. */
    public static StructType readSchema(SparkSession spark, SeriesSource source) {
        if (!Storage.of(spark).exists(source.path())) {
            throw JobFailure.usage("series.path does not exist: %s", source.path());
        }
        return read(spark, source).schema();
    }

    private static Dataset<Row> read(SparkSession spark, SeriesSource source) {
        refuseLinkLoops(source.path());
        if (source.format() == SeriesFormat.CSV) {
            // Everything as text: each value is parsed below, so a bad one rejects its row only.
            // RFC 4180: a quote inside a quoted field is doubled ("q""uote") and a quoted field may
            // hold a line break, as Excel, Python and DuckDB write them. Records that may span lines
            // leave each file to one task: big tables belong in Parquet or in many files.
            return spark.read().option("header", "true").option("inferSchema", "false").option("escape", "\"")
                    .option("multiLine", "true").csv(source.path());
        }
        ParquetFiles.check(Storage.of(spark), source.path(), "series.path");
        return spark.read().parquet(source.path());
    }

    private static void checkSchema(StructType schema, SeriesSource source, List<String> extraColumns) {
        boolean csv = source.format() == SeriesFormat.CSV;
        require(schema, source, source.idColumn(), "series id (string or integer)",
                t -> t instanceof StringType || t instanceof IntegralType);
        require(schema, source, source.timeColumn(), "time (date, timestamp or text)",
                t -> t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType
                        || t instanceof StringType);
        require(schema, source, source.valueColumn(), "value (numeric)",
                t -> t instanceof NumericType || (csv && t instanceof StringType));
        for (String extra : extraColumns) {
            require(schema, source, extra, "extra feature (numeric)",
                    t -> t instanceof NumericType || (csv && t instanceof StringType));
        }
        if (source.partitionColumn() != null) {
            require(schema, source, source.partitionColumn(), "partition (date or timestamp)",
                    t -> t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType);
        }
    }

    /**
     * A local directory holding a symbolic link loop made Spark's listing recurse until the path
     * was too long, then fail with exit 1 and a long trace that never named the link.
     */
    private static void refuseLinkLoops(String path) {
        if (path.contains("://") && !path.startsWith("file:")) {
            return; // HDFS and object stores have no symbolic links by default
        }
        java.nio.file.Path local = java.nio.file.Path.of(path.replaceFirst("^file:(//)?", ""));
        if (!Files.isDirectory(local)) {
            return;
        }
        try (Stream<java.nio.file.Path> files = Files.walk(local, FileVisitOption.FOLLOW_LINKS)) {
            files.forEach(file -> { });
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            if (cause instanceof FileSystemLoopException loop) {
                throw JobFailure.invalidInput("series.path %s holds a symbolic link loop at %s: remove the link or "
                        + "point series.path at the table itself", path, loop.getFile());
            }
        }
    }

    /**
     * The columns for a message: their names where they look like names; otherwise (a file that
     * is no table, such as a gzip named .csv or a system file, whose first line CSV reads as the
     * header) only how many there are, so that no file content reaches the log or the summary.
     */
    public static String columnNames(StructType schema) {
        String[] names = schema.fieldNames();
        boolean plain = names.length <= MAX_LISTED_COLUMNS
                && Arrays.stream(names).allMatch(name -> COLUMN_NAME.matcher(name).matches());
        return plain ? Arrays.toString(names) : String.format("not shown: %d fields that do not look like column "
                + "names (is it a table with a header line?)", names.length);
    }

    private interface TypeCheck {
        boolean accepts(DataType type);
    }

    private static void require(StructType schema, SeriesSource source, String column, String role,
                                TypeCheck check) {
        StructField field = Arrays.stream(schema.fields()).filter(f -> f.name().equals(column)).findFirst()
                .orElseThrow(() -> JobFailure.invalidInput(
                        "series table %s has no column '%s' (the %s column); its columns are %s",
                        source.path(), column, role, columnNames(schema)));
        if (!check.accepts(field.dataType())) {
            throw JobFailure.invalidInput("series table %s: column '%s' has type %s; expected %s",
                    source.path(), column, field.dataType().simpleString(), role);
        }
    }

    private static Column typedId(Dataset<Row> raw, String idColumn) {
        Column id = raw.col(quoted(idColumn)).cast(DataTypes.StringType);
        return when(trim(id).equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(id);
    }

    /**
     * The time column as TIMESTAMP_NTZ. Text with a UTC offset or Z (2021-10-31T02:30:00+01:00)
     * names an instant: it is read as one and taken in the session's time zone (UTC unless set
     * otherwise), as a TIMESTAMP column is; casting it to TIMESTAMP_NTZ directly would drop the
     * offset, so that across a DST change two instants became duplicates and a gap appeared.
     */
    private static Column time(Dataset<Row> raw, String column) {
        Column local = tryCast(column, "timestamp_ntz");
        if (!(raw.schema().apply(column).dataType() instanceof StringType)) {
            return local;
        }
        Column instant = expr("try_cast(try_cast(" + quoted(column) + " as timestamp) as timestamp_ntz)");
        return when(col(quoted(column)).rlike(WITH_OFFSET), instant).otherwise(local);
    }

    private static Column tryCast(String column, String type) {
        return expr("try_cast(" + quoted(column) + " as " + type + ")");
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static Column notFinite(Column value) {
        return value.isNull().or(isnan(value)).or(abs(value).equalTo(Double.POSITIVE_INFINITY));
    }

    /** The reasons that come before the grid: no series id, no or a bad timestamp. */
    private static Column earlyReason() {
        return when(col(SeriesColumns.SERIES_ID).isNull(), RejectReason.MISSING_SERIES_ID.code())
                .when(col(RAW + SeriesColumns.TS).isNull(), RejectReason.MISSING_TIMESTAMP.code())
                .when(col(SeriesColumns.TS).isNull(), RejectReason.BAD_TIMESTAMP.code());
    }

    /** The reasons of a row's value and features, after off_frequency and before duplicate_timestamp. */
    private static Column valueReason(int extras, AcceptedValues accepted) {
        int classes = accepted.classes();
        Column value = col(SeriesColumns.VALUE);
        Column badFeature = lit(false);
        for (int i = 0; i < extras; i++) {
            badFeature = badFeature.or(notFinite(col(SeriesColumns.extra(i))));
        }
        return when(col(RAW + SeriesColumns.VALUE).isNull(), RejectReason.MISSING_VALUE.code())
                .when(value.isNull(), RejectReason.BAD_VALUE.code())
                .when(notFinite(value), RejectReason.NON_FINITE_VALUE.code())
                .when(badFeature, RejectReason.BAD_FEATURE_VALUE.code())
                .when(lit(classes > 0).and(not(isClass(value, classes))), RejectReason.NOT_A_CLASS.code())
                .when(lit(accepted.nonZero()).and(value.equalTo(0.0)), RejectReason.ZERO_VALUE.code());
    }

    /** Rejected rows in the rejects table's form: the source columns as read, as text, the reason and detail. */
    private static Column[] asRejects() {
        return new Column[] {
            col(RAW + SeriesColumns.SERIES_ID).cast(DataTypes.StringType).as(SeriesColumns.SERIES_ID),
            col(RAW + SeriesColumns.TS).cast(DataTypes.StringType).as(SeriesColumns.TS),
            col(RAW + SeriesColumns.VALUE).cast(DataTypes.StringType).as(SeriesColumns.VALUE),
            col(REASON).as(RejectsTable.REASON), col(DETAIL).as(RejectsTable.DETAIL)};
    }

    private static Column isClass(Column value, int classes) {
        return value.equalTo(floor(value)).and(value.geq(0)).and(value.lt(classes));
    }

    /** What the reason refers to, where one word is not enough: the bad feature column and its text, the classes. */
    private static Column rejectDetail(List<String> extraColumns, int classes, Column reason) {
        Column detail = lit(null).cast(DataTypes.StringType);
        for (int i = extraColumns.size() - 1; i >= 0; i--) {
            detail = when(notFinite(col(SeriesColumns.extra(i))),
                    concat(lit(extraColumns.get(i) + "="), expr("coalesce(cast(" + RAW + SeriesColumns.extra(i) + " as string), 'null')")))
                    .otherwise(detail);
        }
        return when(reason.equalTo(RejectReason.BAD_FEATURE_VALUE.code()), detail)
                .when(reason.equalTo(RejectReason.NOT_A_CLASS.code()),
                        lit("task.type = classify takes whole numbers 0.." + (classes - 1)))
                .when(reason.equalTo(RejectReason.ZERO_VALUE.code()),
                        lit("transform.scaling = window divides by each window's first value"));
    }


}
