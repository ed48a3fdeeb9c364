package io.sparkforecast.prepare;

import io.sparkforecast.core.SlidingSort;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.features.WindowSample;
import io.sparkforecast.input.RejectReason;
import io.sparkforecast.series.RegularSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What prepare makes of one regular series: which of its parts are long enough for a sample,
 * its scalers (MinMax on the train part of those parts), its samples, its rejected rows and
 * gaps, and their counts. Built per series in one pass over the cached series, so no step
 * shuffles or joins the table again; each output is computed where it is written.
 */
public final class PreparedSeries {
    private final RegularSeries series;
    private final SeriesPreparation settings;
    private final boolean[] longEnough;
    /** Null when no row of the long-enough parts lies in the train part. */
    private final SeriesScalers scalers;
    private final long[] fittedRows;

    PreparedSeries(RegularSeries series, SeriesPreparation settings) {
        this.series = series;
        this.settings = settings;
        this.longEnough = new boolean[series.segments()];
        for (int segment = 0; segment < longEnough.length; segment++) {
            longEnough[segment] = segmentRows(segment) >= settings.sampleLength();
        }
        int features = 1 + series.extras().length;
        double[] min = new double[features];
        double[] max = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        fittedRows = new long[features];
        fit(min, max);
        scalers = fittedRows[0] > 0 ? new SeriesScalers(min, max) : null;
    }

    /** Min and max of the (differenced) value and of each extra column over the train rows of the long-enough parts. */
    private void fit(double[] min, double[] max) {
        long trainRows = settings.split().trainRows(series.length());
        int lag = settings.encoder().differenceLag();
        double[][] extras = series.extras();
        for (int segment = 0; segment < longEnough.length; segment++) {
            if (!longEnough[segment]) {
                continue;
            }
            for (int i = series.segmentStart(segment); i < series.segmentEnd(segment); i++) {
                if (series.position(i) >= trainRows) {
                    break;
                }
                if (lag == 0 || series.hasLag(i, lag, segment)) {
                    double x = lag == 0 ? series.value(i) : series.value(i) - series.value(i - lag);
                    include(0, x, min, max);
                }
                for (int e = 0; e < extras.length; e++) {
                    include(e + 1, extras[e][i], min, max);
                }
            }
        }
    }

    private void include(int feature, double x, double[] min, double[] max) {
        min[feature] = Math.min(min[feature], x);
        max[feature] = Math.max(max[feature], x);
        fittedRows[feature]++;
    }

    private int segmentRows(int segment) {
        return series.segmentEnd(segment) - series.segmentStart(segment);
    }

    /** Rows of the scalers table (see {@link ScalerTable#SCHEMA}); none without a scaler. */
    public List<Row> scalerRows() {
        List<Row> rows = new ArrayList<>();
        if (scalers != null) {
            for (int f = 0; f < fittedRows.length; f++) {
                rows.add(RowFactory.create(series.seriesId(), settings.features().get(f), scalers.min()[f],
                        scalers.max()[f], fittedRows[f]));
            }
        }
        return rows;
    }

    /** Observed rows that no sample uses, by reason (see {@link SeriesPreparation#SERIES_REJECTS}). */
    public List<Row> rejects() {
        List<Row> rows = new ArrayList<>();
        for (int segment = 0; segment < longEnough.length; segment++) {
            RejectReason reason = rejectReason(segment);
            if (reason == null) {
                continue;
            }
            String detail = reason == RejectReason.NO_TRAIN_ROWS ? settings.noTrainRowsDetail()
                    : segmentRows(segment) + " steps; a sample needs " + settings.sampleLength();
            for (int i = series.segmentStart(segment); i < series.segmentEnd(segment); i++) {
                if (!series.filled(i)) {
                    rows.add(RowFactory.create(series.seriesId(), series.ts(i), series.value(i), reason.code(),
                            detail));
                }
            }
        }
        return rows;
    }

    /** Why a part's observed rows are rejected: too short for a sample, or no scaler; null when they are used. */
    private RejectReason rejectReason(int segment) {
        if (!longEnough[segment]) {
            return series.segments() > 1 ? RejectReason.SEGMENT_TOO_SHORT : RejectReason.SERIES_TOO_SHORT;
        }
        return scalers == null ? RejectReason.NO_TRAIN_ROWS : null;
    }

    /** The series' gaps (see {@link GapsTable#SCHEMA}). */
    public List<Row> gaps() {
        List<Row> rows = new ArrayList<>();
        for (RegularSeries.Gap gap : series.gaps()) {
            rows.add(RowFactory.create(series.seriesId(), series.tsOfStep(gap.firstMissingStep()),
                    series.tsOfStep(gap.lastMissingStep()), gap.missingSteps(), settings.gapPolicy().code()));
        }
        return rows;
    }

    /** The encoded samples (see {@link SamplesTable#SCHEMA}), in grid order. */
    public Iterator<WindowSample> samples() {
        return samples(null);
    }

    /** The encoded samples of one split (all of them when {@code only} is null), in grid order; the others are not encoded. */
    public Iterator<WindowSample> samples(String only) {
        return new Iterator<>() {
            private final SampleEnds ends = new SampleEnds();
            private final SlidingSort sort = new SlidingSort();
            private int end = -1;
            private String split;

            @Override
            public boolean hasNext() {
                while (end < 0 && ends.hasNext()) {
                    int candidate = ends.next();
                    String candidateSplit = split(candidate);
                    if (only == null || only.equals(candidateSplit)) {
                        end = candidate;
                        split = candidateSplit;
                    }
                }
                return end >= 0;
            }

            @Override
            public WindowSample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SampleEncoder.Sample sample = settings.encoder().sample(window(end), future(end), sort);
                WindowSample encoded = new WindowSample(series.seriesId(), series.ts(end), sample.features(),
                        sample.target(), split);
                end = -1;
                return encoded;
            }
        };
    }

    /** What this series adds to prepare's counts. */
    public PrepareCounts counts() {
        PrepareCounts counts = PrepareCounts.ofSeries(series.gaps().size(),
                series.gaps().stream().mapToLong(RegularSeries.Gap::missingSteps).sum());
        for (int segment = 0; segment < longEnough.length; segment++) {
            RejectReason reason = rejectReason(segment);
            if (reason != null) {
                long observed = 0;
                for (int i = series.segmentStart(segment); i < series.segmentEnd(segment); i++) {
                    observed += series.filled(i) ? 0 : 1;
                }
                counts.addRejected(reason.code(), observed);
            }
        }
        SampleEnds ends = new SampleEnds();
        while (ends.hasNext()) {
            counts.addSample(split(ends.next()));
        }
        return counts;
    }

    private String split(int end) {
        return settings.split().splitOf(series.position(end) + settings.encoder().horizon(), series.length());
    }

    private SeriesWindow window(int end) {
        double[][] extras = new double[series.extras().length][];
        for (int e = 0; e < extras.length; e++) {
            extras[e] = history(series.extras()[e], end);
        }
        return new SeriesWindow(history(series.values(), end), extras, series.anchor(), series.step(end), scalers);
    }

    private double[] history(double[] column, int end) {
        return Arrays.copyOfRange(column, end + 1 - settings.encoder().windowLength(), end + 1);
    }

    private double[] future(int end) {
        return Arrays.copyOfRange(series.values(), end + 1, end + 1 + settings.encoder().horizon());
    }

    /**
     * The rows samples end at: in each long-enough part of a series with scalers, every row with
     * a full window up to it and horizon observed (not filled) rows after it in the same part.
     */
    private final class SampleEnds {
        private final int windowLength = settings.encoder().windowLength();
        private final int horizon = settings.encoder().horizon();
        private int segment = -1;
        private int row;
        private int last;

        SampleEnds() {
            if (scalers != null) {
                nextSegment();
                skipFilledFutures();
            } else {
                segment = longEnough.length;
            }
        }

        boolean hasNext() {
            return segment < longEnough.length;
        }

        int next() {
            int end = row++;
            skipFilledFutures();
            return end;
        }

        /** Moves to the next row whose future is observed, across parts. */
        private void skipFilledFutures() {
            while (segment < longEnough.length) {
                if (row > last) {
                    nextSegment();
                } else if (futureFilled(row)) {
                    row++;
                } else {
                    return;
                }
            }
        }

        private void nextSegment() {
            do {
                segment++;
            } while (segment < longEnough.length && !longEnough[segment]);
            if (segment < longEnough.length) {
                row = series.segmentStart(segment) + windowLength - 1;
                last = series.segmentEnd(segment) - 1 - horizon;
            }
        }

        private boolean futureFilled(int end) {
            for (int j = end + 1; j <= end + horizon; j++) {
                if (series.filled(j)) {
                    return true;
                }
            }
            return false;
        }
    }
}
