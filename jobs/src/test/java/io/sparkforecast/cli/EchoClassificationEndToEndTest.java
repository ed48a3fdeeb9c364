package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkforecast.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' echo problem end to end with conf/echo.conf: random one-hot sequences of 10
 * classes, LSTM(25) -> softmax names the class at window position 2; evaluated on the held-out
 * test part and on freshly generated sequences, and scored into the predictions table.
 */
class EchoClassificationEndToEndTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo"));

    @TempDir
    static Path out;

    static ExitCode run(String job, String... extra) {
        List<String> args = new ArrayList<>(List.of(job, "--config", REPO.resolve("conf/echo.conf").toString(),
                "--master", "local[2]", "--set", "output.dir=" + out, "--set", "series.path=" + out.resolve("series")));
        args.addAll(List.of(extra));
        return ForecastCli.run(args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
    }

    @BeforeAll
    static void runThePipeline() {
        for (String job : List.of("generate", "prepare", "train", "evaluate")) {
            assertEquals(ExitCode.SUCCESS, run(job), job);
        }
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2021-12-31"));
    }

    private static JsonNode summary(String job) throws Exception {
        return new ObjectMapper().readTree(out.resolve("summaries/" + job + ".json").toFile());
    }

    @Test
    void classifierIsAtLeast95PercentAccurateOnTheHeldOutTestPart() throws Exception {
        JsonNode evaluate = summary("evaluate");
        double accuracy = evaluate.get("metrics").get("accuracy").asDouble();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
        // 40 series x 500 steps; the last 10% of each is test: 50 windows each.
        assertEquals(40 * 50, evaluate.get("counts").get("windows").asLong());
        JsonNode confusion = evaluate.get("metrics").get("confusion");
        long diagonal = 0;
        long total = 0;
        for (int actual = 0; actual < 10; actual++) {
            for (int predicted = 0; predicted < 10; predicted++) {
                long cell = confusion.get(actual).get(predicted).asLong();
                total += cell;
                diagonal += actual == predicted ? cell : 0;
            }
        }
        assertEquals(2000, total);
        assertEquals(accuracy, diagonal / 2000.0, 1e-12);
        String html = Files.readString(Path.of(evaluate.get("paths").get("report").asText()).resolve("evaluate.html"));
        assertTrue(html.contains("accuracy per actual class") && html.contains("data:image/png;base64,"), html);
        Map<String, Object> overall = DuckDb.query("SELECT windows, correct, accuracy FROM "
                + DuckDb.table(out.resolve("metrics")) + " WHERE series_id IS NULL").get(0);
        assertEquals(2000L, ((Number) overall.get("windows")).longValue());
        assertEquals(diagonal, ((Number) overall.get("correct")).longValue());
        Map<String, Object> cells = DuckDb.query("SELECT count(*) AS cells, sum(windows) AS windows FROM "
                + DuckDb.table(out.resolve("confusion"))).get(0);
        assertEquals(2000L, ((Number) cells.get("windows")).longValue());
    }

    @Test
    void classifierIsAtLeast95PercentAccurateOnFreshlyGeneratedSequences() throws Exception {
        Path fresh = out.resolve("fresh");
        String[] elsewhere = {"--set", "series.path=" + fresh.resolve("series"), "--set", "generate.seed=4242",
            "--set", "output.metrics=" + fresh.resolve("metrics"), "--set", "output.confusion=" + fresh.resolve("confusion"),
            "--summary", fresh.resolve("evaluate.json").toString()};
        assertEquals(ExitCode.SUCCESS, run("generate", elsewhere));
        assertEquals(ExitCode.SUCCESS, run("evaluate", elsewhere));
        JsonNode evaluate = new ObjectMapper().readTree(fresh.resolve("evaluate.json").toFile());
        double accuracy = evaluate.get("metrics").get("accuracy").asDouble();
        assertTrue(accuracy >= 0.95, "accuracy on fresh sequences " + accuracy);
    }

    @Test
    void scoreWritesEachSeriesLatestWindowsClassDatedAtTheLabelPosition() throws Exception {
        // The label is window position 2 of 5: two steps before the window's last step.
        List<Map<String, Object>> rows = DuckDb.query("SELECT p.step, p.predicted_class, p.probability, p.prediction, "
                + "s.value AS actual FROM " + DuckDb.table(out.resolve("predictions")) + " p JOIN read_parquet('"
                + out.resolve("series") + "/*.parquet') s ON s.series_id = p.series_id AND s.ts = p.target_ts");
        assertEquals(40, rows.size());
        long correct = 0;
        for (Map<String, Object> row : rows) {
            assertEquals(-2, ((Number) row.get("step")).intValue());
            int predicted = ((Number) row.get("predicted_class")).intValue();
            double probability = ((Number) row.get("probability")).doubleValue();
            assertTrue(predicted >= 0 && predicted < 10 && probability > 0 && probability <= 1, row.toString());
            assertEquals(predicted, ((Number) row.get("prediction")).doubleValue());
            correct += predicted == ((Number) row.get("actual")).intValue() ? 1 : 0;
        }
        assertTrue(correct >= 36, correct + " of 40 latest windows classified correctly");
    }

    @Test
    void modelSummaryCountsTheSeedsParameters() throws Exception {
        Path models = out.resolve("models/echo");
        Path version;
        try (var versions = Files.list(models)) {
            version = versions.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode model = new ObjectMapper().readTree(version.resolve("model.json").toFile());
        // LSTM(25) on 10 one-hot inputs: 4 * (10 * 25 + 25 * 25 + 25) = 3,600; dense 25 -> 10: 260.
        assertEquals(3860, model.get("network").get("parameters").asLong());
        assertEquals(10, model.get("shape").get("samples").get("classes").asInt());
    }
}
