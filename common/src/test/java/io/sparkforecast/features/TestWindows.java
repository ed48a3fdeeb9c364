package io.sparkforecast.features;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.input.SeriesRows;
import java.time.LocalDateTime;
import java.util.List;

/** Encoders, windows and daily series for tests of the value-only case. */
public final class TestWindows {
    public static final LocalDateTime ANCHOR = LocalDateTime.of(2020, 1, 1, 0, 0);

    private TestWindows() {
    }

    public static SampleEncoder encoder(int lookback, int horizon, int lag) {
        return new SampleEncoder(lookback, horizon, lag, List.of(), 0, Frequency.parse("P1D"));
    }

    /** A value-only window ending at grid step values.length - 1. */
    public static SeriesWindow window(double[] values, MinMaxScaler scaler) {
        return new SeriesWindow(values, new double[0][], ANCHOR, values.length - 1,
                new SeriesScalers(new double[] {scaler.min()}, new double[] {scaler.max()}));
    }

    /** The value-only rows of a daily series on the given days (1 = ANCHOR, ascending). */
    public static SeriesRows daily(String series, int[] days, double[] values) {
        long[] steps = new long[days.length];
        long[] ts = new long[days.length];
        for (int i = 0; i < days.length; i++) {
            steps[i] = days[i] - 1;
            ts[i] = SeriesRows.micros(ANCHOR.plusDays(days[i] - 1));
        }
        return new SeriesRows(series, ANCHOR, steps, ts, values, new double[0][]);
    }

    /** Days 1..values.length. */
    public static SeriesRows daily(String series, double... values) {
        int[] days = new int[values.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = i + 1;
        }
        return daily(series, days, values);
    }
}
