package io.sparkforecast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-window statistics: the same bits as the stream arithmetic they replaced, and no division by zero. */
class ValueScalingTest {

    @Test
    void theMeanIsBitForBitTheStreamsAverage() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20_000; trial++) {
            double[] values = new double[1 + random.nextInt(60)];
            double level = Math.pow(10, random.nextInt(12) - 3);
            for (int i = 0; i < values.length; i++) {
                values[i] = level * (random.nextGaussian() + (trial % 3 == 0 ? 1e6 : 0));
            }
            assertEquals(Arrays.stream(values).average().orElse(0), ValueScaling.mean(values), 0.0,
                    () -> Arrays.toString(values));
        }
        assertEquals(0.0, ValueScaling.mean(new double[0]));
    }

    @Test
    void windowStatisticsAreThoseOfTheStreamImplementation() {
        Random random = new Random(5);
        for (int trial = 0; trial < 5_000; trial++) {
            double[] values = new double[2 + random.nextInt(40)];
            for (int i = 0; i < values.length; i++) {
                // every fifth window has tied quartiles, to reach the fallbacks
                values[i] = trial % 5 == 0 ? (i == 0 ? 7 : 3) : 100 + 20 * random.nextGaussian();
            }
            for (ValueScaling scaling : new ValueScaling[] {ValueScaling.STANDARD, ValueScaling.ROBUST,
                ValueScaling.MEAN_ABS}) {
                assertEquals(streamScale(scaling, values), scaling.windowScale(values), scaling.code());
            }
        }
    }

    @Test
    void constantWindowsScaleByTheirLevelThenByOne() {
        assertEquals(new ValueScaling.WindowScale(5, 5), ValueScaling.ROBUST.windowScale(new double[] {5, 5, 5}));
        assertEquals(new ValueScaling.WindowScale(0, 1), ValueScaling.STANDARD.windowScale(new double[] {0, 0}));
        assertEquals(new ValueScaling.WindowScale(0, 1), ValueScaling.MEAN_ABS.windowScale(new double[] {0, 0}));
    }

    /** The statistics as first written, with streams: the reference for the loops. */
    private static ValueScaling.WindowScale streamScale(ValueScaling scaling, double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double std = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(0));
        double meanAbs = Arrays.stream(values).map(Math::abs).average().orElse(0);
        return switch (scaling) {
            case STANDARD -> new ValueScaling.WindowScale(mean, firstPositive(std, Math.abs(mean)));
            case ROBUST -> {
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double median = ValueScaling.quantile(sorted, 0.5);
                double iqr = (ValueScaling.quantile(sorted, 0.75) - ValueScaling.quantile(sorted, 0.25)) / 1.349;
                yield new ValueScaling.WindowScale(median, firstPositive(iqr, std, Math.abs(median)));
            }
            case MEAN_ABS -> new ValueScaling.WindowScale(0, firstPositive(meanAbs));
            default -> throw new IllegalArgumentException(scaling.code());
        };
    }

    private static double firstPositive(double... candidates) {
        return Arrays.stream(candidates).filter(c -> c > 0 && Double.isFinite(c)).findFirst().orElse(1.0);
    }
}
