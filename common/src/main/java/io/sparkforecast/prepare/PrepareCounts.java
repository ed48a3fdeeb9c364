package io.sparkforecast.prepare;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** prepare's counts, summed over series on the executors: rejected rows by reason, gaps, samples by split. */
public final class PrepareCounts implements Serializable {
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> samplesBySplit = new TreeMap<>();
    private long series;
    private long seriesWithSamples;
    private long gaps;
    private long missingSteps;

    /** Nothing counted: the start of a sum. */
    public static PrepareCounts none() {
        return new PrepareCounts();
    }

    /** One series with the given gaps, before its rejects and samples are added. */
    static PrepareCounts ofSeries(long gaps, long missingSteps) {
        PrepareCounts counts = new PrepareCounts();
        counts.series = 1;
        counts.gaps = gaps;
        counts.missingSteps = missingSteps;
        return counts;
    }

    void addRejected(String reason, long rows) {
        rejectedByReason.merge(reason, rows, Long::sum);
    }

    void addSample(String split) {
        if (samplesBySplit.isEmpty()) {
            seriesWithSamples++;
        }
        samplesBySplit.merge(split, 1L, Long::sum);
    }

    /** The sum of both (this one changed). */
    public PrepareCounts plus(PrepareCounts other) {
        other.rejectedByReason.forEach((reason, rows) -> rejectedByReason.merge(reason, rows, Long::sum));
        other.samplesBySplit.forEach((split, samples) -> samplesBySplit.merge(split, samples, Long::sum));
        series += other.series;
        seriesWithSamples += other.seriesWithSamples;
        gaps += other.gaps;
        missingSteps += other.missingSteps;
        return this;
    }

    public Map<String, Long> rejectedByReason() {
        return rejectedByReason;
    }

    public Map<String, Long> samplesBySplit() {
        return samplesBySplit;
    }

    public long series() {
        return series;
    }

    public long seriesWithSamples() {
        return seriesWithSamples;
    }

    public long gaps() {
        return gaps;
    }

    public long missingSteps() {
        return missingSteps;
    }
}
