package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many series, one model: 100 generated noisy sine series (conf/sine.conf, shortened), one
 * global LSTM with per-series scaling, evaluated per series against the seasonal baseline.
 * Without ETS: fitting it to 100 series of season 20 took 45 of the suite's seconds, and
 * AirlineEndToEndTest covers it on the same path.
 */
class GlobalModelEndToEndTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo"));

    @TempDir
    static Path out;

    static ExitCode run(String job) {
        String[] args = {job, "--config", REPO.resolve("conf/sine.conf").toString(), "--master", "local[2]",
            "--set", "output.dir=" + out, "--set", "series.path=" + out.resolve("series"),
            "--set", "generate.series=100", "--set", "generate.steps=200", "--set", "training.epochs=10",
            "--set", "evaluate.classical=[]"};
        return ForecastCli.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
    }

    @BeforeAll
    static void runThePipeline() {
        for (String job : List.of("generate", "prepare", "train", "evaluate")) {
            assertEquals(ExitCode.SUCCESS, run(job), job);
        }
    }

    @Test
    void globalModelBeatsSeasonalNaiveSummedOverSeries() throws SQLException {
        List<Map<String, Object>> rows = DuckDb.query("SELECT method, count(*) AS series, sum(rmse) AS rmse_sum "
                + "FROM " + DuckDb.table(out.resolve("metrics")) + " WHERE split = 'test' AND series_id IS NOT NULL "
                + "AND horizon IS NULL "
                + "AND method IN ('model', 'seasonal_naive') GROUP BY method ORDER BY method");
        assertEquals(2, rows.size());
        assertEquals("model", rows.get(0).get("method"));
        assertEquals(100L, ((Number) rows.get(0).get("series")).longValue());
        assertEquals(100L, ((Number) rows.get(1).get("series")).longValue());
        double model = ((Number) rows.get(0).get("rmse_sum")).doubleValue();
        double seasonalNaive = ((Number) rows.get(1).get("rmse_sum")).doubleValue();
        assertTrue(model < seasonalNaive, "model RMSE sum " + model + " vs seasonal naive " + seasonalNaive);
    }

    @Test
    void preparedDataCoversEverySeriesWithNothingRejected() throws SQLException {
        Map<String, Object> samples = DuckDb.query("SELECT count(DISTINCT series_id) AS series, count(*) AS samples "
                + "FROM " + DuckDb.table(out.resolve("prepared/samples"))).get(0);
        assertEquals(100L, ((Number) samples.get("series")).longValue());
        // 200 steps, windows of 20 + 1: 180 per series.
        assertEquals(18000L, ((Number) samples.get("samples")).longValue());
        List<Map<String, Object>> rejects = DuckDb.query("SELECT count(*) AS n FROM read_parquet('"
                + out.resolve("prepared/rejects") + "/*.parquet')");
        assertEquals(0L, ((Number) rejects.get(0).get("n")).longValue());
        assertTrue(new ArrayList<>(DuckDb.query("DESCRIBE SELECT * FROM read_parquet('" + out.resolve("prepared/rejects")
                + "/*.parquet')")).stream().anyMatch(c -> "reason".equals(c.get("column_name"))));
    }

    @Test
    void evaluateReportPlotsTheFirstThreeSeriesByDefault() throws IOException {
        Path reports;
        try (Stream<Path> versions = Files.list(out.resolve("reports/sine"))) {
            reports = versions.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("score"))
                    .findFirst().orElseThrow();
        }
        String html = Files.readString(reports.resolve("evaluate.html"));
        assertEquals(3, html.split("<img src=\"data:image/png;base64,", -1).length - 1);
        String worst = html.substring(html.indexOf("Series the model does worst on"));
        assertEquals(10, worst.substring(0, worst.indexOf("</table>")).split("<tr><td>", -1).length - 1,
                "the 10 series the model does worst on");
        assertTrue(html.contains("Series s00</h2>") && html.contains("Series s02</h2>")
                && !html.contains("Series s03</h2>"), "the first 3 of s00..s99");
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(3, files.filter(f -> f.getFileName().toString().matches("forecast-.*\\.png")).count());
        }
    }
}
