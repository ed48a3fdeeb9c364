package io.sparkforecast.data;

import java.util.Map;

/**
 * prepare.json: what prepare produced and from what. Its presence marks prepared data as
 * complete; train takes the window shape and transform from it.
 *
 * @param inputFingerprint sha256 over the input files' names, sizes and modification times
 * @param samplesBySplit   sample counts for train, validation and test
 */
public record PreparedData(
        int formatVersion,
        String createdAt,
        String inputPath,
        String inputFingerprint,
        int lookback,
        int horizon,
        int differenceLag,
        int features,
        String frequency,
        double trainShare,
        double validationShare,
        long inputRows,
        long usableRows,
        Map<String, Long> rejectedByReason,
        long series,
        long seriesWithSamples,
        Map<String, Long> samplesBySplit) {

    public static final int FORMAT_VERSION = 1;

    public SampleEncoder encoder() {
        return new SampleEncoder(lookback, horizon, differenceLag);
    }

    public long samples(String split) {
        return samplesBySplit.getOrDefault(split, 0L);
    }
}
