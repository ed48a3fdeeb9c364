package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.storage.OutputTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * output.table_format = iceberg through the command line: the airline pipeline, scores rerun
 * for one date and run for another, read back with Spark SQL from the Hadoop catalog the jobs
 * defined (current rows, time travel to the first snapshot); then a score killed inside its
 * write leaves the table at its previous snapshot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IcebergEndToEndTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo"));
    private static final String PREDICTIONS = "forecast.forecast.predictions";

    @TempDir
    static Path out;
    private static long firstSnapshot;

    private static List<String> arguments(String job, String... extra) {
        List<String> args = new ArrayList<>(List.of(job, "--config", REPO.resolve("conf/airline.conf").toString(),
                "--master", "local[2]",
                "--set", "series.path=" + REPO.resolve("data/airline-passengers.csv"),
                "--set", "output.dir=" + out,
                "--set", "output.table_format=iceberg",
                // A small model and no classical methods: the tables are what this test is about.
                "--set", "network.ensemble=1", "--set", "training.epochs=3", "--set", "evaluate.classical=[]",
                "--set", "spark.conf.\"spark.sql.shuffle.partitions\"=2"));
        args.addAll(List.of(extra));
        return args;
    }

    private static ExitCode run(String job, String... extra) {
        return ForecastCli.run(arguments(job, extra).toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
    }

    private static long scoreSnapshot() throws IOException {
        return new ObjectMapper().readTree(out.resolve("summaries/score.json").toFile())
                .path("metrics").path("iceberg_snapshot_id").asLong();
    }

    @BeforeAll
    static void runThePipelineAndScoreAgain() throws IOException {
        assertEquals(ExitCode.SUCCESS, run("pipeline", "--run-date", "2026-11-23"));
        firstSnapshot = scoreSnapshot();
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2026-11-23"));
        assertNotEquals(firstSnapshot, scoreSnapshot(), "each score commits a snapshot");
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2026-11-24"));
    }

    /**
     * The rows of a query, read as data engineers would set a reader up: Spark with the same
     * Hadoop catalog, in a session of its own (the jobs stop theirs, and one JVM has one context).
     */
    private static List<Row> query(String sql) {
        return queries(List.of(sql)).get(0);
    }

    private static List<List<Row>> queries(List<String> sql) {
        SparkSession reader = SparkSession.builder().master("local[1]").appName("iceberg-reader")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.forecast", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.forecast.type", "hadoop")
                .config("spark.sql.catalog.forecast.warehouse", out.resolve("iceberg").toString())
                .getOrCreate();
        try {
            return sql.stream().map(statement -> reader.sql(statement).collectAsList()).toList();
        } finally {
            reader.stop();
        }
    }

    private static long count(String sql) {
        return query("SELECT count(*) FROM (" + sql + ")").get(0).getLong(0);
    }

    private static List<Row> perDate(String table) {
        return query("SELECT CAST(run_date AS STRING) AS d, count(*) AS n, count(DISTINCT step) AS steps FROM "
                + table + " GROUP BY 1 ORDER BY 1");
    }

    @Test
    @Order(1)
    void eachDateHasExactlyOneCopyOfItsRowsAndTimeTravelShowsTheFirstRun() {
        List<Row> now = perDate(PREDICTIONS);
        assertEquals(2, now.size(), now.toString());
        for (Row date : now) {
            assertEquals(12L, date.getLong(1), "a rerun replaces its date's rows: " + now);
            assertEquals(12L, date.getLong(2));
        }
        List<Row> first = perDate(PREDICTIONS + " VERSION AS OF " + firstSnapshot);
        assertEquals(1, first.size(), first.toString());
        assertEquals("2026-11-23", first.get(0).getString(0));
        assertEquals(12L, first.get(0).getLong(1));
        assertEquals(3L, count("SELECT * FROM " + PREDICTIONS + ".snapshots"),
                "one snapshot per score run");
    }

    @Test
    @Order(2)
    void theReadmeQueriesRunAsWritten() throws IOException {
        String tables = Files.readString(REPO.resolve("docs/tables.md"));
        String section = tables.substring(tables.indexOf("\n## Iceberg tables"));
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(block.find(), "the section's SQL");
        // Its snapshot id and time stand for this run's: the first score's snapshot, and now.
        String sql = block.group(1).replaceAll("VERSION AS OF \\d+", "VERSION AS OF " + firstSnapshot)
                .replaceAll("TIMESTAMP AS OF '[^']*'", "TIMESTAMP AS OF '" + LocalDateTime.now() + "'");
        List<String> statements = Arrays.stream(sql.replaceAll("--[^\\n]*", "").split(";")).map(String::trim)
                .filter(statement -> !statement.isEmpty()).toList();
        List<List<Row>> results = queries(statements);
        assertEquals(5, results.size(), statements.toString());
        assertEquals(12, results.get(0).size(), "one run date's predictions");
        assertEquals(12, results.get(1).size(), "the first score's rows");
        assertEquals(24, results.get(2).size(), "both dates now");
        assertEquals(3, results.get(3).size(), "three score commits");
        assertEquals(0L, results.get(4).get(0).getLong(0), "no snapshot is older than the documented date");
    }

    @Test
    @Order(3)
    void evaluateAndTrainWroteTheirTablesToo() {
        assertEquals(1L, count("SELECT * FROM forecast.forecast.registry"), "one row per version");
        for (String table : List.of("metrics", "intervals", "fallback")) {
            assertEquals(1L, count("SELECT DISTINCT model_version FROM forecast.forecast." + table), table);
        }
        assertTrue(count("SELECT * FROM forecast.forecast.metrics WHERE method = 'published'") > 0);
        // Evaluate again: its version's partition is replaced, not added to.
        long metrics = count("SELECT * FROM forecast.forecast.metrics");
        assertEquals(ExitCode.SUCCESS, run("evaluate"));
        assertEquals(metrics, count("SELECT * FROM forecast.forecast.metrics"));
    }

    @Test
    @Order(4)
    void aScoreKilledInsideItsWriteLeavesThePreviousSnapshot() throws Exception {
        String all = "SELECT * FROM " + PREDICTIONS + " ORDER BY run_date, series_id, step";
        List<Row> before = query(all);
        long snapshots = count("SELECT * FROM " + PREDICTIONS + ".snapshots");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + OutputTables.HALT_WHILE_WRITING_PROPERTY + "=true");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForecastCli.class.getName()));
        command.addAll(arguments("score", "--run-date", "2026-11-24"));
        Path log = out.resolve("killed-score.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the score halted");
        assertEquals(137, process.exitValue(), Files.readString(log));

        assertEquals(snapshots, count("SELECT * FROM " + PREDICTIONS + ".snapshots"), "no snapshot was committed");
        assertEquals(before, query(all), "the table reads as before the killed run");
        // The retry commits, and its content is the same as the run it replaces.
        assertEquals(ExitCode.SUCCESS, run("score", "--run-date", "2026-11-24"));
        assertEquals(snapshots + 1, count("SELECT * FROM " + PREDICTIONS + ".snapshots"));
        assertEquals(before, query(all));
    }

    @Test
    @Order(5)
    void aSecondModelSharesTheCatalogAndEachKeepsItsRows() {
        String perModel = "SELECT model_name, count(*) FROM " + PREDICTIONS
                + " WHERE run_date = DATE'2026-11-24' GROUP BY 1 ORDER BY 1";
        List<Row> first = query(perModel);
        assertEquals(1, first.size());
        long metrics = count("SELECT * FROM forecast.forecast.metrics");
        String[] second = {"--set", "model_name=second"};
        assertEquals(ExitCode.SUCCESS, run("train", second));
        assertEquals(ExitCode.SUCCESS, run("score", concat(second, "--run-date", "2026-11-24")));
        assertEquals(ExitCode.SUCCESS, run("evaluate", second));
        List<Row> both = query(perModel);
        assertEquals(List.of("airline", "second"), both.stream().map(row -> row.getString(0)).toList());
        assertEquals(first.get(0), both.get(0), "the first model's predictions of the date are kept");
        assertEquals(both.get(0).getLong(1), both.get(1).getLong(1));
        assertEquals(2L, count("SELECT DISTINCT model_name FROM forecast.forecast.registry"));
        assertEquals(2L, count("SELECT DISTINCT model_name FROM forecast.forecast.metrics"));
        assertEquals(2 * metrics, count("SELECT * FROM forecast.forecast.metrics"), "each model's metrics, in full");
        for (String table : List.of("intervals", "fallback")) {
            assertEquals(2L, count("SELECT DISTINCT model_version FROM forecast.forecast." + table), table);
        }
    }

    private static String[] concat(String[] first, String... second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }
}
