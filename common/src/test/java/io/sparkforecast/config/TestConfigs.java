package io.sparkforecast.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Job configurations for tests: the defaults plus overrides, outputs under a test directory. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** @param overrides key=value, as on the command line */
    public static ForecastConfig load(Path dir, String... overrides) {
        try {
            Path file = Files.createTempFile(dir, "test", ".conf");
            Files.writeString(file, "forecast.output.dir = \"" + dir.resolve("out") + "\"\n"
                    + "forecast.spark.conf { \"spark.sql.shuffle.partitions\" = 2 }\n");
            return ConfigLoader.load(file, List.of(overrides));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
