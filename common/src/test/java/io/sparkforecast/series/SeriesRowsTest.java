package io.sparkforecast.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.input.SeriesRows;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SeriesRowsTest {
    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final LocalDateTime ANCHOR = LocalDateTime.of(2024, 1, 1, 0, 0);

    /** Series of 1-60 observed steps with random gaps, one extra column. */
    private static SeriesRows randomSeries(Random random) {
        List<Long> steps = new ArrayList<>();
        long step = 0;
        int rows = 1 + random.nextInt(60);
        for (int i = 0; i < rows; i++) {
            steps.add(step);
            step += random.nextInt(5) == 0 ? 2 + random.nextInt(4) : 1;
        }
        int n = steps.size();
        long[] stepArray = new long[n];
        long[] ts = new long[n];
        double[] values = new double[n];
        double[][] extras = new double[1][n];
        for (int i = 0; i < n; i++) {
            stepArray[i] = steps.get(i);
            ts[i] = SeriesRows.micros(DAILY.plus(ANCHOR, steps.get(i)));
            values[i] = random.nextGaussian();
            extras[0][i] = random.nextGaussian();
        }
        return new SeriesRows("s", ANCHOR, stepArray, ts, values, extras);
    }

    @Test
    void theLastStepsGiveTheSameLatestWindowAsTheWholeSeriesWithEveryGapPolicy() {
        Random random = new Random(17);
        for (int trial = 0; trial < 500; trial++) {
            SeriesRows series = randomSeries(random);
            int history = 1 + random.nextInt(20);
            for (GapPolicy policy : GapPolicy.values()) {
                Row whole = LatestWindows.latest(RegularSeries.of(series, policy, DAILY), history);
                Row last = LatestWindows.latest(RegularSeries.of(series.lastSteps(history), policy, DAILY), history);
                for (int field = 0; field < whole.size(); field++) {
                    Object expected = whole.get(field);
                    Object actual = last.get(field);
                    if (expected instanceof double[] values) {
                        assertArrayEquals(values, (double[]) actual, policy + " trial " + trial);
                    } else {
                        assertEquals(expected, actual, policy + " trial " + trial + " field " + field);
                    }
                }
            }
        }
    }

    @Test
    void lastStepsKeepTheObservationBeforeThemAndNothingEarlier() {
        long[] steps = {0, 1, 2, 5, 6, 9, 10};
        long[] ts = new long[steps.length];
        double[] values = {0, 1, 2, 5, 6, 9, 10};
        SeriesRows series = new SeriesRows("s", ANCHOR, steps, ts, values, new double[0][]);

        // Steps 8-10 are the last three: rows 9 and 10, and row 6 before them.
        assertArrayEquals(new long[] {6, 9, 10}, series.lastSteps(3).steps());
        assertArrayEquals(new double[] {6, 9, 10}, series.lastSteps(3).values());
        assertSame(series, series.lastSteps(11));
        assertArrayEquals(new long[] {0, 1, 2, 5, 6, 9, 10}, series.lastSteps(10).steps());
    }
}
