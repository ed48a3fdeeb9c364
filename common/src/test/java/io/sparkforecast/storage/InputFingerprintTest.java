package io.sparkforecast.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sparkforecast.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFingerprintTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("InputFingerprintTest");
    }


    private static String fingerprint(Path dir) {
        return InputFingerprint.of(spark.read().text(dir.toString()), spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void sameFilesSameFingerprintAndAnyChangedFileChangesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "1\n2\n");
        Files.writeString(dir.resolve("b.csv"), "3\n");
        String first = fingerprint(dir);
        assertEquals(64, first.length(), "sha256 in hex");
        assertEquals(first, fingerprint(dir), "reading the same files again");

        Files.setLastModifiedTime(dir.resolve("b.csv"), FileTime.fromMillis(1_000_000_000_000L));
        String touched = fingerprint(dir);
        assertNotEquals(first, touched, "a newer modification time");

        Files.writeString(dir.resolve("c.csv"), "4\n");
        assertNotEquals(touched, fingerprint(dir), "one more file");
    }
}
