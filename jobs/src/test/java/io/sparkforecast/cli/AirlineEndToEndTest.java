package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkforecast.classical.EtsBacktest;
import io.sparkforecast.core.Checksums;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.inference.LatestEtsForecasts;
import io.sparkforecast.storage.Publisher;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The airline demo through the command line with its default configuration: the pipeline of
 * prepare, train, evaluate and score on embedded Spark; the outputs are read back with DuckDB.
 */
class AirlineEndToEndTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo"));

    @TempDir
    static Path out;
    private static String evaluateReport;

    static ExitCode run(String job, String... extra) {
        List<String> args = new ArrayList<>(List.of(job, "--config", REPO.resolve("conf/airline.conf").toString(),
                "--master", "local[2]",
                "--set", "series.path=" + REPO.resolve("data/airline-passengers.csv"),
                "--set", "output.dir=" + out,
                "--set", "spark.conf.\"spark.sql.shuffle.partitions\"=2"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ExitCode code = ForecastCli.run(args.toArray(String[]::new),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        if (job.equals("pipeline")) {
            evaluateReport = stdout.toString(StandardCharsets.UTF_8);
        }
        return code;
    }

    @BeforeAll
    static void runThePipeline() {
        // The four jobs in one SparkSession, as scripts/demo runs them; each writes its own summary.
        assertEquals(ExitCode.SUCCESS, run("pipeline", "--run-date", "2026-11-23", "--set", "score.intervals=true"));
        for (String job : List.of("prepare", "train", "evaluate", "score")) {
            assertTrue(Files.exists(out.resolve("summaries/" + job + ".json")), job + " wrote its summary");
        }
    }

    private static String[] concat(String option, String value, String[] more) {
        return Stream.concat(Stream.of(option, value), Stream.of(more)).toArray(String[]::new);
    }

    private static List<Map<String, Object>> duckdb(String sql) throws SQLException {
        return DuckDb.query(sql);
    }

    private static String predictions() {
        return DuckDb.table(out.resolve("predictions"));
    }

    /**
     * Each published step is the forecast of the method evaluate chose for its horizon: the model's
     * (as score publishes it with score.fallback = none), ETS's (the series' form fitted again on
     * its 144 months), a baseline's, or the mean of the three.
     */
    @Test
    void eachStepPublishesTheForecastOfTheMethodChosenForItsHorizon() throws Exception {
        Path modelOnly = out.resolve("model-only");
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2026-11-23", "--set", "score.fallback=none",
                "--set", "output.predictions=" + modelOnly.resolve("predictions"),
                "--set", "output.reports=" + modelOnly.resolve("reports"),
                "--set", "summary_file=" + modelOnly.resolve("score.json")));
        Map<Integer, Double> model = new LinkedHashMap<>();
        for (Map<String, Object> row : duckdb("SELECT step, method, prediction FROM "
                + DuckDb.table(modelOnly.resolve("predictions")))) {
            assertEquals("model", row.get("method"));
            model.put((Integer) row.get("step"), (Double) row.get("prediction"));
        }
        Map<Integer, Map<String, Object>> choices = new LinkedHashMap<>();
        duckdb("SELECT horizon, method, baseline, ets_form, season FROM " + DuckDb.table(out.resolve("fallback")))
                .forEach(row -> choices.put((Integer) row.get("horizon"), row));
        String form = (String) choices.get(1).get("ets_form");
        assertTrue(form != null && form.startsWith("ETS("), "the series' ETS form: " + choices.get(1));
        double[] values = Files.readAllLines(REPO.resolve("data/airline-passengers.csv")).stream().skip(1)
                .mapToDouble(line -> Double.parseDouble(line.split(",")[2])).toArray();
        double[] ets = LatestEtsForecasts.forecast(values, form, 12, 12).orElseThrow();
        Set<String> published = new TreeSet<>();
        for (Map<String, Object> row : duckdb("SELECT step, method, prediction FROM " + predictions()
                + " WHERE run_date = DATE '2026-11-23'")) {
            int step = (Integer) row.get("step");
            String method = (String) row.get("method");
            Map<String, Object> choice = choices.get(Math.min(step, choices.size()));
            assertEquals(choice.get("method"), method, "step " + step);
            String baselineCode = (String) choice.get("baseline");
            double baseline = NaiveForecast.of(baselineCode).forecast(values, 12, step);
            double expected = switch (method) {
                case "model" -> model.get(step);
                case "ets" -> ets[step - 1];
                case "combined" -> (model.get(step) + ets[step - 1] + baseline) / 3;
                default -> NaiveForecast.of(method).forecast(values, 12, step);
            };
            assertEquals(expected, (Double) row.get("prediction"), 1e-9 * Math.abs(expected), "step " + step);
            published.add(method);
        }
        assertTrue(published.contains("combined") || published.contains("ets"), "ETS published: " + published);
    }

    @Test
    void predictionsTableHasTheDeclaredSchemaForIndependentReaders() throws SQLException {
        List<Map<String, Object>> columns = duckdb("DESCRIBE SELECT * FROM " + predictions());
        Map<String, String> types = new LinkedHashMap<>();
        columns.forEach(c -> types.put((String) c.get("column_name"), (String) c.get("column_type")));
        assertEquals(Map.ofEntries(Map.entry("series_id", "VARCHAR"), Map.entry("origin_ts", "TIMESTAMP"),
                Map.entry("step", "INTEGER"), Map.entry("target_ts", "TIMESTAMP"), Map.entry("prediction", "DOUBLE"),
                Map.entry("method", "VARCHAR"), Map.entry("lower", "DOUBLE"), Map.entry("upper", "DOUBLE"), Map.entry("predicted_class", "INTEGER"),
                Map.entry("probability", "DOUBLE"), Map.entry("model_name", "VARCHAR"),
                Map.entry("model_version", "VARCHAR"), Map.entry("run_date", "DATE")), types);
    }

    @Test
    void scoreForecastsTwelveMonthsAfterTheLastObservation() throws SQLException {
        List<Map<String, Object>> rows = duckdb("SELECT step, CAST(origin_ts AS VARCHAR) AS origin, "
                + "CAST(target_ts AS VARCHAR) AS target, prediction, lower, upper, CAST(run_date AS VARCHAR) AS run_date "
                + "FROM " + predictions() + " WHERE run_date = DATE '2026-11-23' ORDER BY step");
        assertEquals(12, rows.size());
        for (int step = 1; step <= 12; step++) {
            Map<String, Object> row = rows.get(step - 1);
            assertEquals(step, row.get("step"));
            assertEquals("1960-12-01 00:00:00", row.get("origin"));
            assertEquals(LocalDate.of(1960, 12, 1).plusMonths(step) + " 00:00:00", row.get("target"));
            assertEquals("2026-11-23", row.get("run_date"));
            double prediction = (Double) row.get("prediction");
            // 1961 should look like 1960 (390..622 thousand), give or take growth.
            assertTrue(Double.isFinite(prediction) && prediction > 300 && prediction < 800, "step " + step + ": " + prediction);
            // Intervals from the backtest's errors (evaluated up to 12 steps): around the prediction, wider further out.
            double lower = (Double) row.get("lower");
            double upper = (Double) row.get("upper");
            assertTrue(lower < prediction && prediction < upper, "step " + step + ": " + row);
        }
    }

    @Test
    void defaultModelBeatsEveryBaselineOneMonthAheadOnTheSeedTutorialsTestTargets() throws SQLException {
        String metrics = DuckDb.table(out.resolve("metrics"));
        Map<String, Double> rmse = new LinkedHashMap<>();
        for (Map<String, Object> row : duckdb("SELECT method, targets, rmse FROM " + metrics
                + " WHERE split = 'test' AND series_id IS NULL AND horizon = 1")) {
            assertEquals(46L, ((Number) row.get("targets")).longValue(), row.toString());
            rmse.put((String) row.get("method"), (Double) row.get("rmse"));
        }
        assertEquals(48.66, rmse.get("persistence"), 0.005);
        assertEquals(42.32, rmse.get("seasonal_naive"), 0.005);
        assertEquals(15.69, rmse.get("seasonal_naive_drift"), 0.005);
        // The defaults (per-window scaling, a network correcting the seasonal naive with drift,
        // early stopping on validation), no hand-picked recipe.
        assertTrue(rmse.get("model") < rmse.get("seasonal_naive_drift"), "model test RMSE " + rmse.get("model"));
        // What score publishes one step ahead is what evaluate chose on validation: with ETS, the
        // combination, unless the model, ETS or the baseline beat it convincingly there.
        List<Map<String, Object>> chosen = duckdb("SELECT method FROM " + DuckDb.table(out.resolve("fallback"))
                + " WHERE horizon = 1");
        assertEquals(1, chosen.size(), chosen.toString());
        assertEquals(rmse.get((String) chosen.get(0).get("method")), rmse.get("published"), 1e-9,
                "published at h1: " + chosen);
        assertTrue(rmse.get("published") < rmse.get("seasonal_naive_drift"), "published " + rmse.get("published"));
        assertTrue(evaluateReport.contains("seasonal_naive_drift"), evaluateReport);
        assertTrue(evaluateReport.contains("rmse by horizon"), evaluateReport);
        // The backtest at horizon 12 reports the model and every baseline side by side.
        for (Map<String, Object> row : duckdb("SELECT method, count(*) AS n FROM " + metrics
                + " WHERE split = 'test' AND series_id IS NULL AND horizon = 12 GROUP BY method")) {
            assertEquals(1L, ((Number) row.get("n")).longValue(), row.toString());
        }
        assertEquals(8, duckdb("SELECT DISTINCT method FROM " + metrics + " WHERE split = 'test' AND horizon = 12")
                .size(), "the model, three baselines, ets, arima, combined and what score publishes");
        assertEquals(7, duckdb("SELECT DISTINCT method FROM " + metrics + " WHERE split = 'validation'").size(),
                "the validation backtest that score's fallback is chosen on: all but published");
    }

    @Test
    void etsIsBacktestedOnTheModelsTargetsAsItsOwnClassesForecastThem() throws SQLException, IOException {
        String metrics = DuckDb.table(out.resolve("metrics"));
        List<Map<String, Object>> rows = duckdb("SELECT targets, rmse FROM " + metrics
                + " WHERE split = 'test' AND series_id IS NULL AND horizon = 1 AND method = 'ets'");
        assertEquals(1, rows.size(), "ets at h1: " + rows);
        assertEquals(46L, ((Number) rows.get(0).get("targets")).longValue());
        // The same forecasts straight from EtsBacktest: 144 months, validation from month 82, test
        // from 96; the evaluated targets 1957-02..1960-11 are months 97..142.
        double[] values = Files.readAllLines(REPO.resolve("data/airline-passengers.csv")).stream().skip(1)
                .mapToDouble(line -> Double.parseDouble(line.split(",")[2])).toArray();
        EtsBacktest.Forecasts ets = EtsBacktest.of(values, 82, 96, 1, 12).orElseThrow();
        double squares = 0;
        for (int target = 97; target <= 142; target++) {
            squares += Math.pow(ets.forecast(target - 1, 1) - values[target], 2);
        }
        assertEquals(Math.sqrt(squares / 46), (Double) rows.get(0).get("rmse"), 1e-9 * Math.sqrt(squares / 46));
    }

    @Test
    void artifactRecordsChecksumScalersAndLossHistory() throws Exception {
        Path versions = out.resolve("models/airline");
        Path version;
        try (Stream<Path> dirs = Files.list(versions)) {
            version = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode model = new ObjectMapper().readTree(version.resolve("model.json").toFile());
        assertEquals(Checksums.sha256(Files.readAllBytes(version.resolve("model.zip"))),
                model.get("identity").get("model_zip_sha256").asText());
        assertEquals(version.getFileName().toString(), model.get("identity").get("model_version").asText());
        JsonNode training = model.get("training");
        assertEquals(Math.min(training.get("best_epoch").asInt() + 20, 100), training.get("loss_history").size(),
                "early stopping: 20 epochs without a lower validation loss after the published one");
        assertEquals("airline", model.get("trained_on").get("scalers").get(0).get("series_id").asText());
        assertEquals("robust", model.get("shape").get("transform").get("scaling").asText());
        assertEquals("seasonal_naive_drift", model.get("shape").get("transform").get("baseline").asText(),
                "the naive forecast with the lowest error before the test part");
        assertEquals(12, model.get("shape").get("transform").get("season").asInt(), "from the monthly frequency");
    }

    /** The PNGs embedded in a page's img tags; each must decode to an image. */
    private static List<BufferedImage> embeddedImages(String html) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        Matcher img = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        while (img.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
            assertNotNull(image, "an embedded image that is not a PNG");
            images.add(image);
        }
        assertEquals(html.split("<img ", -1).length - 1, images.size(), "every img embeds a PNG");
        return images;
    }

    @Test
    void trainAndEvaluateWriteReportsWithTheirPlots() throws Exception {
        Path version;
        try (Stream<Path> dirs = Files.list(out.resolve("models/airline"))) {
            version = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String trainReport = Files.readString(version.resolve("report.html"));
        assertTrue(trainReport.contains("Model airline version " + version.getFileName()), trainReport);
        assertEquals(1, embeddedImages(trainReport).size());
        assertNotNull(ImageIO.read(version.resolve("loss.png").toFile()));

        Path reports = out.resolve("reports/airline").resolve(version.getFileName());
        String evaluateReport = Files.readString(reports.resolve("evaluate.html"));
        // The RMSE by horizon, then the default's first 3 series ids: the airline data has one.
        assertEquals(2, embeddedImages(evaluateReport).size());
        assertTrue(evaluateReport.contains("<td>h12</td>") && !evaluateReport.contains("<pre>"),
                "the metrics as HTML tables, none preformatted to scroll sideways");
        assertTrue(evaluateReport.contains("<td><a href=\"#series-forecast-airline\">airline</a></td>"),
                "the worst series link their plots");
        assertTrue(evaluateReport.contains("seasonal_naive_drift") && evaluateReport.contains("90% prediction interval"),
                evaluateReport);
        assertNotNull(ImageIO.read(reports.resolve("forecast-airline.png").toFile()));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summaries/evaluate.json").toFile());
        assertEquals(reports.resolve("evaluate.html").toString(), summary.get("paths").get("report").asText());

        // A rerun for named series replaces the report; a series without test forecasts is named in it.
        // (Its own summary file: other tests read the first run's.)
        assertEquals(ExitCode.SUCCESS, run("evaluate", "--set", "report.plot_series=[\"nope\",\"airline\"]",
                "--summary", out.resolve("evaluate-rerun.json").toString()));
        String rerun = Files.readString(reports.resolve("evaluate.html"));
        assertEquals(2, embeddedImages(rerun).size());
        assertTrue(rerun.contains("no test forecasts: nope"), rerun);
        try (Stream<Path> siblings = Files.list(reports.getParent())) {
            assertEquals(List.of(version.getFileName().toString()),
                    siblings.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                            .filter(name -> !name.equals("score")).toList(),
                    "no staging directory left (beside score's reports)");
        }
        List<Path> pages = new ArrayList<>(List.of(version.resolve("report.html")));
        try (Stream<Path> files = Files.walk(out.resolve("reports"))) {
            files.filter(p -> p.toString().endsWith(".html")).forEach(pages::add);
        }
        assertEquals(4, pages.size(), "training, index, evaluate and score pages: " + pages);
        for (Path page : pages) {
            Matcher pre = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL).matcher(Files.readString(page));
            while (pre.find()) {
                for (String line : pre.group(1).split("\n")) {
                    assertTrue(line.length() <= 120, page + " has a preformatted line of " + line.length()
                            + " characters");
                }
            }
        }
        String index = Files.readString(out.resolve("reports/airline/index.html"));
        assertTrue(index.contains(">training</a>") && index.contains(">backtest</a>")
                && index.contains(">forecasts</a>"), "the index links every report: " + index);
    }

    @Test
    void jobSummariesHoldCountsMetricsAndTheModelVersion() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode train = json.readTree(out.resolve("summaries/train.json").toFile());
        assertEquals("succeeded", train.get("status").asText());
        assertEquals(0, train.get("exit_code").asInt());
        assertEquals(52, train.get("counts").get("train_samples").asInt());
        assertTrue(train.get("metrics").get("final_train_loss").asDouble() > 0);
        JsonNode model = json.readTree(Path.of(train.get("paths").get("model").asText(), "model.json").toFile());
        int best = model.get("training").get("best_epoch").asInt();
        assertEquals(best, train.get("metrics").get("published_epoch").asInt());
        if (best > 0) {
            assertEquals(model.get("training").get("loss_history").get(best - 1).get("validation_loss").asDouble(),
                    train.get("metrics").get("published_validation_loss").asDouble(), "the published epoch's loss");
        }
        String version = train.get("model_version").asText();
        assertTrue(train.get("paths").get("model").asText().endsWith(version));

        JsonNode score = json.readTree(out.resolve("summaries/score.json").toFile());
        assertEquals("succeeded", score.get("status").asText());
        assertEquals(version, score.get("model_version").asText());
        assertEquals(12, score.get("counts").get("predictions").asInt());
        assertEquals(1, score.get("counts").get("scored_series").asInt());
        String scoreReport = Files.readString(Path.of(score.get("paths").get("report").asText()));
        String publishedMethod = (String) duckdb("SELECT method FROM " + DuckDb.table(out.resolve("predictions"))
                + " WHERE step = 1").get(0).get("method");
        assertTrue(scoreReport.contains("Series airline (" + publishedMethod), "the published forecast and its method");
        assertEquals(1, embeddedImages(scoreReport).size());
        assertTrue(score.get("paths").get("predictions_partition").asText()
                .endsWith("run_date=" + score.get("run_date").asText()));
        assertTrue(score.get("seconds").asDouble() > 0);

        JsonNode evaluate = json.readTree(out.resolve("summaries/evaluate.json").toFile());
        double coverage = evaluate.get("metrics").get("interval_coverage").asDouble();
        assertTrue(coverage > 0.5 && coverage <= 1.0, "interval coverage " + coverage);
        assertTrue(evaluate.get("metrics").get("model").get("rmse").asDouble() > 0);
        assertTrue(evaluate.get("metrics").get("model").get("mase").asDouble() > 0);
    }

    /** The SQL blocks of the "For data engineers" section of docs/tables.md, paths pointed at this test's output. */
    private static List<String> readmeSql() throws Exception {
        String tables = Files.readString(REPO.resolve("docs/tables.md"));
        String section = tables.substring(tables.indexOf("\n## For data engineers"));
        section = section.substring(0, section.indexOf("\n## ", 1)); // up to the next section
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL)
                .matcher(section);
        while (block.find()) {
            blocks.add(block.group(1).replace("hdfs:///forecast/airline", out.toString())
                    .replace("out/airline", out.toString()));
        }
        return blocks;
    }

    private static List<String> statements(String block) {
        return Arrays.stream(block.replaceAll("--[^\\n]*", "").split(";"))
                .map(String::trim).filter(sql -> !sql.isEmpty()).toList();
    }

    @Test
    void theReadmeQueriesRunAsWritten() throws Exception {
        List<String> blocks = readmeSql();
        assertEquals(2, blocks.size());
        List<String> duck = statements(blocks.get(0));
        assertEquals(12, duckdb(duck.get(0)).size());
        List<Map<String, Object>> byStep = duckdb(duck.get(1));
        assertEquals(12, byStep.size(), byStep.toString());
        List<Map<String, Object>> chosen = duckdb("SELECT horizon, method FROM "
                + DuckDb.table(out.resolve("fallback")) + " ORDER BY horizon");
        for (int step = 1; step <= 12; step++) {
            assertEquals(Map.of("step", step, "method", chosen.get(step - 1).get("method"), "series", 1L),
                    byStep.get(step - 1), "evaluate's choice for the step's horizon");
        }
        List<Map<String, Object>> evidence = duckdb(duck.get(2));
        assertTrue(!evidence.isEmpty() && evidence.size() % 12 == 0, "12 horizons per evaluated version: " + evidence);
        for (Map<String, Object> choice : evidence) {
            assertTrue(((Number) choice.get("validation_targets")).longValue() > 0, choice.toString());
        }
        assertEquals(96, duckdb(duck.get(3)).size(), "12 horizons x 8 methods of the latest version");

        SparkSession spark = SparkSession.builder().master("local[1]")
                .appName("readme").config("spark.ui.enabled", "false")
                .config("spark.sql.warehouse.dir", out.resolve("warehouse").toString()).getOrCreate();
        try {
            List<String> sparkSql = statements(blocks.get(1));
            for (String sql : sparkSql.subList(0, sparkSql.size() - 1)) {
                spark.sql(sql);
            }
            assertEquals(12, spark.sql(sparkSql.get(sparkSql.size() - 1)).count());
        } finally {
            spark.stop();
        }
    }

    /** A halted run's staging counts as abandoned at once (a real run waits hours before taking it). */
    private static final String[] ABANDON_AT_ONCE = {"--set",
        "spark.conf.\"spark.hadoop." + Publisher.ABANDON_AFTER_KEY + "\"=0"};

    @Test
    void aScoreHaltedMidPublishLeavesEveryTableReadableByDuckDbAndTheNextRunCleansUp() throws SQLException,
            IOException {
        String dates = "SELECT CAST(run_date AS VARCHAR) AS d, count(*) AS n FROM read_parquet('"
                + out.resolve("predictions") + "/**/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1";
        List<Map<String, Object>> before = duckdb(dates);
        // The partition is one file: it is replaced by one rename, so there is no step at which it is absent.
        for (String step : List.of("STAGED", "NEW_IN_PLACE")) {
            System.setProperty(Publisher.CRASH_AFTER_PROPERTY, step);
            try {
                assertEquals(ExitCode.RUNTIME_FAILURE, run("score", concat("--run-date", "2026-11-23", ABANDON_AT_ONCE)));
            } finally {
                System.clearProperty(Publisher.CRASH_AFTER_PROPERTY);
            }
            assertEquals(before, duckdb(dates), "after a halt at " + step + " the same dates and counts are read");
        }
        for (String table : List.of("metrics", "intervals", "fallback")) {
            duckdb("SELECT count(*) FROM read_parquet('" + out.resolve(table) + "/**/*.parquet', hive_partitioning = true)");
        }
        assertEquals(ExitCode.SUCCESS, run("score", concat("--run-date", "2026-11-23", ABANDON_AT_ONCE)));
        assertEquals(before, duckdb(dates));
        try (Stream<Path> left = Files.walk(out)) {
            assertEquals(List.of(), left.filter(p -> p.toString().contains(".publishing")).toList());
        }
    }

    @Test
    void rescoringADateReplacesItsPartitionAndAnotherDateAddsOne() throws SQLException {
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2026-11-23"));
        assertEquals(12L, ((Number) duckdb("SELECT count(*) AS n FROM " + predictions()).get(0).get("n")).longValue());
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2026-11-24"));
        List<Map<String, Object>> perDate = duckdb("SELECT CAST(run_date AS VARCHAR) AS d, count(*) AS n FROM "
                + predictions() + " GROUP BY 1 ORDER BY 1");
        assertEquals(2, perDate.size());
        assertEquals(12L, ((Number) perDate.get(0).get("n")).longValue());
        assertEquals(12L, ((Number) perDate.get(1).get("n")).longValue());
    }
}
