package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line for mistakes caught before Spark starts. */
class ForecastCliTest {
    private static final String AIRLINE = Path.of(System.getProperty("forecast.repo"), "conf", "airline.conf").toString();
    private static final String AIRLINE_DATA = Path.of(System.getProperty("forecast.repo"), "data",
            "airline-passengers.csv").toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        return ForecastCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsJobsAndExitsZero() {
        assertEquals(ExitCode.SUCCESS, run("--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String job : new String[] {"prepare", "train", "score", "evaluate"}) {
            assertTrue(text.contains(job), text);
        }
    }

    @Test
    void eachJobHasHelp() {
        for (ForecastJob job : ForecastJob.values()) {
            assertEquals(ExitCode.SUCCESS, run(job.jobName(), "--help"));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--run-date"));
    }

    @Test
    void noArgumentsOrUnknownJobIsUsageError() {
        assertEquals(ExitCode.USAGE, run());
        assertEquals(ExitCode.USAGE, run("fit"));
        assertTrue(errText().contains("unknown job 'fit'"), errText());
    }

    @Test
    void missingModelExitsWithTheModelCode(@TempDir Path dir) {
        assertEquals(ExitCode.MODEL_UNAVAILABLE, run("score", "--config", AIRLINE, "--master", "local[1]",
                "--set", "series.path=" + AIRLINE_DATA, "--set", "output.dir=" + dir));
        assertTrue(errText().contains("no model published under"), errText());
        assertTrue(Files.exists(dir.resolve("summaries/score.json")), "a failed run writes its summary too");
    }

    @Test
    void thePipelineStopsAtItsFirstFailingJobWithThatJobsCode(@TempDir Path dir) {
        assertEquals(ExitCode.USAGE, run("pipeline", "--config", AIRLINE, "--master", "local[1]",
                "--set", "series.path=" + dir.resolve("missing.csv"), "--set", "output.dir=" + dir));
        assertTrue(errText().startsWith("forecast prepare: series.path does not exist"), errText());
        assertTrue(Files.exists(dir.resolve("summaries/prepare.json")), "the failed job writes its summary");
        assertTrue(!Files.exists(dir.resolve("summaries/train.json")), "no job runs after a failure");
    }

    @Test
    void environmentFailureExitsWithTheRuntimeCode(@TempDir Path dir) {
        assertEquals(ExitCode.RUNTIME_FAILURE, run("prepare", "--config", AIRLINE, "--master", "nowhere://cluster",
                "--set", "series.path=" + AIRLINE_DATA, "--set", "output.dir=" + dir));
        assertTrue(errText().contains("failed:"), errText());
    }

    @Test
    void anOutputUnderAFileIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertEquals(ExitCode.USAGE, run("prepare", "--config", AIRLINE, "--master", "local[1]",
                "--set", "series.path=" + AIRLINE_DATA, "--set", "output.dir=" + file.resolve("out")));
        assertTrue(errText().contains(file + " is a file"), errText());
    }

    @Test
    void dryRunChecksAndPlansWithoutWriting(@TempDir Path dir) {
        assertEquals(ExitCode.SUCCESS, run("prepare", "--config", AIRLINE, "--dry-run",
                "--set", "series.path=" + AIRLINE_DATA, "--set", "output.dir=" + dir.resolve("out")));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("prepare (dry run, nothing changed)"), text);
        assertTrue(text.contains("columns [series_id, ts, value]"), text);
        assertTrue(text.contains("will be created"), text);
        assertTrue(!Files.exists(dir.resolve("out")), "a dry run writes nothing");

        assertEquals(ExitCode.USAGE, run("prepare", "--config", AIRLINE, "--dry-run",
                "--set", "series.path=" + dir.resolve("missing.csv")));
        assertTrue(errText().contains("series.path does not exist"), errText());
    }

    @Test
    void thePipelinesDryRunPlansEachJobAndNamesTheirSummaries(@TempDir Path dir) {
        assertEquals(ExitCode.SUCCESS, run("pipeline", "--config", AIRLINE, "--dry-run",
                "--set", "series.path=" + AIRLINE_DATA, "--set", "output.dir=" + dir.resolve("out")));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("prepare: input: ") && text.contains("train: would train"), text);
        for (String job : new String[] {"prepare", "train", "evaluate", "score"}) {
            assertTrue(text.contains("summaries/" + job + ".json"), text);
        }
        assertTrue(!Files.exists(dir.resolve("out")), "a dry run writes nothing");
    }

    @Test
    void anUnwritableOutputLocationFailsBeforeAnyWorkInOneLine() {
        long started = System.nanoTime();
        assertEquals(ExitCode.USAGE, run("prepare", "--config", AIRLINE, "--master", "local[1]",
                "--set", "series.path=" + AIRLINE_DATA, "--set", "output.dir=/proc/forecast-test"));
        assertTrue(errText().contains("/proc") && errText().contains("not writable"), errText());
        assertEquals(1, errText().lines().count(), errText());
        assertTrue((System.nanoTime() - started) / 1e9 < 60, "refused before reading the input");
    }

    @Test
    void aTruncatedParquetFileIsNamedInOneLineWithTheInputCode(@TempDir Path dir) throws Exception {
        String sine = Path.of(System.getProperty("forecast.repo"), "conf", "sine.conf").toString();
        String[] settings = {"--config", sine, "--master", "local[1]", "--set", "series.path=" + dir.resolve("series"),
            "--set", "output.dir=" + dir.resolve("out"), "--set", "generate.series=2", "--set", "generate.steps=50"};
        assertEquals(ExitCode.SUCCESS, run(concat("generate", settings)));
        Path file;
        try (var files = Files.walk(dir.resolve("series"))) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        err.reset();
        assertEquals(ExitCode.INVALID_INPUT, run(concat("prepare", settings)));
        assertTrue(errText().contains(file.getFileName().toString()) && errText().contains("not a readable Parquet file"),
                errText());
        assertEquals(1, errText().lines().count(), errText());
        err.reset();
        assertEquals(ExitCode.INVALID_INPUT, run(concat("prepare", concat("--dry-run", settings))));
        assertEquals(1, errText().lines().count(), errText());
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void unusableInputExitsWithTheInputCodeNamingTheProblem(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "series_id,ts,amount\na,2020-01-01,1\n");
        assertEquals(ExitCode.INVALID_INPUT, run("prepare", "--config", AIRLINE, "--master", "local[1]",
                "--set", "series.path=" + csv, "--set", "output.dir=" + dir));
        assertTrue(errText().contains("has no column 'value'"), errText());
        assertEquals(1, errText().lines().count(), errText());
        assertEquals(ExitCode.INVALID_INPUT, run("prepare", "--config", AIRLINE, "--dry-run",
                "--set", "series.path=" + csv, "--set", "output.dir=" + dir));
    }

    @Test
    void badOptionsValuesAndFilesAreOneLineUsageErrors() {
        assertEquals(ExitCode.USAGE, run("train", "--config", AIRLINE, "--epochs", "3"));
        assertEquals(ExitCode.USAGE, run("train", "--config", "no/such.conf"));
        assertEquals(ExitCode.USAGE, run("train", "--config", AIRLINE, "--set", "training.epochs=-1"));
        assertEquals(ExitCode.USAGE, run("score", "--config", AIRLINE, "--run-date", "yesterday"));
        String[] lines = errText().split("\\R");
        assertEquals(4, lines.length, errText());
        assertTrue(lines[0].contains("Unknown option --epochs"), lines[0]);
        assertTrue(lines[1].contains("config file not found: no/such.conf"), lines[1]);
        assertTrue(lines[2].contains("forecast.training.epochs: -1 is below the minimum 1"), lines[2]);
        assertTrue(lines[3].contains("'yesterday' is not a date"), lines[3]);
    }
}
