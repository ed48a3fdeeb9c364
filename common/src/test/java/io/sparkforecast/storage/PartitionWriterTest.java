package io.sparkforecast.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionWriterTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("PartitionWriterTest");
    }


    private PartitionWriter writer() {
        return new PartitionWriter(Storage.of(spark));
    }

    private Dataset<Row> rows(long from, long to) {
        return spark.range(from, to).selectExpr("id AS step", "id * 1.5 AS prediction");
    }

    private List<Row> read(String table) {
        return spark.read().parquet(table).orderBy("run_date", "step").collectAsList();
    }

    @Test
    void rewritingAPartitionReplacesItAndLeavesTheOthers() {
        String table = dir.resolve("predictions").toString();
        writer().replace(rows(0, 5), table, "run_date", "2024-01-01", 2);
        writer().replace(rows(0, 3), table, "run_date", "2024-01-02", 1);
        writer().replace(rows(10, 12), table, "run_date", "2024-01-01", 1);

        List<Row> all = read(table);
        assertEquals(5, all.size());
        assertEquals(10L, all.get(0).getLong(0));
        assertEquals(3L, spark.read().parquet(table).filter("run_date = DATE'2024-01-02'").count());
    }

    @Test
    void aWriteFailingMidwayLeavesThePreviousPartitionIntactAndNoStaging() throws Exception {
        String table = dir.resolve("predictions").toString();
        writer().replace(rows(0, 4), table, "run_date", "2024-01-01", 1);
        List<Row> before = read(table);

        // Eight files' worth of rows; the task holding step 900 fails after others have written.
        Dataset<Row> failing = rows(0, 1000).repartition(8).map((MapFunction<Row, Row>) row -> {
            if (row.getLong(0) == 900) {
                throw new IllegalStateException("injected failure");
            }
            return row;
        }, Encoders.row(rows(0, 1).schema()));
        assertThrows(Exception.class, () -> writer().replace(failing, table, "run_date", "2024-01-01", 8));

        assertEquals(before, read(table));
        try (Stream<Path> left = Files.walk(dir)) {
            assertTrue(left.noneMatch(p -> p.toString().contains(".publishing") || p.toString().contains("_staging")),
                    "no staged files are left behind");
        }
    }

    @Test
    void stagingLeftInsideTheTableByEarlierVersionsIsRemovedAndASetAsidePartitionRestored() throws Exception {
        String table = dir.resolve("predictions").toString();
        writer().replace(rows(0, 4), table, "run_date", "2024-01-01", 1);
        writer().replace(rows(0, 2), table, "run_date", "2024-01-02", 1);
        // What a score killed mid-write and another killed mid-swap left behind before the Publisher.
        Path stray = dir.resolve("predictions/_staging/run_date=2024-01-03-9e93c4d2-1111-2222-3333-444455556666"
                + "/_temporary/0/task/part-00000.parquet");
        Files.createDirectories(stray.getParent());
        Files.write(stray, new byte[] {'P', 'A', 'R'});
        Path setAside = dir.resolve("predictions/_replaced/run_date=2024-01-02-9e93c4d2-1111-2222-3333-444455556666");
        Files.createDirectories(setAside.getParent());
        Files.move(dir.resolve("predictions/run_date=2024-01-02"), setAside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        writer().replace(rows(10, 13), table, "run_date", "2024-01-01", 1);

        assertEquals(5, read(table).size(), "2024-01-01 replaced (3 rows), 2024-01-02 restored (2 rows)");
        assertTrue(Files.notExists(dir.resolve("predictions/_staging")));
        assertTrue(Files.notExists(dir.resolve("predictions/_replaced")));
    }
}
