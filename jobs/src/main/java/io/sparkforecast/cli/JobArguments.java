package io.sparkforecast.cli;

import io.sparkforecast.config.ConfigLoader;
import io.sparkforecast.config.ForecastConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A job's parsed command line.
 *
 * @param overrides config overrides (key=value) in command-line order, job options included
 * @param master    the Spark master to run on, or null to take spark-submit's (or local[*])
 * @param dryRun    check config, locations and input schema, say what would be done, do nothing
 */
public record JobArguments(Path configFile, List<String> overrides, String master, boolean dryRun) {
    public JobArguments {
        overrides = List.copyOf(overrides);
    }

    public ForecastConfig loadConfig() {
        return ConfigLoader.load(configFile, overrides);
    }
}
