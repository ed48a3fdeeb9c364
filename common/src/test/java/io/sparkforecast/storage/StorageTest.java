package io.sparkforecast.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path dir;

    @Test
    void aWritableLocationIsCheckedByATestWriteThatLeavesNothingBehind() throws IOException {
        Storage storage = new Storage(new Configuration());
        Files.createDirectories(dir.resolve("existing"));
        assertTrue(storage.checkWritableDirectory(dir.resolve("existing").toString()).contains("is writable"));
        assertTrue(storage.checkWritableDirectory(dir.resolve("new/deeper").toString()).contains("will be created"));
        try (Stream<Path> left = Files.walk(dir)) {
            assertEquals(List.of(dir, dir.resolve("existing")), left.sorted().toList(), "no probe file is left");
        }
    }

    @Test
    void aLocationThatCannotBeWrittenIsAUsageErrorNamingIt() {
        JobFailure failure = assertThrows(JobFailure.class,
                () -> new Storage(new Configuration()).checkWritableDirectory("/proc/forecast/out"));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("/proc") && failure.getMessage().contains("not writable"),
                failure.getMessage());
    }
}
