package io.sparkforecast.data;

import io.sparkforecast.ops.JobResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** What prepare produced: its metadata (prepare.json) and where. */
public record PrepareResult(PreparedData prepared, String path) implements JobResult {
    @Override
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("input_rows", prepared.inputRows());
        counts.put("used_rows", prepared.usableRows());
        counts.put("rejected_rows", prepared.rejectedRows());
        counts.put("rejected_by_reason", prepared.rejectedByReason());
        counts.put("gaps", prepared.gaps());
        counts.put("filled_rows", prepared.filledRows());
        counts.put("series", prepared.series());
        counts.put("series_with_samples", prepared.seriesWithSamples());
        counts.put("samples_by_split", prepared.samplesBySplit());
        return counts;
    }

    @Override
    public Map<String, String> paths() {
        PreparedLayout layout = new PreparedLayout(path);
        return Map.of("prepared", path, "samples", layout.samples(), "rejects", layout.rejects(), "gaps",
                layout.gaps());
    }
}
