package io.sparkforecast.ops;

import java.util.Map;

/**
 * The JSON summary a job writes when it ends, successfully or not, for Airflow (XCom) and
 * monitoring: status, exit code, timings, what it read and wrote, counts and metrics.
 *
 * @param status "succeeded" or "failed"
 * @param error  the one-line error of a failed run, else null
 */
public record JobSummary(
        String job,
        String status,
        int exitCode,
        String startedAt,
        String finishedAt,
        double seconds,
        String configFile,
        String modelName,
        String modelVersion,
        String runDate,
        Map<String, Object> counts,
        Map<String, Object> metrics,
        Map<String, String> paths,
        String error) {
}
