package io.sparkforecast.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShufflePartitionsTest {
    @TempDir
    Path dir;

    @Test
    void onePartitionPer32MibAndAtLeastTwoPerCore() {
        assertEquals(4, ShufflePartitions.forInput(1_000_000, 2), "a small table: two per core");
        assertEquals(16, ShufflePartitions.forInput(1_000_000, 8));
        assertEquals(32, ShufflePartitions.forInput(1L << 30, 2), "1 GiB");
        assertEquals(33, ShufflePartitions.forInput((1L << 30) + 1, 2));
        assertEquals(2, ShufflePartitions.forInput(0, 0));
    }

    @Test
    void aJobSizesItsSessionFromItsInputUnlessTheUserSetsThem() throws Exception {
        Path table = Files.createDirectories(dir.resolve("table/date=2020-01-01"));
        Files.write(table.resolve("part-0.csv"), new byte[3 << 20]);
        SparkSession spark = SparkSessions.create("shuffle-partitions", "local[2]", Map.of("spark.ui.enabled", "false"),
                dir.resolve("table").toString());
        try {
            assertEquals("4", spark.conf().get(ShufflePartitions.KEY));
            ShufflePartitions.fitToInput(spark, dir.resolve("missing").toString());
            assertEquals("4", spark.conf().get(ShufflePartitions.KEY), "an input that cannot be sized changes nothing");
        } finally {
            spark.stop();
        }
        spark = SparkSessions.create("shuffle-partitions", "local[2]", Map.of("spark.ui.enabled", "false",
                ShufflePartitions.KEY, "7"), dir.resolve("table").toString());
        try {
            assertEquals("7", spark.conf().get(ShufflePartitions.KEY), "the user's setting wins");
        } finally {
            spark.stop();
        }
    }
}
