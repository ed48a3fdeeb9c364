package io.sparkforecast.features;

import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.SlidingSort;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.ValueScaling.WindowScale;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Values scaled by their own window's location and scale (median and IQR, or mean and standard
 * deviation, of the (differenced) lookback values); targets measured from a reference: the
 * baseline's forecast, or without one the window's location (plus the value lag steps earlier
 * when differencing). A network that outputs zero forecasts the reference.
 */
final class WindowCodec implements ValueCodec {
    private final int horizon;
    private final int lookback;
    private final int lag;
    private final ValueScaling scaling;
    private final NaiveForecast baseline;
    private final int season;
    private final int windowLength;

    WindowCodec(EncoderSpec spec) {
        this.horizon = spec.horizon();
        this.lookback = spec.lookback();
        this.lag = spec.differenceLag();
        this.scaling = spec.scaling();
        this.baseline = spec.baseline();
        this.season = spec.season();
        this.windowLength = spec.windowLength();
    }

    @Override
    public WindowScale scaleOf(double[] history, SlidingSort sort) {
        double[] x = new double[lookback];
        int start = history.length - lookback;
        for (int i = 0; i < lookback; i++) {
            int t = start + i;
            x[i] = lag > 0 ? history[t] - history[t - lag] : history[t];
        }
        return scaling.windowScale(x, sort);
    }

    @Override
    public DoubleUnaryOperator inputScale(SeriesWindow window, WindowScale known) {
        return (known != null ? known : scaleOf(window.values(), null))::scale;
    }

    @Override
    public float[] target(double[] history, double[] future, MinMaxScaler scaler, WindowScale known) {
        WindowScale window = known != null ? known : scaleOf(history, null);
        float[] target = new float[horizon];
        for (int j = 0; j < target.length; j++) {
            target[j] = (float) ((future[j] - reference(history, future, j, window)) / window.scale());
        }
        return target;
    }

    @Override
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler, WindowScale known) {
        WindowScale window = known != null ? known : scaleOf(history, null);
        double[] values = new double[outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            values[j] = reference(history, values, j, window) + window.scale() * outputs[j];
        }
        return values;
    }

    /** What the target at step j is measured from (the tail: the values after the history). */
    private double reference(double[] history, double[] tail, int j, WindowScale window) {
        if (baseline != null) {
            // The window the baseline was trained with, whatever history the caller holds.
            double[] trained = history.length > windowLength
                    ? Arrays.copyOfRange(history, history.length - windowLength, history.length) : history;
            return baseline.forecast(trained, season, j + 1);
        }
        double base = lag > 0 ? ValueCodec.valueAt(history, tail, history.length + j - lag) : 0.0;
        return base + window.location();
    }
}
