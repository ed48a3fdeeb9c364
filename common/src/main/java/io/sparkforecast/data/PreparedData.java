package io.sparkforecast.data;

import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;
import java.util.List;
import java.util.Map;

/**
 * prepare.json: what prepare produced and from what. Its presence marks prepared data as
 * complete; train takes the window shape, inputs and transform from it.
 *
 * @param inputFingerprint sha256 over the input files' names, sizes and modification times
 * @param inputRows        rows read (up to as_of); = usableRows + sum of rejectedByReason
 * @param samplesBySplit   sample counts for train, validation and test
 * @param classes          0 for forecasting samples, else the classes of classification samples
 * @param labelIndex       classification: the window position of the label, null = the value after it
 * @param scaling          the value's scaling (a {@link ValueScaling} code); null in files from before
 *                         it was recorded = minmax
 * @param baseline         the naive forecast the targets are residuals of (a {@link NaiveForecast} code); null = none
 * @param season           season length of the data (the seasonal baseline's)
 */
public record PreparedData(
        int formatVersion,
        String createdAt,
        String inputPath,
        String inputFingerprint,
        String asOf,
        int lookback,
        int horizon,
        int differenceLag,
        int inputs,
        List<String> calendar,
        List<String> extraColumns,
        int classes,
        Integer labelIndex,
        String scaling,
        String baseline,
        int season,
        String frequency,
        String gapPolicy,
        double trainShare,
        double validationShare,
        long inputRows,
        long usableRows,
        Map<String, Long> rejectedByReason,
        long gaps,
        long missingSteps,
        long filledRows,
        long series,
        long seriesWithSamples,
        Map<String, Long> samplesBySplit,
        double seconds) {

    public static final int FORMAT_VERSION = 1;

    public long samples(String split) {
        return samplesBySplit.getOrDefault(split, 0L);
    }

    public long rejectedRows() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
