package io.sparkforecast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.core.BaselineChoice;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.ValueScaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String hocon) throws IOException {
        Path file = Files.createTempFile(dir, "job", ".conf");
        Files.writeString(file, hocon);
        return file;
    }

    private static String usageMessage(Runnable load) {
        JobFailure failure = assertThrows(JobFailure.class, load::run);
        assertEquals(ExitCode.USAGE, failure.exitCode());
        return failure.getMessage();
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
    }

    @Test
    void fileValuesOverrideDefaultsAndDerivedPathsFollowTheModelName() throws IOException {
        Path file = write("forecast { model_name = demo, series.path = \"x.csv\", window.lookback = 7 }");
        ForecastConfig config = ConfigLoader.load(file, List.of());

        assertEquals("demo", config.modelName());
        assertEquals(7, config.window().lookback());
        assertEquals(1, config.window().horizon());
        assertEquals("out/demo/prepared", config.output().prepared());
        assertEquals(List.of(32), config.network().layers());
        assertEquals(6, config.network().ensemble());
        assertEquals(ForecastConfig.Optimizer.ADAM, config.training().optimizer());
        assertNull(config.modelVersion());
        assertEquals("UTC", config.sparkConf().get("spark.sql.session.timeZone"));
        assertTrue(config.resolvedJson().contains("\"lookback\" : 7"), config.resolvedJson());
    }

    @Test
    void overridesWinWithOrWithoutThePrefix() throws IOException {
        Path file = write("forecast.series.path = x.csv\nforecast.training.epochs = 3");
        ForecastConfig config = ConfigLoader.load(file, List.of("training.epochs=9",
                "forecast.network.layers=[8, 4]", "output.dir=hdfs://nn:8020/tmp/f", "run_date=2024-02-29",
                "evaluate.from=null"));

        assertEquals(9, config.training().epochs());
        assertEquals(List.of(8, 4), config.network().layers());
        assertEquals("hdfs://nn:8020/tmp/f/models", config.output().models());
        assertEquals(LocalDate.of(2024, 2, 29), config.runDate());
        assertNull(config.evaluate().from());
    }

    @Test
    void badValuesNameTheKeyAndTheValue() throws IOException {
        Path file = write("forecast.series.path = x.csv");
        assertRefused(file, "forecast.window.lookback: 0 is below the minimum 1", "window.lookback=0");
        assertRefused(file, "forecast.training.epochs", "training.epochs=many");
        assertRefused(file, "'lbfgs' is not one of", "training.optimizer=lbfgs");
        assertRefused(file, "forecast.series.frequency", "series.frequency=monthly");
        assertRefused(file, "'2024-13-01' is not a date", "run_date=2024-13-01");
        assertRefused(file, "leave no test share", "split.train=0.8", "split.validation=0.2");
        assertRefused(file, "forecast.network.layers", "network.layers=[]");
        assertRefused(file, "'steps' is not one of", "network.window_as=steps");
        assertRefused(file, "network.dropout = 0.2 needs network.lstm = fast", "network.lstm=stock",
                "network.dropout=0.2");
        assertRefused(file, "forecast.network.ensemble", "network.ensemble=0");
        assertRefused(file, "forecast.evaluate.fallback_confidence: 0.3 is outside [0.5, 0.999]",
                "evaluate.fallback_confidence=0.3");
        assertRefused(file, "forecast.inference.batch_size", "inference.batch_size=0");
        assertRefused(file, "transform.difference_lag = 0 (is 12)", "transform.scaling=window",
                "transform.difference_lag=12");
        assertRefused(file, "network.window_as = time_steps (is features)", "network.stateful=true",
                "network.window_as=features");
    }

    @Test
    void unknownKeysAreRejected() throws IOException {
        Path file = write("forecast { series.path = x.csv, training.epoch = 3 }");
        assertContains(usageMessage(() -> ConfigLoader.load(file, List.of())), "unknown config key forecast.training.epoch");
        Path ok = write("forecast.series.path = x.csv");
        assertContains(usageMessage(() -> ConfigLoader.load(ok, List.of("window.look_back=3"))), "unknown config key forecast.window.look_back");
    }

    @Test
    void sparkSettingsAreFreeForm() throws IOException {
        Path file = write("forecast { series.path = x.csv, spark.conf { \"spark.sql.shuffle.partitions\" = 4 } }");
        assertEquals("4", ConfigLoader.load(file, List.of()).sparkConf().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void namesThatWouldClimbOutOfTheirDirectoryAreRefused() throws IOException {
        Path file = write("forecast { series.path = \"x.csv\" }");
        for (String name : List.of("../..", "..", "a/b", "/tmp/x", "a..b", ".hidden", "")) {
            assertContains(usageMessage(() -> ConfigLoader.load(file, List.of("model_name=\"" + name + "\""))),
                    "model_name");
        }
        assertRefused(file, "output.iceberg.namespace", "output.iceberg.namespace=\"../../x\"");
        assertRefused(file, "output.iceberg.catalog", "output.iceberg.catalog=\"a`b\"");
        // With Iceberg, an output path's last name is the table's name.
        assertRefused(file, "output.metrics = out/metrics`x", "output.table_format=iceberg",
                "output.metrics=\"out/metrics`x\"");
        assertEquals("out/metrics`x", ConfigLoader.load(file, List.of("output.metrics=\"out/metrics`x\""))
                .output().metrics(), "a Parquet directory may have any name");
        assertEquals("sales-2026.v2_eu", ConfigLoader.load(file, List.of("model_name=sales-2026.v2_eu")).modelName());
    }

    /** Loading {@code file} with these settings is a usage error whose message holds {@code part}. */
    private static void assertRefused(Path file, String part, String... settings) {
        assertContains(usageMessage(() -> ConfigLoader.load(file, List.of(settings))), part);
    }

    @Test
    void outputsThatOverlapTheInputOrEachOtherAreRefused() throws IOException {
        Path file = write("forecast { series.path = \"data/sales\", output.dir = \"out/sales\" }");
        assertRefused(file, "output.prepared = data/sales overlaps series.path = data/sales",
                "output.prepared=data/sales");
        assertRefused(file, "overlaps series.path", "output.metrics=data");
        assertRefused(file, "output.prepared = out/sales/prepared and output.models = out/sales/prepared/m overlap",
                "output.models=out/sales/prepared/m");
        assertRefused(file, "output.tuning", "output.tuning=out/sales/");
        assertRefused(file, "output.metrics = out/sales/metrics and output.reports",
                "output.reports=./out/sales/x/../metrics");
        assertRefused(file, "overlap", "output.predictions=\"s3a://b/p\"", "output.metrics=\"s3a://b//p/m\"");
        // Apart, or merely sharing a prefix of their names, they load.
        ConfigLoader.load(file, List.of("output.metrics=out/sales/metrics2", "output.predictions=\"s3a://b/p\"",
                "output.fallback=\"s3a://b/pf\""));
        assertEquals("data/sales", ConfigLoader.load(file, List.of()).series().path());
    }

    @Test
    void anIncludedBaseWithOptionalEnvironmentOverridesLoads() throws IOException {
        // The HOCON idiom: a shared base, then keys that an environment variable may override.
        Files.writeString(dir.resolve("base.conf"), "forecast { series.path = \"x.csv\", training.epochs = 7 }");
        Path file = write("include \"base.conf\"\nforecast.training.epochs = ${?SPARK_FORECAST_UNSET_EPOCHS}\n"
                + "forecast.model_name = ${?SPARK_FORECAST_UNSET_NAME}");
        ForecastConfig config = ConfigLoader.load(file, List.of());
        assertEquals(7, config.training().epochs());
        assertEquals("forecast", config.modelName());
    }

    @Test
    void horizonsAndSeedsHaveBounds() throws IOException {
        Path file = write("forecast { series.path = \"x.csv\" }");
        assertRefused(file, "above the maximum 10000", "score.horizon=1000000");
        assertRefused(file, "evaluate.horizon", "evaluate.horizon=20000");
        assertRefused(file, "training.seed", "training.seed=1e20");
        assertRefused(file, "whole number", "training.seed=4.5");
        assertRefused(file, "training.seed", "training.seed=-1");
        assertEquals(123456789012L, ConfigLoader.load(file, List.of("training.seed=123456789012")).training().seed());
        assertEquals(7L, ConfigLoader.load(file, List.of("training.seed=7.0")).training().seed());
    }

    @Test
    void missingFileRequiredKeyAndBadSyntaxAreUsageErrors() throws IOException {
        assertContains(usageMessage(() -> ConfigLoader.load(dir.resolve("none.conf"), List.of())), "config file not found");
        Path noPath = write("forecast.model_name = x");
        assertContains(usageMessage(() -> ConfigLoader.load(noPath, List.of())), "forecast.series.path is required");
        Path broken = write("forecast { series.path = ");
        assertContains(usageMessage(() -> ConfigLoader.load(broken, List.of())), "cannot be parsed");
        assertContains(usageMessage(() -> ConfigLoader.load(noPath, List.of("noequals"))), "key=value");
    }

    @Test
    void keysThatMovedAreStillReadUnderTheirOldNames() throws IOException {
        Path old = write("forecast { series.path = \"x.csv\", series.frequency = P1M, evaluate.season = 6, "
                + "evaluate.plot_series = [\"a\"], score { batch_size = 64, fallback_confidence = 0.9 } }");
        ForecastConfig config = ConfigLoader.load(old, List.of());
        assertEquals(6, config.season());
        assertEquals(64, config.inference().batchSize());
        assertEquals(0.9, config.evaluate().fallbackConfidence());
        assertEquals(List.of("a"), config.report().plotSeries());
        // The resolved config (logs, model artifacts, tuning trials) holds the new keys only.
        com.typesafe.config.Config resolved = com.typesafe.config.ConfigFactory.parseString(config.resolvedJson());
        for (String oldKey : List.of("evaluate.season", "score.batch_size", "score.fallback_confidence",
                "evaluate.plot_series")) {
            assertFalse(resolved.hasPathOrNull(oldKey), oldKey);
        }
        assertEquals(6, ConfigLoader.withOverrides(config, List.of()).season());
        assertEquals(List.of("evaluate.fallback_confidence = 0.9", "inference.batch_size = 64",
                "report.plot_series = [\"a\"]", "series.path = x.csv", "series.season = 6"), ConfigLoader.changesFromDefaults(config).stream()
                .filter(change -> !change.startsWith("series.frequency")).toList());

        // Both names with the same value are one setting; with two values, a usage error naming both.
        assertEquals(6, ConfigLoader.load(old, List.of("series.season=6")).season());
        assertContains(usageMessage(() -> ConfigLoader.load(old, List.of("series.season=12"))),
                "sets both series.season (12) and its old name evaluate.season (6): set series.season only");
    }

    @Test
    void seasonDefaultsToTheFrequencysCalendarAndBaselinesNeedPerWindowScaling() throws IOException {
        Path monthly = write("forecast { series.path = \"x.csv\", series.frequency = P1M }");
        assertEquals(12, ConfigLoader.load(monthly, List.of()).season());
        assertEquals(4, ConfigLoader.load(monthly, List.of("series.frequency=P3M")).season());
        assertEquals(5, ConfigLoader.load(monthly, List.of("series.season=5")).season());
        assertContains(usageMessage(() -> ConfigLoader.load(monthly, List.of("series.season=weekly"))),
                "series.season");

        ForecastConfig defaults = ConfigLoader.load(monthly, List.of());
        assertEquals(ValueScaling.ROBUST, defaults.transform().scaling());
        assertEquals(BaselineChoice.AUTO, defaults.transform().baseline());
        assertContains(usageMessage(() -> ConfigLoader.load(monthly, List.of("transform.scaling=minmax",
                "transform.baseline=persistence"))), "needs a per-window transform.scaling");
        // A classification takes plain one-hot values: the forecasting transforms do not apply.
        ForecastConfig classify = ConfigLoader.load(monthly, List.of("task.type=classify"));
        assertEquals(ValueScaling.MINMAX, classify.transform().scaling());
        assertEquals(BaselineChoice.NONE, classify.transform().baseline());
        // The seeds' old name of relative scaling still reads.
        assertEquals(ValueScaling.RELATIVE,
                ConfigLoader.load(monthly, List.of("transform.scaling=window")).transform().scaling());
    }

    @Test
    void theLogListsOnlyTheSettingsThatDifferFromTheDefaults(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path file = dir.resolve("job.conf");
        java.nio.file.Files.writeString(file, "forecast { series.path = \"x.csv\", output.dir = \"/tmp/o\" }");
        List<String> changes = ConfigLoader.changesFromDefaults(ConfigLoader.load(file,
                List.of("training.epochs=7", "evaluate.to=null")));
        // output.* paths follow output.dir and are not listed; evaluate.to is null by default too.
        assertEquals(List.of("output.dir = /tmp/o", "series.path = x.csv", "training.epochs = 7"), changes);
    }
}
