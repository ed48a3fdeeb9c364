package io.sparkforecast.ops;

import java.util.Map;

/** What a finished job reports in its JSON summary: counts, metrics, the paths it wrote. */
public interface JobResult {
    Map<String, Object> counts();

    default Map<String, Object> metrics() {
        return Map.of();
    }

    Map<String, String> paths();

    /** What the command line prints after the job (a network's layers, a report); empty for none. */
    default String console() {
        return "";
    }

    /** The model version the job produced or used, or null. */
    default String modelVersion() {
        return null;
    }
}
