package io.sparkforecast.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sliding sort gives what Arrays.sort gives, window after window, and robust scaling the same bits. */
class SlidingSortTest {

    /** A series with ties, signed zeros and jumps, so that windows slide, repeat and restart. */
    private static double[] series(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            values[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind < 4 ? random.nextInt(3) : random.nextGaussian() * 50;
        }
        return values;
    }

    @Test
    void everyWindowIsSortedAsArraysSortSortsIt() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] values = series(random, 300);
            int width = 1 + random.nextInt(40);
            SlidingSort sort = new SlidingSort();
            int start = 0;
            while (start + width <= values.length) {
                double[] window = Arrays.copyOfRange(values, start, start + width);
                double[] expected = window.clone();
                Arrays.sort(expected);
                // assertArrayEquals on doubles compares bits, so -0.0 and 0.0 must be where Arrays.sort puts them
                assertArrayEquals(expected, sort.sort(window), () -> Arrays.toString(window));
                start += random.nextInt(20) == 0 ? random.nextInt(5) : 1; // mostly one step, sometimes none or a jump
            }
        }
    }

    @Test
    void robustScalingOfSlidingWindowsHasTheBitsOfSortingEachWindow() {
        Random random = new Random(8);
        double[] values = series(random, 5_000);
        SlidingSort sort = new SlidingSort();
        for (int start = 0; start + 30 <= values.length; start++) {
            double[] window = Arrays.copyOfRange(values, start, start + 30);
            assertEquals(ValueScaling.ROBUST.windowScale(window), ValueScaling.ROBUST.windowScale(window, sort));
        }
    }
}
