package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * conf/spark-defaults.conf is the one place for Spark and JVM settings: the test JVM runs with
 * its driver options (read by the build), the launchers pass them, and no launcher or build file
 * keeps a copy that could drift.
 */
class SparkDefaultsTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo")).toAbsolutePath().normalize();

    static Map<String, String> settings() throws IOException {
        Map<String, String> settings = new TreeMap<>();
        for (String line : Files.readAllLines(REPO.resolve("conf/spark-defaults.conf"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] keyValue = trimmed.split("\\s+", 2);
                settings.put(keyValue[0], keyValue[1].strip());
            }
        }
        return settings;
    }

    @Test
    void theTestJvmRunsWithTheDriverOptionsNativeThreadsAndCodeCacheOfTheFile() throws Exception {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : settings().get("spark.driver.extraJavaOptions").split("\\s+")) {
            assertTrue(arguments.contains(option), "the test JVM lacks " + option + ": " + arguments);
        }
        assertEquals(settings().get("spark.executorEnv.OMP_NUM_THREADS"), System.getenv("OMP_NUM_THREADS"));
        // The tests run many jobs in one JVM, as pipeline and tune do: the same code cache.
        assertEquals(settings().get("spark.sql.codegen.cache.maxEntries"),
                System.getProperty("spark.sql.codegen.cache.maxEntries"));
    }

    @Test
    void theLaunchersPassEverySettingOfTheFile() throws Exception {
        Process process = new ProcessBuilder("bash", "-c",
                "root=. && . scripts/lib/spark-defaults.sh && spark_system_properties")
                .directory(REPO.toFile()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), printed);
        List<String> expected = new ArrayList<>();
        settings().forEach((key, value) -> expected.add("-D" + key + "=" + value));
        List<String> passed = new ArrayList<>(Arrays.asList(printed.strip().split("\n")));
        passed.sort(null);
        assertEquals(expected, passed);
    }

    @Test
    void noLauncherOrBuildFileKeepsItsOwnCopyOfTheJvmOptions() throws Exception {
        List<Path> files = new ArrayList<>(List.of(REPO.resolve("pom.xml"), REPO.resolve("common/pom.xml"),
                REPO.resolve("jobs/pom.xml")));
        try (Stream<Path> scripts = Files.walk(REPO.resolve("scripts"))) {
            scripts.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String copy : List.of("--add-opens", "javacpp.maxbytes", "tryReflectionSetAccessible")) {
                assertTrue(!text.contains(copy), REPO.relativize(file) + " spells out " + copy
                        + ": read it from conf/spark-defaults.conf instead");
            }
        }
    }
}
