package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** conf/log4j2.properties, as the launchers use it: what the console shows of a failed task. */
class LogConfigTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo")).toAbsolutePath().normalize();

    @Test
    void aFailedTaskIsOneLinePerSparkMessageAndTheJobsOwnErrorKeepsItsTrace() {
        IllegalStateException cause = new IllegalStateException("Negative length: -1");
        List<String> console = console(context -> {
            context.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0 in stage 1.0", cause);
            context.getLogger("org.apache.spark.scheduler.TaskSetManager").warn("Lost task 0.0 in stage 1.0: "
                    + "org.apache.spark.SparkException: Encountered error while reading file f.parquet. Details:\n"
                    + "\tat org.apache.parquet.Reader.read(Reader.java:1)\nCaused by: " + cause);
            context.getLogger("io.sparkforecast.cli.ForecastCli").error("forecast prepare failed", cause);
        });
        assertTrue(console.get(0).endsWith("ERROR Executor: Exception in task 0.0 in stage 1.0"), console.get(0));
        assertTrue(console.get(1).endsWith("Encountered error while reading file f.parquet. Details: [trace omitted]"),
                console.get(1));
        assertTrue(console.get(2).endsWith("ERROR ForecastCli: forecast prepare failed"), console.get(2));
        assertEquals("java.lang.IllegalStateException: Negative length: -1", console.get(3));
        assertTrue(console.get(4).strip().startsWith("at "), "the product's errors keep their trace: " + console);
    }

    /** The lines the configuration writes to the console while {@code logging} runs. */
    private static List<String> console(java.util.function.Consumer<LoggerContext> logging) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext("log-config-test");
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setConfigLocation(REPO.resolve("conf/log4j2.properties").toUri());
            logging.accept(context);
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
