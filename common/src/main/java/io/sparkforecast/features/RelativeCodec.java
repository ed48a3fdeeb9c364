package io.sparkforecast.features;

import io.sparkforecast.core.ValueScaling.WindowScale;
import java.util.function.DoubleUnaryOperator;

/** Values relative to the window's first lookback value p0: p / p0 - 1, decoded as p0 (n + 1). */
final class RelativeCodec implements ValueCodec {
    private final int horizon;
    private final int lookback;

    RelativeCodec(EncoderSpec spec) {
        this.horizon = spec.horizon();
        this.lookback = spec.lookback();
    }

    @Override
    public DoubleUnaryOperator inputScale(SeriesWindow window, WindowScale known) {
        double start = windowStart(window.values());
        return x -> x / start - 1;
    }

    @Override
    public float[] target(double[] history, double[] future, MinMaxScaler scaler, WindowScale known) {
        double start = windowStart(history);
        float[] target = new float[horizon];
        for (int j = 0; j < target.length; j++) {
            target[j] = (float) (future[j] / start - 1);
        }
        return target;
    }

    @Override
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler, WindowScale known) {
        double start = windowStart(history);
        double[] values = new double[outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            values[j] = start * (outputs[j] + 1.0);
        }
        return values;
    }

    /** p0: the first of the window's lookback values. */
    private double windowStart(double[] history) {
        return history[history.length - lookback];
    }
}
