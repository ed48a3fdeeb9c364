package io.sparkforecast.features;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * A window of one series ending at grid step {@code endStep}: its raw values (oldest first),
 * the extra feature columns over the same steps, where its grid is anchored, and its scalers.
 */
public record SeriesWindow(double[] values, double[][] extras, LocalDateTime anchor, long endStep,
                           SeriesScalers scalers) {

    /**
     * The window moved {@code take} steps on for recursive forecasting: the first take
     * predictions appended, extra columns (unknown in the future) repeating their last value,
     * at most {@code keep} values kept.
     */
    public SeriesWindow advanced(double[] predictions, int take, int keep) {
        double[][] moved = new double[extras.length][];
        for (int e = 0; e < extras.length; e++) {
            double[] repeated = new double[take];
            Arrays.fill(repeated, extras[e][extras[e].length - 1]);
            moved[e] = keepLast(extras[e], repeated, take, keep);
        }
        return new SeriesWindow(keepLast(values, predictions, take, keep), moved, anchor, endStep + take, scalers);
    }

    private static double[] keepLast(double[] history, double[] appended, int take, int keep) {
        double[] joined = Arrays.copyOf(history, history.length + take);
        System.arraycopy(appended, 0, joined, history.length, take);
        return Arrays.copyOfRange(joined, Math.max(0, joined.length - keep), joined.length);
    }
}
