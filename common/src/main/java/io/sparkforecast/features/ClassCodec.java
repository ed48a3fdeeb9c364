package io.sparkforecast.features;

import io.sparkforecast.core.ValueScaling.WindowScale;
import io.sparkforecast.input.ClassValues;
import java.util.function.DoubleUnaryOperator;

/** Classification: the target is the one-hot label (the inputs are one-hot too, see SampleEncoder). */
final class ClassCodec implements ValueCodec {
    private final int classes;
    private final int lookback;
    private final int labelIndex;

    ClassCodec(EncoderSpec spec) {
        this.classes = spec.classes();
        this.lookback = spec.lookback();
        this.labelIndex = spec.labelIndex();
    }

    @Override
    public DoubleUnaryOperator inputScale(SeriesWindow window, WindowScale known) {
        throw new UnsupportedOperationException("a classifier's inputs are one-hot classes, not scaled values");
    }

    @Override
    public float[] target(double[] history, double[] future, MinMaxScaler scaler, WindowScale known) {
        float[] oneHot = new float[classes];
        oneHot[label(history, future)] = 1f;
        return oneHot;
    }

    @Override
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler, WindowScale known) {
        throw new UnsupportedOperationException("a classifier's outputs are class probabilities (see Classifier)");
    }

    /** The label of a window, from its history (label_index) or the value after it. */
    int label(double[] history, double[] future) {
        double value = labelIndex >= 0 ? history[history.length - lookback + labelIndex] : future[0];
        return ClassValues.classOf(value, classes);
    }
}
