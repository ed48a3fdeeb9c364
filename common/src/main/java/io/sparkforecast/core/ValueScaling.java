package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the (differenced) value is scaled for the network.
 * <ul>
 *   <li>standard, robust, mean_abs: per window, by statistics of the sample's own input values
 *       (mean and standard deviation; median and interquartile range; 0 and mean absolute value),
 *       so any level or trend looks alike to the network, as in the peers' per-window scalers;
 *       targets are in the same window units.</li>
 *   <li>minmax: to [0, 1] with the series' train-part range.</li>
 *   <li>relative: relative to the window's first value, p / p0 - 1 (the seeds' S&amp;P 500
 *       normalisation); needs no zero values.</li>
 * </ul>
 */
public enum ValueScaling {
    STANDARD,
    ROBUST,
    MEAN_ABS,
    MINMAX,
    RELATIVE;

    /** The code "window" of relative scaling in configs and artifacts written before the per-window statistics. */
    private static final String LEGACY_RELATIVE = "window";
    /** The interquartile range of a normal distribution in standard deviations. */
    private static final double NORMAL_IQR = 1.349;

    @JsonCreator
    public static ValueScaling of(String code) {
        if (code == null) {
            return MINMAX; // prepare.json and model.json written before the choice was recorded
        }
        if (code.equals(LEGACY_RELATIVE)) {
            return RELATIVE;
        }
        return Arrays.stream(values()).filter(scaling -> scaling.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown value scaling '" + code + "'"));
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the scalings by statistics of each window's own values. */
    public boolean perWindow() {
        return this == STANDARD || this == ROBUST || this == MEAN_ABS;
    }

    /**
     * The location and scale of a window's values for a per-window scaling. A window with no
     * spread (constant values) falls back to a wider statistic, then to its level, then to 1, so
     * nothing is ever divided by zero.
     */
    public WindowScale windowScale(double[] values) {
        return windowScale(values, null);
    }

    /**
     * As above; {@code sort} keeps robust scaling's sorted values from one window to the next
     * (the same order statistics, so the same bits), null to sort this window's own copy.
     */
    public WindowScale windowScale(double[] values, SlidingSort sort) {
        return switch (this) {
            case STANDARD -> {
                double mean = mean(values);
                yield new WindowScale(mean, firstPositive(standardDeviation(values, mean), Math.abs(mean)));
            }
            case ROBUST -> {
                double[] sorted = sort != null ? sort.sort(values) : sortedCopy(values);
                double median = quantile(sorted, 0.5);
                double iqr = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / NORMAL_IQR;
                // the standard deviation only when the quartiles coincide (it costs a window two more passes)
                yield new WindowScale(median, iqr > 0 && Double.isFinite(iqr) ? iqr
                        : firstPositive(standardDeviation(values, mean(values)), Math.abs(median)));
            }
            case MEAN_ABS -> {
                double[] absolute = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    absolute[i] = Math.abs(values[i]);
                }
                yield new WindowScale(0, firstPositive(mean(absolute)));
            }
            default -> throw new IllegalStateException(code() + " scaling is not per window");
        };
    }

    private static double[] sortedCopy(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double standardDeviation(double[] values, double mean) {
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            squares[i] = (values[i] - mean) * (values[i] - mean);
        }
        return Math.sqrt(mean(squares));
    }

    /**
     * The mean with compensated (Kahan) summation, the same arithmetic as JDK 17's
     * DoubleStream.average (which this replaced: a stream per statistic cost prepare a tenth of
     * its time), so windows scale to the same bits as before; 0 for no values.
     */
    static double mean(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        double compensation = 0;
        double simpleSum = 0;
        for (double value : values) {
            double corrected = value - compensation;
            double next = sum + corrected;
            compensation = (next - sum) - corrected;
            sum = next;
            simpleSum += value;
        }
        double total = sum - compensation;
        if (Double.isNaN(total) && Double.isInfinite(simpleSum)) {
            total = simpleSum;
        }
        return total / values.length;
    }

    /** Linear interpolation between order statistics (R's type 7, numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double firstPositive(double... candidates) {
        for (double candidate : candidates) {
            if (candidate > 0 && Double.isFinite(candidate)) {
                return candidate;
            }
        }
        return 1.0;
    }

    /** Per-window location and scale: network value = (x - location) / scale. */
    public record WindowScale(double location, double scale) {
        public double scale(double x) {
            return (x - location) / scale;
        }
    }
}
