package io.sparkforecast.data;

import io.sparkforecast.core.Frequency;
import java.time.LocalDateTime;
import java.util.List;

/** Encoders and windows for tests of the value-only case. */
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
}
