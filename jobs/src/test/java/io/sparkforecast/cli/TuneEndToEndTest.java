package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkforecast.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tune on the airline data (conf/airline-tune.conf, a smaller grid): 4 trials, 2 of them with
 * an invalid dropout; the results table lists all 4, and best.conf retrains to the reported
 * validation loss.
 */
class TuneEndToEndTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo"));

    @TempDir
    static Path out;

    static ExitCode run(String job, String config, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(job, "--config", config, "--master", "local[2]"));
        args.addAll(List.of(extra));
        return ForecastCli.run(args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
    }

    @BeforeAll
    static void tune() {
        assertEquals(ExitCode.SUCCESS, run("tune", REPO.resolve("conf/airline-tune.conf").toString(),
                "--set", "output.dir=" + out, "--set", "training.epochs=20",
                "--set", "series.path=" + REPO.resolve("data/airline-passengers.csv"),
                "--set", "tune.space={\"network.layers\"=[[4],[8]], \"training.batch_size\"=[4], "
                        + "\"network.dropout\"=[0.0, 2.0]}"));
    }

    @Test
    void resultsTableHasEveryTrialRankedWithFailuresAndTheirErrors() throws Exception {
        List<Map<String, Object>> rows = DuckDb.query("SELECT rank, trial, status, validation_loss, settings, error "
                + "FROM read_parquet('" + out.resolve("tuning/trials") + "/*.parquet') ORDER BY trial");
        assertEquals(4, rows.size());
        for (Map<String, Object> row : rows) {
            boolean badDropout = row.get("settings").toString().contains("network.dropout=2");
            assertEquals(badDropout ? "failed" : "succeeded", row.get("status"), row.toString());
            if (badDropout) {
                assertNull(row.get("rank"));
                assertTrue(row.get("error").toString().contains("network.dropout"), row.toString());
            } else {
                assertTrue(((Number) row.get("validation_loss")).doubleValue() > 0, row.toString());
            }
        }
        List<Map<String, Object>> ranked = DuckDb.query("SELECT rank, validation_loss FROM read_parquet('"
                + out.resolve("tuning/trials") + "/*.parquet') WHERE rank IS NOT NULL ORDER BY rank");
        assertEquals(2, ranked.size());
        assertTrue(((Number) ranked.get(0).get("validation_loss")).doubleValue()
                <= ((Number) ranked.get(1).get("validation_loss")).doubleValue());
        List<String> csv = Files.readAllLines(out.resolve("tuning/trials.csv"));
        assertEquals(5, csv.size(), "header and 4 trials: " + csv);
        assertTrue(Files.readString(out.resolve("tuning/report.html")).contains("data:image/png;base64,"));
    }

    @Test
    void bestConfRetrainsToTheReportedValidationLossWithinTenPercent() throws Exception {
        JsonNode tune = new ObjectMapper().readTree(out.resolve("summaries/tune.json").toFile());
        assertEquals(2, tune.get("counts").get("failed").asInt());
        double reported = tune.get("metrics").get("best_validation_loss").asDouble();

        String best = out.resolve("tuning/best.conf").toString();
        assertEquals(ExitCode.SUCCESS, run("prepare", best));
        assertEquals(ExitCode.SUCCESS, run("train", best));
        JsonNode train = new ObjectMapper().readTree(out.resolve("summaries/train.json").toFile());
        double retrained = train.get("metrics").get("published_validation_loss").asDouble();
        assertEquals(reported, retrained, 0.1 * reported, "tune reported " + reported + ", train got " + retrained);
    }
}
