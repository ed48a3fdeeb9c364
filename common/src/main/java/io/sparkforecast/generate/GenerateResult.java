package io.sparkforecast.generate;

import io.sparkforecast.ops.JobResult;
import java.util.Map;

/** What generate wrote. */
public record GenerateResult(int series, int steps, long rows, String path) implements JobResult {
    @Override
    public Map<String, Object> counts() {
        return Map.of("series", series, "steps", steps, "rows", rows);
    }

    @Override
    public Map<String, String> paths() {
        return Map.of("series", path);
    }
}
