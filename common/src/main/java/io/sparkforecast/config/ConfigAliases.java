package io.sparkforecast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.sparkforecast.core.JobFailure;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys that moved to the section of the jobs that share them, still read under their old names:
 * configs, Airflow DAGs and saved tuning results written before keep working, with a warning
 * that names the new key.
 */
final class ConfigAliases {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAliases.class);
    private static final String P = ConfigLoader.ROOT + ".";
    /** Old key -> new key. */
    static final Map<String, String> RENAMED = Map.of(
            P + "evaluate.season", P + "series.season",
            P + "score.batch_size", P + "inference.batch_size",
            P + "score.fallback_confidence", P + "evaluate.fallback_confidence",
            P + "evaluate.plot_series", P + "report.plot_series");

    private ConfigAliases() {
    }

    /**
     * {@code merged} with each old key's value under its new key; a usage error where a config
     * sets both to different values.
     *
     * @param defaults the resolved defaults, to tell a new key the user set from its default
     */
    static Config renamed(Config merged, Config defaults, String origin) {
        Config renamed = merged;
        for (Map.Entry<String, String> alias : RENAMED.entrySet()) {
            String oldKey = alias.getKey();
            String newKey = alias.getValue();
            if (!renamed.hasPathOrNull(oldKey)) {
                continue;
            }
            ConfigValue value = renamed.getValue(oldKey);
            ConfigValue current = renamed.getValue(newKey);
            boolean newKeySet = !same(current, defaults.getValue(newKey));
            if (newKeySet && !same(current, value)) {
                throw JobFailure.usage("config %s sets both %s (%s) and its old name %s (%s): set %s only", origin,
                        newKey.substring(P.length()), current.unwrapped(), oldKey.substring(P.length()),
                        value.unwrapped(), newKey.substring(P.length()));
            }
            LOG.warn("config {}: {} is now {}; read as that", origin, oldKey.substring(P.length()),
                    newKey.substring(P.length()));
            renamed = renamed.withoutPath(oldKey).withValue(newKey, value);
        }
        return renamed;
    }

    /** Equal as text, so that 5 from a --set ("5") equals 5 in a file. */
    private static boolean same(ConfigValue a, ConfigValue b) {
        return String.valueOf(a.unwrapped()).equals(String.valueOf(b.unwrapped()));
    }
}
