package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG file compiles, and every command line it submits is accepted by the forecast
 * CLI: each is run with --dry-run from the repository root, as the DAG's default config expects.
 */
class AirflowDagTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo")).toAbsolutePath().normalize();
    private static final Path AIRFLOW = REPO.resolve("scripts/airflow");

    private record Output(int exitCode, String text) {
    }

    private static Output run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Output(process.waitFor(), text);
    }

    @Test
    void dagFilesCompile(@TempDir Path cache) throws Exception {
        Output compiled = run(AIRFLOW, List.of("python3", "-c",
                "import py_compile, sys; [py_compile.compile(f, cfile=sys.argv[1] + '/' + f + 'c', doraise=True) "
                        + "for f in ('forecast_dag.py', 'forecast_commands.py')]", cache.toString()));
        assertEquals(0, compiled.exitCode(), compiled.text());
    }

    @Test
    void theDagsSubmitWithTheSettingsOfConfSparkDefaults() throws Exception {
        Output printed = run(AIRFLOW, List.of("python3", "forecast_commands.py", "--config", "conf/airline.conf",
                "--ds", "2026-11-23", "--spark-conf"));
        assertEquals(0, printed.exitCode(), printed.text());
        java.util.Map<String, String> expected = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(REPO.resolve("conf/spark-defaults.conf"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] keyValue = trimmed.split("\\s+", 2);
                expected.put(keyValue[0], keyValue[1].strip());
            }
        }
        java.util.Map<String, String> submitted = new java.util.TreeMap<>();
        new ObjectMapper().readTree(printed.text()).fields()
                .forEachRemaining(e -> submitted.put(e.getKey(), e.getValue().asText()));
        assertTrue(expected.containsKey("spark.executor.memoryOverhead"), expected.toString());
        assertEquals(expected, submitted);
    }

    @Test
    void everyDagCommandPassesTheDryRun(@TempDir Path summaries) throws Exception {
        Output listed = run(AIRFLOW, List.of("python3", "forecast_commands.py", "--config", "conf/airline.conf",
                "--ds", "2026-11-23", "--summary-dir", summaries.toString()));
        assertEquals(0, listed.exitCode(), listed.text());
        List<JsonNode> tasks = new ArrayList<>();
        for (String line : listed.text().split("\\R")) {
            tasks.add(new ObjectMapper().readTree(line));
        }
        assertEquals(Set.of("forecast_training.prepare", "forecast_training.train", "forecast_scoring.score",
                "forecast_scoring.evaluate"), tasks.stream()
                .map(t -> t.get("dag").asText() + "." + t.get("task").asText()).collect(Collectors.toSet()));

        // Every task's command line, dry run, in one JVM started from the repository root as Airflow's
        // workers start the launcher (one JVM per task there; one here pays the start once).
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-Dlog4j2")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DryRuns.class.getName()));
        for (JsonNode task : tasks) {
            command.add(task.get("args").toString());
        }
        Output checked = run(REPO, command);
        String[] outputs = checked.text().split(DryRuns.EXIT + "-?\\d+\\R", -1);
        assertEquals(0, checked.exitCode(), checked.text());
        assertEquals(tasks.size() + 1, outputs.length, checked.text());
        Matcher codes = Pattern.compile(DryRuns.EXIT + "(-?\\d+)").matcher(checked.text());
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode task = tasks.get(i);
            String output = outputs[i];
            assertTrue(codes.find(), checked.text());
            assertEquals("0", codes.group(1), task + "\n" + output);
            assertTrue(output.contains("(dry run, nothing changed)"), task + "\n" + output);
            assertTrue(output.contains("summary: " + summaries), task + "\n" + output);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
