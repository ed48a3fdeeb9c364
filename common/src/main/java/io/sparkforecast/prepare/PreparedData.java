package io.sparkforecast.prepare;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.SampleShape;
import io.sparkforecast.features.ValueTransform;
import java.util.Map;

/**
 * prepare.json: what prepare produced and from what. Its presence marks prepared data as
 * complete; train takes the window shape, inputs and transform from it.
 */
public record PreparedData(int formatVersion, String createdAt, Source source, SampleShape shape,
                           ValueTransform transform, SplitSpec split, Counts counts, double seconds) {

    /** 2: grouped into source, shape, transform, split and counts. */
    public static final int FORMAT_VERSION = 2;

    /**
     * @param inputFingerprint sha256 over the input files' names, sizes and modification times
     * @param asOf             the last date read; null = all rows
     */
    public record Source(String inputPath, String inputFingerprint, String asOf, GapPolicy gapPolicy) {
    }

    /**
     * @param inputRows      rows read (up to as_of); = usableRows + the sum of rejectedByReason
     * @param samplesBySplit sample counts for train, validation and test
     */
    public record Counts(long inputRows, long usableRows, Map<String, Long> rejectedByReason, Gaps gaps, long series,
                         long seriesWithSamples, Map<String, Long> samplesBySplit) {

        public long samples(String split) {
            return samplesBySplit.getOrDefault(split, 0L);
        }

        public long rejectedRows() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param count        gaps inside series
     * @param missingSteps steps missing in those gaps
     * @param filledRows   rows added by the gap policy (0 with split)
     */
    public record Gaps(long count, long missingSteps, long filledRows) {
    }
}
