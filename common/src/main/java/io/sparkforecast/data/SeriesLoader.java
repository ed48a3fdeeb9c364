package io.sparkforecast.data;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.JobFailure;
import io.sparkforecast.storage.InputFingerprint;
import io.sparkforecast.storage.Storage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a series table (CSV or Parquet), checks its schema before any heavy work, and splits
 * its rows into clean rows (canonical columns, typed) and rejected rows with a reason.
 */
public final class SeriesLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesLoader.class);
    private static final String REASON = "reason";
    private static final String RAW = "raw_";

    private SeriesLoader() {
    }

    public static ValidatedSeries load(SparkSession spark, SeriesSource source) {
        if (!Storage.of(spark).exists(source.path())) {
            throw JobFailure.usage("series.path does not exist: %s", source.path());
        }
        Dataset<Row> raw = read(spark, source);
        checkSchema(raw.schema(), source);

        Dataset<Row> flagged = raw.select(
                        typedId(raw, source.idColumn()).as(SeriesColumns.SERIES_ID),
                        tryCast(source.timeColumn(), "timestamp_ntz").as(SeriesColumns.TS),
                        tryCast(source.valueColumn(), "double").as(SeriesColumns.VALUE),
                        raw.col(quoted(source.idColumn())).cast("string").as(RAW + SeriesColumns.SERIES_ID),
                        raw.col(quoted(source.timeColumn())).cast("string").as(RAW + SeriesColumns.TS),
                        raw.col(quoted(source.valueColumn())).cast("string").as(RAW + SeriesColumns.VALUE))
                .withColumn(REASON, rejectReason())
                .persist(StorageLevel.MEMORY_AND_DISK());

        Map<String, Long> counts = countByReason(flagged);
        long inputRows = counts.values().stream().mapToLong(Long::longValue).sum();
        long usedRows = counts.getOrDefault("", 0L);
        counts.remove("");
        LOG.info("series table {}: {} rows, {} usable, {} rejected {}", source.path(), inputRows, usedRows,
                inputRows - usedRows, counts);
        if (usedRows == 0) {
            throw JobFailure.invalidInput("series table %s has no usable rows (%d rows read, rejected: %s)",
                    source.path(), inputRows, counts);
        }

        Dataset<Row> clean = flagged.filter(col(REASON).isNull())
                .select(SeriesColumns.SERIES_ID, SeriesColumns.TS, SeriesColumns.VALUE);
        Dataset<Row> rejects = flagged.filter(col(REASON).isNotNull())
                .select(col(RAW + SeriesColumns.SERIES_ID).as(SeriesColumns.SERIES_ID),
                        col(RAW + SeriesColumns.TS).as(SeriesColumns.TS),
                        col(RAW + SeriesColumns.VALUE).as(SeriesColumns.VALUE),
                        col(REASON));
        return new ValidatedSeries(clean, rejects, inputRows, usedRows, counts,
                InputFingerprint.of(raw, spark.sparkContext().hadoopConfiguration()));
    }

    private static Dataset<Row> read(SparkSession spark, SeriesSource source) {
        if (source.format().equals("csv")) {
            // Everything as text: each value is parsed below, so a bad one rejects its row only.
            return spark.read().option("header", "true").option("inferSchema", "false").csv(source.path());
        }
        return spark.read().parquet(source.path());
    }

    private static void checkSchema(StructType schema, SeriesSource source) {
        require(schema, source, source.idColumn(), "series id (string or integer)",
                t -> t instanceof StringType || t instanceof IntegralType);
        require(schema, source, source.timeColumn(), "time (date, timestamp or text)",
                t -> t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType
                        || t instanceof StringType);
        require(schema, source, source.valueColumn(), "value (numeric)",
                t -> t instanceof NumericType || (source.format().equals("csv") && t instanceof StringType));
    }

    private interface TypeCheck {
        boolean accepts(DataType type);
    }

    private static void require(StructType schema, SeriesSource source, String column, String role,
                                TypeCheck check) {
        StructField field = Arrays.stream(schema.fields()).filter(f -> f.name().equals(column)).findFirst()
                .orElseThrow(() -> JobFailure.invalidInput(
                        "series table %s has no column '%s' (the %s column); its columns are %s",
                        source.path(), column, role, Arrays.toString(schema.fieldNames())));
        if (!check.accepts(field.dataType())) {
            throw JobFailure.invalidInput("series table %s: column '%s' has type %s; expected %s",
                    source.path(), column, field.dataType().simpleString(), role);
        }
    }

    private static Column typedId(Dataset<Row> raw, String idColumn) {
        Column id = raw.col(quoted(idColumn)).cast(DataTypes.StringType);
        return when(trim(id).equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(id);
    }

    private static Column tryCast(String column, String type) {
        return expr("try_cast(" + quoted(column) + " as " + type + ")");
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /** The first reason that applies to a row, or null for a usable row. */
    private static Column rejectReason() {
        Column value = col(SeriesColumns.VALUE);
        Column duplicates = count(lit(1)).over(Window.partitionBy(SeriesColumns.SERIES_ID, SeriesColumns.TS));
        return when(col(SeriesColumns.SERIES_ID).isNull(), RejectReason.MISSING_SERIES_ID.code())
                .when(col(RAW + SeriesColumns.TS).isNull(), RejectReason.MISSING_TIMESTAMP.code())
                .when(col(SeriesColumns.TS).isNull(), RejectReason.BAD_TIMESTAMP.code())
                .when(col(RAW + SeriesColumns.VALUE).isNull(), RejectReason.MISSING_VALUE.code())
                .when(value.isNull(), RejectReason.BAD_VALUE.code())
                .when(isnan(value).or(abs(value).equalTo(Double.POSITIVE_INFINITY)),
                        RejectReason.NON_FINITE_VALUE.code())
                .when(duplicates.gt(1), RejectReason.DUPLICATE_TIMESTAMP.code());
    }

    /** Rows per reason; the usable rows are counted under "". */
    private static Map<String, Long> countByReason(Dataset<Row> flagged) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row row : flagged.groupBy(col(REASON)).count().collectAsList()) {
            counts.put(row.isNullAt(0) ? "" : row.getString(0), row.getLong(1));
        }
        return counts;
    }
}
