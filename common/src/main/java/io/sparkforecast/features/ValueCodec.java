package io.sparkforecast.features;

import io.sparkforecast.core.SlidingSort;
import io.sparkforecast.core.ValueScaling.WindowScale;
import java.io.Serializable;
import java.util.function.DoubleUnaryOperator;

/**
 * How one kind of encoder turns a window's values into the network's value inputs and targets
 * and its outputs back into values: one implementation per value scaling (MinMax per series,
 * per window, relative to the window's first value) and one for classification.
 */
interface ValueCodec extends Serializable {
    /** The codec of an encoder spec. */
    static ValueCodec of(EncoderSpec spec) {
        if (spec.classifies()) {
            return new ClassCodec(spec);
        }
        if (spec.scaling().perWindow()) {
            return new WindowCodec(spec);
        }
        return switch (spec.scaling()) {
            case RELATIVE -> new RelativeCodec(spec);
            default -> new MinMaxCodec(spec);
        };
    }

    /**
     * The window's statistics, computed once for its inputs and the decoding of its outputs; null
     * where the codec needs none. {@code sort}: sorted values from the previous window, or null.
     */
    default WindowScale scaleOf(double[] history, SlidingSort sort) {
        return null;
    }

    /** How the window's (differenced) values are scaled as inputs; {@code known}: see scaleOf, or null. */
    DoubleUnaryOperator inputScale(SeriesWindow window, WindowScale known);

    /** Network targets for the raw values that follow the history. */
    float[] target(double[] history, double[] future, MinMaxScaler scaler, WindowScale known);

    /** Network outputs back to raw values. */
    double[] decode(double[] history, float[] outputs, MinMaxScaler scaler, WindowScale known);

    /** Value {@code index} of the history followed by the tail. */
    static double valueAt(double[] head, double[] tail, int index) {
        return index < head.length ? head[index] : tail[index - head.length];
    }
}
