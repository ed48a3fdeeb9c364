package io.sparkforecast.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedLayoutTest {
    @TempDir
    Path dir;

    @Test
    void preparedDataOfAnotherFormatAsksForAPrepareRun() throws Exception {
        Files.writeString(dir.resolve("prepare.json"), "{\"format_version\": 1, \"lookback\": 30}");

        JobFailure failure = assertThrows(JobFailure.class,
                () -> new PreparedLayout(dir.toString()).readMetadata(new Storage(new Configuration())));

        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("format version 1; this build reads version "
                + PreparedData.FORMAT_VERSION + ": run prepare again"), failure.getMessage());
    }

    @Test
    void missingPreparedDataAsksForPrepare() {
        JobFailure failure = assertThrows(JobFailure.class,
                () -> new PreparedLayout(dir.resolve("none").toString()).readMetadata(new Storage(new Configuration())));

        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("run prepare first"), failure.getMessage());
    }
}
