package io.sparkforecast.ops;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Builds and writes job summaries; the file is replaced atomically, one per job by default. */
public final class JobSummaries {
    private JobSummaries() {
    }

    public static JobSummary succeeded(String job, Instant started, String configFile, ForecastConfig config,
                                       JobResult result) {
        Instant finished = Instant.now();
        return new JobSummary(job, "succeeded", 0, started.toString(), finished.toString(), seconds(started, finished),
                configFile, config.modelName(), result.modelVersion(), config.runDate().toString(), result.counts(),
                result.metrics(), result.paths(), null);
    }

    public static JobSummary failed(String job, Instant started, String configFile, ForecastConfig config,
                                    int exitCode, String error) {
        Instant finished = Instant.now();
        return new JobSummary(job, "failed", exitCode, started.toString(), finished.toString(),
                seconds(started, finished), configFile, config.modelName(), config.modelVersion(),
                config.runDate().toString(), Map.of(), Map.of(), Map.of(), error);
    }

    /** Where a job's summary goes: summary_file, else output.summaries/&lt;job&gt;.json. */
    public static String location(String job, ForecastConfig config) {
        return config.summaryFile() != null ? config.summaryFile() : config.output().summaries() + "/" + job + ".json";
    }

    public static void write(Storage storage, String path, JobSummary summary) {
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
        storage.mkdirs(parent);
        storage.writeAtomically(path, Json.write(summary));
    }

    private static double seconds(Instant started, Instant finished) {
        return Duration.between(started, finished).toMillis() / 1000.0;
    }
}
