package io.sparkforecast.score;

import io.sparkforecast.ops.JobResult;
import io.sparkforecast.report.ScoreReport;
import java.util.Map;

/**
 * What score wrote: series forecast and skipped, prediction rows, the partition.
 *
 * @param fallbackSeries scored series published with a baseline's forecasts (score.fallback)
 * @param partition      where the run date's predictions are: a directory, or the Iceberg table and partition
 * @param snapshotId     the Iceberg snapshot that holds them (output.table_format = iceberg), else null
 * @param report         the report's directory; null when none was written (classification, no renderer)
 */
public record ScoreResult(long series, long scoredSeries, long unknownSeries, long shortSeries, long fallbackSeries,
                          long predictions, String modelVersion, String partition, Long snapshotId, String report)
        implements JobResult {
    public ScoreResult withReport(String reportDirectory) {
        return new ScoreResult(series, scoredSeries, unknownSeries, shortSeries, fallbackSeries, predictions,
                modelVersion, partition, snapshotId, reportDirectory);
    }

    @Override
    public Map<String, Object> metrics() {
        return snapshotId == null ? Map.of() : Map.of("iceberg_snapshot_id", snapshotId);
    }

    @Override
    public Map<String, Object> counts() {
        return Map.of("series", series, "scored_series", scoredSeries, "skipped_unknown_series", unknownSeries,
                "skipped_short_series", shortSeries, "fallback_series", fallbackSeries, "predictions", predictions);
    }

    @Override
    public Map<String, String> paths() {
        return report == null ? Map.of("predictions_partition", partition)
                : Map.of("predictions_partition", partition, "report", report + "/" + ScoreReport.HTML);
    }
}
