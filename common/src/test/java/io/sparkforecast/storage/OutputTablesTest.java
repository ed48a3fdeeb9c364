package io.sparkforecast.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.IcebergCatalog;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.TableFormat;
import io.sparkforecast.spark.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Partitions replaced whole in either format; Iceberg's commits from concurrent writers. */
class OutputTablesTest {
    private static final StructType ROWS = new StructType()
            .add("series_id", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false);
    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("OutputTablesTest");
    }


    private static OutputTables tables(TableFormat format) {
        return OutputTables.of(spark, format, new IcebergCatalog("tests", "outputs", dir.resolve("warehouse").toString()));
    }

    /** {@code count} rows, all with {@code value}: a writer's rows are told apart from another's by it. */
    private static Dataset<Row> rows(int count, double value) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create("s" + i, value));
        }
        return spark.createDataFrame(rows, ROWS);
    }

    private static Set<Double> values(Dataset<Row> rows) {
        Set<Double> values = new TreeSet<>();
        rows.collectAsList().forEach(row -> values.add(row.getDouble(row.fieldIndex("value"))));
        return values;
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void aPartitionIsReplacedWholeAndOthersAreKept(TableFormat format) {
        OutputTables tables = tables(format);
        String path = dir.resolve("replaced_" + format.name().toLowerCase()).toString();
        assertNull(tables.partition(path, "model_version", "v1", ROWS), "no table yet");
        tables.replace(rows(5, 1.0), path, "model_version", "v1", 1);
        tables.replace(rows(3, 2.0), path, "model_version", "v2", 1);
        OutputTables.Replaced again = tables.replace(rows(4, 3.0), path, "model_version", "v1", 1);

        Dataset<Row> v1 = tables.partition(path, "model_version", "v1", ROWS);
        assertEquals(4, v1.count());
        assertEquals(Set.of(3.0), values(v1));
        assertEquals(Set.of(2.0), values(tables.partition(path, "model_version", "v2", ROWS)));
        assertNull(tables.partition(path, "model_version", "v3", ROWS));
        assertEquals(format == TableFormat.ICEBERG, again.snapshotId() != null, "Iceberg reports its snapshot");
    }

    /** {@code count} rows of one owner (a model's predictions), all with {@code value}. */
    private static Dataset<Row> owned(int count, double value, String owner) {
        return rows(count, value).withColumn("model_name", functions.lit(owner));
    }

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void aWriterReplacesOnlyItsOwnRowsOfAPartition(TableFormat format) {
        OutputTables tables = tables(format);
        String path = dir.resolve("owned_" + format.name().toLowerCase()).toString();
        tables.replace(owned(5, 1.0, "sales"), path, "run_date", "d", DataTypes.StringType, 1, "model_name", "sales");
        tables.replace(owned(3, 2.0, "returns"), path, "run_date", "d", DataTypes.StringType, 1, "model_name",
                "returns");
        tables.replace(owned(4, 3.0, "sales"), path, "run_date", "d", DataTypes.StringType, 1, "model_name", "sales");
        StructType schema = ROWS.add("model_name", DataTypes.StringType);
        Dataset<Row> partition = tables.partition(path, "run_date", "d", schema);
        assertEquals(7, partition.count());
        assertEquals(Set.of(3.0), values(partition.filter("model_name = 'sales'")));
        assertEquals(Set.of(2.0), values(partition.filter("model_name = 'returns'")));
    }

    @Test
    void icebergWithoutItsRuntimeIsAUsageErrorThatSaysHowToSupplyIt() {
        OutputTables.requireIcebergRuntime("org.apache.iceberg.spark.SparkCatalog");
        JobFailure failure = assertThrows(JobFailure.class,
                () -> OutputTables.requireIcebergRuntime("org.example.NoSuchCatalog"));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("org.example.NoSuchCatalog not found")
                && failure.getMessage().contains("--packages org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:1.10.0"),
                failure.getMessage());
    }

    @Test
    void anIcebergTableGainsTheColumnsANewReleaseAddsAndRefusesAnotherKindOfRows() {
        OutputTables tables = tables(TableFormat.ICEBERG);
        String path = dir.resolve("evolving").toString();
        tables.replace(rows(2, 1.0), path, "model_version", "v1", 1);
        tables.replace(rows(3, 2.0).withColumn("ets_form", functions.lit("ETS(A,N,N)")), path, "model_version", "v2",
                1);
        StructType wider = ROWS.add("ets_form", DataTypes.StringType);
        assertEquals(Set.of("ETS(A,N,N)"), Set.copyOf(tables.partition(path, "model_version", "v2", wider)
                .select("ets_form").as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
        assertEquals(2, tables.partition(path, "model_version", "v1", wider).filter("ets_form IS NULL").count());
        JobFailure failure = assertThrows(JobFailure.class, () -> tables.replace(
                rows(1, 0.0).select("series_id").withColumn("accuracy", functions.lit(0.5)), path, "model_version",
                "v3", 1));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("tests.outputs.evolving") && failure.getMessage().contains("accuracy"),
                failure.getMessage());
    }

    @Test
    void concurrentWritersToDifferentPartitionsBothCommit() throws Exception {
        OutputTables tables = tables(TableFormat.ICEBERG);
        String path = dir.resolve("concurrent").toString();
        tables.replace(rows(1, 0.0), path, "run_date", "seed", 1); // the table exists before the race
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String partition : List.of("a", "b")) {
                writers.add(pool.submit(() -> {
                    for (int round = 1; round <= 3; round++) {
                        tables.replace(rows(10, round), path, "run_date", partition, 1);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(); // a failed commit would throw here
            }
        } finally {
            pool.shutdown();
        }
        for (String partition : List.of("a", "b")) {
            Dataset<Row> rows = tables.partition(path, "run_date", partition, ROWS);
            assertEquals(10, rows.count(), partition + ": one copy of the last round");
            assertEquals(Set.of(3.0), values(rows));
        }
        assertNotNull(tables.partition(path, "run_date", "seed", ROWS));
    }

    @Test
    void concurrentWritersToOnePartitionLeaveOneWritersRows() throws Exception {
        OutputTables tables = tables(TableFormat.ICEBERG);
        String path = dir.resolve("same").toString();
        tables.replace(rows(1, 0.0), path, "run_date", "d", 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (double value : new double[] {1.0, 2.0}) {
                writers.add(pool.submit(() -> tables.replace(rows(20, value), path, "run_date", "d", 1)));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        Dataset<Row> rows = tables.partition(path, "run_date", "d", ROWS);
        assertEquals(20, rows.count(), "the later commit's rows, whole, and no copy of the other's");
        Set<Double> values = values(rows);
        assertTrue(values.equals(Set.of(1.0)) || values.equals(Set.of(2.0)), values.toString());
    }
}
