package io.sparkforecast.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.TestConfigs;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSummariesTest {
    @TempDir
    Path dir;

    private record Scored(long series) implements JobResult {
        @Override
        public Map<String, Object> counts() {
            return Map.of("scored_series", series);
        }

        @Override
        public Map<String, String> paths() {
            return Map.of("predictions", "out/predictions");
        }

        @Override
        public String modelVersion() {
            return "20260101T000000000Z";
        }
    }

    @Test
    void aSucceededRunIsWrittenWhereTheConfigSaysWithItsResult() throws Exception {
        ForecastConfig config = TestConfigs.load(dir, "series.path=in.csv", "run_date=2026-11-23");
        String path = JobSummaries.location("score", config);
        assertEquals(dir.resolve("out").resolve("summaries").resolve("score.json").toString(), path);

        JobSummaries.write(new Storage(new Configuration()), path,
                JobSummaries.succeeded("score", Instant.now().minusSeconds(2), "conf/x.conf", config, new Scored(3)));

        JsonNode summary = Json.mapper().readTree(Files.readString(Path.of(path)));
        assertEquals("succeeded", summary.get("status").asText());
        assertEquals(0, summary.get("exit_code").asInt());
        assertEquals("2026-11-23", summary.get("run_date").asText());
        assertEquals("20260101T000000000Z", summary.get("model_version").asText());
        assertEquals(3, summary.get("counts").get("scored_series").asInt());
        assertTrue(summary.get("seconds").asDouble() >= 2, summary.toString());
        assertTrue(summary.get("error").isNull());
    }

    @Test
    void aFailedRunKeepsItsExitCodeAndErrorAndSummaryFileWins() throws Exception {
        Path file = dir.resolve("elsewhere/run.json");
        ForecastConfig config = TestConfigs.load(dir, "series.path=in.csv", "summary_file=\"" + file + "\"");
        assertEquals(file.toString(), JobSummaries.location("train", config));

        JobSummary failed = JobSummaries.failed("train", Instant.now(), "conf/x.conf", config, 3, "no training samples");
        JobSummaries.write(new Storage(new Configuration()), file.toString(), failed);

        JsonNode summary = Json.mapper().readTree(Files.readString(file));
        assertEquals("failed", summary.get("status").asText());
        assertEquals(3, summary.get("exit_code").asInt());
        assertEquals("no training samples", summary.get("error").asText());
        assertTrue(summary.get("counts").isEmpty());
        assertNull(config.modelVersion());
    }
}
