package io.sparkforecast.features;

import io.sparkforecast.core.ValueScaling.WindowScale;
import java.util.function.DoubleUnaryOperator;

/**
 * Values scaled by the series' MinMax scaler; with a difference lag the targets are the
 * differences, and decoding undoes them against the history, or against earlier decoded steps
 * where the lag reaches past the history.
 */
final class MinMaxCodec implements ValueCodec {
    private final int horizon;
    private final int lag;

    MinMaxCodec(EncoderSpec spec) {
        this.horizon = spec.horizon();
        this.lag = spec.differenceLag();
    }

    @Override
    public DoubleUnaryOperator inputScale(SeriesWindow window, WindowScale known) {
        return window.scalers().value()::scale;
    }

    @Override
    public float[] target(double[] history, double[] future, MinMaxScaler scaler, WindowScale known) {
        float[] target = new float[horizon];
        for (int j = 0; j < target.length; j++) {
            double base = lag > 0 ? ValueCodec.valueAt(history, future, history.length + j - lag) : 0.0;
            target[j] = (float) scaler.scale(future[j] - base);
        }
        return target;
    }

    @Override
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler, WindowScale known) {
        double[] values = new double[outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            double base = lag > 0 ? ValueCodec.valueAt(history, values, history.length + j - lag) : 0.0;
            values[j] = scaler.unscale(outputs[j]) + base;
        }
        return values;
    }
}
