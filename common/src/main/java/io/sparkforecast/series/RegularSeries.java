package io.sparkforecast.series;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.input.SeriesRows;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One series made regular on its time grid, in memory, as every job reads it (prepare's
 * samples, score's latest windows, evaluate's grid rows and sliding windows). With gap policy
 * split each run of consecutive steps is a segment; with a fill policy the missing steps are
 * filled in (flagged) and the series is one segment.
 */
public final class RegularSeries {
    private final SeriesRows observed;
    private final Frequency frequency;
    private final long[] steps;
    private final double[] values;
    private final double[][] extras;
    /** Per row: the observed row's index in {@link #observed}, or -1 for a filled row. */
    private final int[] source;
    /** Start row of each segment, then the row count. */
    private final int[] segmentStarts;
    private final List<Gap> gaps;

    /** Missing steps first..last (inclusive) between two observed rows. */
    public record Gap(long firstMissingStep, long lastMissingStep) {
        public long missingSteps() {
            return lastMissingStep - firstMissingStep + 1;
        }
    }

    private RegularSeries(SeriesRows observed, Frequency frequency, long[] steps, double[] values, double[][] extras,
                          int[] source, int[] segmentStarts, List<Gap> gaps) {
        this.observed = observed;
        this.frequency = frequency;
        this.steps = steps;
        this.values = values;
        this.extras = extras;
        this.source = source;
        this.segmentStarts = segmentStarts;
        this.gaps = gaps;
    }

    public static RegularSeries of(SeriesRows rows, GapPolicy policy, Frequency frequency) {
        int n = rows.size();
        List<Gap> gaps = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            if (rows.steps()[i] - rows.steps()[i - 1] > 1) {
                gaps.add(new Gap(rows.steps()[i - 1] + 1, rows.steps()[i] - 1));
            }
        }
        if (policy == GapPolicy.SPLIT) {
            int[] starts = new int[gaps.size() + 2];
            int segment = 1;
            for (int i = 1; i < n; i++) {
                if (rows.steps()[i] - rows.steps()[i - 1] > 1) {
                    starts[segment++] = i;
                }
            }
            starts[segment] = n;
            int[] source = new int[n];
            for (int i = 0; i < n; i++) {
                source[i] = i;
            }
            return new RegularSeries(rows, frequency, rows.steps(), rows.values(), rows.extras(), source, starts, gaps);
        }
        int length = (int) (rows.steps()[n - 1] - rows.steps()[0] + 1);
        long[] steps = new long[length];
        double[] values = new double[length];
        double[][] extras = new double[rows.extras().length][length];
        int[] source = new int[length];
        int row = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                long previous = rows.steps()[i - 1];
                long next = rows.steps()[i];
                for (long step = previous + 1; step < next; step++) {
                    steps[row] = step;
                    values[row] = filled(policy, rows.values()[i - 1], rows.values()[i], previous, step, next);
                    for (int e = 0; e < extras.length; e++) {
                        extras[e][row] = filled(policy, rows.extras()[e][i - 1], rows.extras()[e][i], previous, step,
                                next);
                    }
                    source[row++] = -1;
                }
            }
            steps[row] = rows.steps()[i];
            values[row] = rows.values()[i];
            for (int e = 0; e < extras.length; e++) {
                extras[e][row] = rows.extras()[e][i];
            }
            source[row++] = i;
        }
        return new RegularSeries(rows, frequency, steps, values, extras, source, new int[] {0, length}, gaps);
    }

    /** A missing step's value: the previous one, or on the line between previous and next ). */
    private static double filled(GapPolicy policy, double previousValue, double nextValue, long previous, long step,
                                 long next) {
        if (policy == GapPolicy.FILL_FORWARD) {
            return previousValue;
        }
        double fraction = (double) (step - previous) / (next - previous);
        return previousValue + (nextValue - previousValue) * fraction;
    }

    public String seriesId() {
        return observed.seriesId();
    }

    public LocalDateTime anchor() {
        return observed.anchor();
    }

    public int size() {
        return steps.length;
    }

    public long step(int row) {
        return steps[row];
    }

    public double value(int row) {
        return values[row];
    }

    public double[] values() {
        return values;
    }

    /** extras[e][row]: the e-th extra feature column. */
    public double[][] extras() {
        return extras;
    }

    public boolean filled(int row) {
        return source[row] < 0;
    }

    /** The row's timestamp: as read for an observed row, on the grid for a filled one. */
    public LocalDateTime ts(int row) {
        return source[row] >= 0 ? observed.ts(source[row]) : frequency.plus(anchor(), steps[row]);
    }

    /** 0-based grid position (0 = the series' first step), as SeriesColumns.POSITION. */
    public long position(int row) {
        return steps[row] - steps[0];
    }

    /** Grid steps from the first to the last row, as SeriesColumns.SERIES_LENGTH. */
    public long length() {
        return steps[steps.length - 1] - steps[0] + 1;
    }

    public int segments() {
        return segmentStarts.length - 1;
    }

    public int segmentStart(int segment) {
        return segmentStarts[segment];
    }

    public int segmentEnd(int segment) {
        return segmentStarts[segment + 1];
    }

    public List<Gap> gaps() {
        return gaps;
    }

    public LocalDateTime tsOfStep(long step) {
        return frequency.plus(anchor(), step);
    }

    /** True when row - k is in the row's segment, i.e. the value k grid steps earlier exists. */
    public boolean hasLag(int row, int k, int segment) {
        return row - k >= segmentStarts[segment];
    }
}
