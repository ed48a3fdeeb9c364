package io.sparkforecast.storage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sparkforecast.core.IcebergCatalog;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.TableFormat;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output tables in their format (output.table_format). A table is named by its output
 * path: Parquet, a Hive-partitioned directory there whose partitions the {@link PartitionWriter}
 * replaces; Iceberg, the table {@code <catalog>.<namespace>.<the path's last name>} whose
 * partitions one commit replaces (dynamic partition overwrite), with the snapshot it made.
 */
public final class OutputTables {
    /** Snapshot summary property that finds the snapshot a write made, whatever else committed meanwhile. */
    private static final String WRITE_ID = "forecast.write-id";
    /**
     * Tests: a JVM started with this property true halts (as if killed) inside an Iceberg write,
     * after its first row reached the writer and before the commit.
     */
    public static final String HALT_WHILE_WRITING_PROPERTY = "sparkforecast.iceberg.halt-while-writing";
    private static final String ICEBERG_CATALOG_CLASS = "org.apache.iceberg.spark.SparkCatalog";
    private static final Logger LOG = LoggerFactory.getLogger(OutputTables.class);

    private final SparkSession spark;
    private final TableFormat format;
    private final IcebergCatalog iceberg;

    private OutputTables(SparkSession spark, TableFormat format, IcebergCatalog iceberg) {
        this.spark = spark;
        this.format = format;
        this.iceberg = iceberg;
    }

    /**
     * The tables of this format. For Iceberg, a catalog of the configured name that the session
     * does not define (spark.sql.catalog.<name>, e.g. from spark.conf) is defined here: a Hadoop
     * catalog on the configured warehouse.
     */
    public static OutputTables of(SparkSession spark, TableFormat format, IcebergCatalog iceberg) {
        if (format == TableFormat.ICEBERG) {
            requireIcebergRuntime(ICEBERG_CATALOG_CLASS);
            String key = "spark.sql.catalog." + iceberg.catalog();
            if (!spark.conf().contains(key)) {
                Storage storage = Storage.of(spark);
                spark.conf().set(key, ICEBERG_CATALOG_CLASS);
                spark.conf().set(key + ".type", "hadoop");
                spark.conf().set(key + ".warehouse", storage.qualify(iceberg.warehouse()));
            }
        }
        return new OutputTables(spark, format, iceberg);
    }

    /**
     * Fails, naming how to supply it, where the Iceberg runtime is not on the classpath: it is not
     * in the application jar, and Spark would report only a missing class at the first write.
     */
    static void requireIcebergRuntime(String catalogClass) {
        try {
            Class.forName(catalogClass, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw JobFailure.usage("output.table_format = iceberg needs the Iceberg runtime for Spark 3.5 on the "
                    + "classpath (%s not found): spark-submit --packages org.apache.iceberg:"
                    + "iceberg-spark-runtime-3.5_2.12:1.10.0, or its jar with --jars (scripts/forecast and the "
                    + "loopback cluster of scripts/spark-cluster have it)", catalogClass);
        }
    }

    /** What a partition replacement left: where readers find it, and the Iceberg snapshot (null for Parquet). */
    public record Replaced(String location, Long snapshotId) {
    }

    /** The table for messages: its path, or its Iceberg name. */
    public String describe(String path) {
        return format == TableFormat.ICEBERG ? plain(path) : path;
    }

    /** Where readers find partition {@code column = value}: its directory, or the Iceberg table and partition. */
    public String partitionLocation(String path, String column, String value) {
        return format == TableFormat.ICEBERG ? plain(path) + " (" + column + "=" + value + ")"
                : Storage.of(spark).qualify(path) + "/" + column + "=" + value;
    }

    /** As {@link #replace(Dataset, String, String, String, DataType, int)} for a string partition column. */
    public Replaced replace(Dataset<Row> rows, String path, String column, String value, int files) {
        return replace(rows, path, column, value, DataTypes.StringType, files);
    }

    /**
     * Replaces partition {@code column = value} of the table with {@code rows} (which lack the
     * column), in {@code files} files: other partitions are untouched, and a failed or killed
     * write leaves the previous partition.
     */
    public Replaced replace(Dataset<Row> rows, String path, String column, String value, DataType type, int files) {
        return replace(rows, path, column, value, type, files, null, null);
    }

    /**
     * As above, where several writers share the table and each owns the rows whose
     * {@code ownerColumn} holds {@code owner} (the model of a predictions table that several
     * models' scores write to, as in a shared Iceberg catalog): the partition's rows of other
     * owners stay. Iceberg drops only this owner's files (each write's files hold one owner's
     * rows); a Parquet partition directory, replaced whole, is written with the other owners'
     * rows copied in.
     */
    public Replaced replace(Dataset<Row> rows, String path, String column, String value, DataType type, int files,
                            String ownerColumn, String owner) {
        if (format == TableFormat.PARQUET) {
            Dataset<Row> others = ownerColumn == null ? null : otherOwnersRows(rows.schema(), path, column, value,
                    ownerColumn, owner);
            return new Replaced(new PartitionWriter(Storage.of(spark)).replace(others == null ? rows
                    : rows.unionByName(others), path, column, value, files), null);
        }
        String table = icebergName(path);
        Dataset<Row> partition = rows.withColumn(column, lit(value).cast(type));
        create(table, partition.schema(), column);
        checkColumns(table, partition.schema());
        String writeId = UUID.randomUUID().toString();
        Dataset<Row> written = partition.repartition(files);
        if (Boolean.getBoolean(HALT_WHILE_WRITING_PROPERTY)) {
            written = written.mapPartitions(OutputTables::haltAfterFirstRow, Encoders.row(written.schema()));
        }
        Column replaced = col(column).equalTo(lit(value).cast(type));
        if (ownerColumn != null) {
            replaced = replaced.and(col(ownerColumn).equalTo(lit(owner)));
        }
        overwrite(written, table, writeId, ownerColumn == null ? null : replaced);
        Long snapshot = snapshotOf(table, writeId);
        LOG.debug("replaced partition {}={} of {} in snapshot {}", column, value, table, snapshot);
        return new Replaced(partitionLocation(path, column, value), snapshot);
    }

    /** The rows of other owners in a Parquet partition; null where it holds none. */
    private Dataset<Row> otherOwnersRows(StructType schema, String path, String column, String value,
                                         String ownerColumn, String owner) {
        String directory = path + "/" + column + "=" + value;
        if (!Storage.of(spark).exists(directory)) {
            return null;
        }
        Dataset<Row> others = spark.read().schema(schema).parquet(directory).filter(col(ownerColumn).notEqual(lit(owner)));
        if (others.isEmpty()) {
            return null;
        }
        LOG.info("{} holds rows of other {}s: they are kept", directory, ownerColumn);
        return others;
    }

    /**
     * A table an older release created gets the columns this one adds (nullable, as every
     * column; writes match columns by name); a table that another kind of job created (a
     * classifier's metrics where a forecaster's are) is refused.
     */
    private void checkColumns(String table, StructType written) {
        Set<String> columns = new TreeSet<>(List.of(spark.table(table).schema().fieldNames()));
        Set<String> writing = new TreeSet<>(List.of(written.fieldNames()));
        String name = table.replace("`", "");
        if (writing.containsAll(columns) && writing.size() > columns.size()) {
            StructType added = new StructType(Arrays.stream(written.fields())
                    .filter(field -> !columns.contains(field.name()))
                    .map(field -> new StructField(field.name(), field.dataType(), true, field.metadata()))
                    .toArray(StructField[]::new));
            spark.sql("ALTER TABLE " + table + " ADD COLUMNS (" + added.toDDL() + ")");
            LOG.info("added the columns {} to Iceberg table {}", List.of(added.fieldNames()), name);
        } else if (!writing.equals(columns)) {
            throw JobFailure.usage("Iceberg table %s has the columns %s; this job writes %s (another kind of model's "
                    + "table of the same name, such as a forecaster's metrics where a classifier's go): give it "
                    + "another name (the output path's last name) or output.iceberg.namespace", name, columns,
                    writing);
        }
    }

    /** The rows of partition {@code column = value}, without that column; null when there are none. */
    public Dataset<Row> partition(String path, String column, String value, StructType schema) {
        if (format == TableFormat.PARQUET) {
            String directory = path + "/" + column + "=" + value;
            return Storage.of(spark).exists(directory) ? spark.read().schema(schema).parquet(directory) : null;
        }
        String table = icebergName(path);
        if (!exists(table)) {
            return null;
        }
        Dataset<Row> rows = spark.table(table).filter(col(column).cast(DataTypes.StringType).equalTo(value))
                .select(Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
        return rows.isEmpty() ? null : rows;
    }

    /** Whether the table at {@code path} exists and holds a row with these values in these columns. */
    public boolean holds(String path, Map<String, String> values) {
        Dataset<Row> rows;
        if (format == TableFormat.PARQUET) {
            if (!Storage.of(spark).exists(path)) {
                return false;
            }
            rows = spark.read().parquet(path);
        } else {
            String table = icebergName(path);
            if (!exists(table)) {
                return false;
            }
            rows = spark.table(table);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            rows = rows.filter(col(value.getKey()).cast(DataTypes.StringType).equalTo(value.getValue()));
        }
        return !rows.isEmpty();
    }

    /**
     * Replaces a Parquet table whole through the Publisher; adds to an Iceberg table (one commit)
     * the rows whose {@code keys} it does not hold yet, so a rerun never duplicates a row.
     */
    public void replaceOrAddNew(List<Row> rows, StructType schema, String path, String... keys) {
        if (format == TableFormat.PARQUET) {
            new Publisher(Storage.of(spark)).replace(path, staged ->
                    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(staged));
            return;
        }
        String table = icebergName(path);
        create(table, schema, null);
        Dataset<Row> all = spark.createDataFrame(rows, schema);
        Dataset<Row> known = spark.table(table).select(Arrays.stream(keys).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
        Dataset<Row> added = all.join(known, scala.collection.JavaConverters.asScalaBuffer(List.of(keys))
                .toSeq(), "left_anti");
        if (!added.isEmpty()) {
            try {
                added.coalesce(1).writeTo(table).option("snapshot-property." + WRITE_ID, UUID.randomUUID().toString())
                        .append();
            } catch (NoSuchTableException e) {
                throw new IllegalStateException("Iceberg table " + table + " was dropped while being written", e);
            }
        }
    }

    /** {@code <catalog>.<namespace>.<the path's last name>}, each part quoted, for Spark SQL. */
    private String icebergName(String path) {
        return quote(iceberg.catalog()) + "." + quote(iceberg.namespace()) + "." + quote(lastName(path));
    }

    /** The same name unquoted, for messages and summaries. */
    private String plain(String path) {
        return iceberg.catalog() + "." + iceberg.namespace() + "." + lastName(path);
    }

    private static String lastName(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Iterator<Row> haltAfterFirstRow(Iterator<Row> rows) {
        return new Iterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                if (!first) {
                    Runtime.getRuntime().halt(137);
                }
                return rows.hasNext();
            }

            @Override
            public Row next() {
                first = false;
                return rows.next();
            }
        };
    }

    private static String quote(String part) {
        return "`" + part.replace("`", "``") + "`";
    }

    private boolean exists(String table) {
        return spark.catalog().tableExists(table);
    }

    /** Creates the table (every column nullable, partitioned by {@code column} unless null) if it is absent. */
    private void create(String table, StructType schema, String column) {
        if (exists(table)) {
            return;
        }
        StructType nullable = new StructType(Arrays.stream(schema.fields())
                .map(field -> new StructField(field.name(), field.dataType(), true, field.metadata()))
                .toArray(StructField[]::new));
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + table.substring(0, table.lastIndexOf('.')));
        spark.sql("CREATE TABLE IF NOT EXISTS " + table + " (" + nullable.toDDL() + ") USING iceberg"
                + (column == null ? "" : " PARTITIONED BY (" + quote(column) + ")"));
        LOG.info("created Iceberg table {}", table.replace("`", ""));
    }

    /** Replaces the partitions the rows fall in, or with a condition, the rows it holds. */
    private static void overwrite(Dataset<Row> rows, String table, String writeId, Column condition) {
        try {
            DataFrameWriterV2<Row> writer = rows.writeTo(table).option("snapshot-property." + WRITE_ID, writeId);
            if (condition == null) {
                writer.overwritePartitions();
            } else {
                writer.overwrite(condition);
            }
        } catch (NoSuchTableException e) {
            throw new IllegalStateException("Iceberg table " + table + " was dropped while being written", e);
        }
    }

    /** The snapshot whose summary carries this write's id. */
    private Long snapshotOf(String table, String writeId) {
        List<Row> found = spark.table(table + ".snapshots")
                .filter(col("summary").getItem(WRITE_ID).equalTo(writeId)).select("snapshot_id").collectAsList();
        return found.isEmpty() ? null : found.get(0).getLong(0);
    }
}
