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

    @Test
    void underAGuardOnlyTheOwnedLocationsAndTheirStagingAreDeletedOrReplaced() throws IOException {
        Storage storage = new Storage(new Configuration());
        Path out = dir.resolve("out");
        Path input = Files.createDirectories(dir.resolve("series"));
        Files.writeString(input.resolve("part.csv"), "series_id,ts,value\n");
        try (WriteGuard guard = WriteGuard.install(storage, List.of(out.resolve("models").toString()))) {
            storage.writeAtomically(out.resolve("models/m/model.json").toString(), "{}");
            storage.mkdirs(out.resolve(".publishing/models/attempt-1/writing").toString());
            storage.rename(out.resolve(".publishing/models/attempt-1/writing").toString(),
                    out.resolve(".publishing/models/attempt-1/ready").toString());
            storage.delete(out.resolve(".publishing/models").toString());
            storage.deleteIfEmpty(out.resolve(".publishing").toString());
            for (String outside : List.of(input.toString(), out.toString(), out.resolve("models/../..").toString(),
                    out.resolve(".publishing/prepared").toString(), out.resolve("models-old").toString())) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> storage.delete(outside));
                assertTrue(refused.getMessage().contains("refusing to delete") && refused.getMessage().contains(
                        out.resolve("models").toString()), refused.getMessage());
            }
            assertThrows(IllegalStateException.class, () -> storage.rename(out.resolve("models/m").toString(),
                    input.resolve("m").toString()));
            assertThrows(IllegalStateException.class, () -> storage.writeAtomically(
                    input.resolve("part.csv").toString(), "replaced"));
        }
        assertTrue(Files.exists(input.resolve("part.csv")) && Files.exists(out.resolve("models/m/model.json")));
        storage.delete(out.toString());
        assertTrue(Files.notExists(out), "without a guard, nothing is refused");
    }
}
