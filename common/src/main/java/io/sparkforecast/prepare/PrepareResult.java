package io.sparkforecast.prepare;

import io.sparkforecast.ops.JobResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** What prepare produced: its metadata (prepare.json) and where. */
public record PrepareResult(PreparedData prepared, String path) implements JobResult {
    @Override
    public Map<String, Object> counts() {
        PreparedData.Counts counts = prepared.counts();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("input_rows", counts.inputRows());
        result.put("used_rows", counts.usableRows());
        result.put("rejected_rows", counts.rejectedRows());
        result.put("rejected_by_reason", counts.rejectedByReason());
        result.put("gaps", counts.gaps().count());
        result.put("filled_rows", counts.gaps().filledRows());
        result.put("series", counts.series());
        result.put("series_with_samples", counts.seriesWithSamples());
        result.put("samples_by_split", counts.samplesBySplit());
        return result;
    }

    @Override
    public Map<String, String> paths() {
        PreparedLayout layout = new PreparedLayout(path);
        return Map.of("prepared", path, "samples", layout.samples(), "rejects", layout.rejects(), "gaps",
                layout.gaps());
    }
}
