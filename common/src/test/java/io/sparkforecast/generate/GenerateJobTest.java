package io.sparkforecast.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.TestConfigs;
import io.sparkforecast.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateJobTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("GenerateJobTest");
    }


    private Dataset<Row> generate(String name, String... settings) {
        String path = dir.resolve(name).toString();
        String[] overrides = Stream.concat(Stream.of("series.path=" + path, "series.format=parquet",
                "generate.series=12", "generate.steps=70"), Stream.of(settings)).toArray(String[]::new);
        assertEquals(12 * 70L, new GenerateJob(spark, TestConfigs.load(dir, overrides)).run().rows());
        return spark.read().parquet(path);
    }

    private static List<Row> sorted(Dataset<Row> table) {
        return table.select("series_id", "ts", "value").orderBy("series_id", "ts").collectAsList();
    }

    @Test
    void sameSeedSameTableWhateverTheParallelism() {
        List<Row> first = sorted(generate("a", "generate.family=random_walk"));
        spark.conf().set("spark.sql.shuffle.partitions", "5");
        List<Row> second = sorted(generate("b", "generate.family=random_walk"));
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        List<Row> otherSeed = sorted(generate("c", "generate.family=random_walk", "generate.seed=7"));

        assertEquals(840, first.size());
        assertEquals(first, second);
        assertTrue(!first.equals(otherSeed));
    }

    @Test
    void monthlyDatePartitionsAndTheConfiguredCalendar() throws Exception {
        Dataset<Row> table = generate("m", "series.frequency=P1D", "generate.start=2021-01-30");
        try (Stream<Path> partitions = Files.list(dir.resolve("m"))) {
            assertEquals(List.of("date=2021-01-01", "date=2021-02-01", "date=2021-03-01", "date=2021-04-01"),
                    partitions.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("date=")).sorted().toList());
        }
        Row first = sorted(table).get(0);
        assertEquals("s00", first.getString(0));
        assertEquals(LocalDateTime.of(2021, 1, 30, 0, 0), first.get(1));
        assertEquals(12L, table.select("series_id").distinct().count());
    }

    @Test
    void bucketsPartitionBySeries() {
        Dataset<Row> table = generate("b", "generate.partition_by=bucket", "generate.buckets=3");
        assertEquals(12L, table.select("series_id", "bucket").distinct().count());
        assertTrue(table.select("bucket").distinct().count() <= 3);
    }

    @Test
    void familiesHaveTheirShapes() {
        for (Row row : generate("e", "generate.family=echo", "generate.classes=4").collectAsList()) {
            double v = row.getDouble(row.fieldIndex("value"));
            assertTrue(v == Math.rint(v) && v >= 0 && v < 4, "echo value " + v);
        }
        for (Row row : generate("s", "generate.family=sine", "generate.noise=0").collectAsList()) {
            assertTrue(Math.abs(row.getDouble(row.fieldIndex("value"))) <= 1.0 + 1e-9);
        }
        for (Row row : generate("k", "generate.family=sine_linear", "generate.noise=2").collectAsList()) {
            double v = row.getDouble(row.fieldIndex("value"));
            assertTrue(v >= -5 && v <= 17, "k sin(x) + b + noise out of range: " + v);
        }
        for (Row row : generate("w", "generate.family=random_walk", "generate.noise=0.01").collectAsList()) {
            assertTrue(row.getDouble(row.fieldIndex("value")) > 0);
        }
    }
}
