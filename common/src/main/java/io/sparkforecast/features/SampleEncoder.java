package io.sparkforecast.features;

import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.SlidingSort;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.ValueScaling.WindowScale;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.input.AcceptedValues;
import io.sparkforecast.input.ClassValues;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Turns raw series values into what the network sees and back. Per time step the inputs are
 * the value (differenced x[t] = y[t] - y[t - lag] when a lag is set, then scaled: by its own
 * window's statistics, MinMax per series, or relative to the window's first value p[t] / p[0] - 1),
 * the calendar features of the step's timestamp, and the extra feature columns (MinMax-scaled).
 * With a per-window scaling the targets are in window units; with a baseline they are the
 * residuals of a naive forecast from the window ((y - naive) / scale), so a network that outputs
 * zero forecasts the baseline.
 * For classification the inputs are the values one-hot encoded and the target is the one-hot
 * label. The one implementation used by prepare (training samples), evaluate and score, so
 * training and serving cannot drift apart.
 */
public final class SampleEncoder implements Serializable {
    private final EncoderSpec spec;
    private final ValueCodec codec;

    /** A forecasting encoder. */
    public SampleEncoder(int lookback, int horizon, int differenceLag, List<CalendarFeature> calendar, int extras,
                         Frequency frequency) {
        this(lookback, horizon, differenceLag, calendar, extras, frequency, 0, null);
    }

    /**
     * @param classes    0 for forecasting, else the number of classes (one-hot inputs and target)
     * @param labelIndex classification: the window position of the label, null = the value after it
     */
    public SampleEncoder(int lookback, int horizon, int differenceLag, List<CalendarFeature> calendar, int extras,
                         Frequency frequency, int classes, Integer labelIndex) {
        this(EncoderSpec.of(lookback, horizon, differenceLag, calendar, extras, frequency, classes, labelIndex));
    }

    public SampleEncoder(EncoderSpec spec) {
        this.spec = spec;
        this.codec = ValueCodec.of(spec);
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** This encoder with the value scaled as given. */
    public SampleEncoder withScaling(ValueScaling valueScaling) {
        return new SampleEncoder(spec.withScaling(valueScaling));
    }

    /** This encoder for a network that takes the window as given (the inputs themselves are the same). */
    public SampleEncoder withLayout(WindowLayout windowLayout) {
        return new SampleEncoder(spec.withLayout(windowLayout));
    }

    /** This encoder for a stateful network that walks up to {@code steps} history steps (0 = not stateful). */
    public SampleEncoder withStateHistory(int steps) {
        return new SampleEncoder(spec.withStateHistory(steps));
    }

    /** This encoder with targets as residuals of {@code naive} (null = none) with the given season. */
    public SampleEncoder withBaseline(NaiveForecast naive, int seasonLength) {
        return new SampleEncoder(spec.withBaseline(naive, seasonLength));
    }

    /** The naive forecast the network corrects; null for none. */
    public NaiveForecast baseline() {
        return spec.baseline();
    }

    public int season() {
        return spec.season();
    }

    public ValueScaling scaling() {
        return spec.scaling();
    }

    public WindowLayout layout() {
        return spec.layout();
    }

    /** The series values this encoder can take: classes, and no zeros to divide by with window scaling. */
    public AcceptedValues acceptedValues() {
        return new AcceptedValues(spec.classes(), spec.scaling() == ValueScaling.RELATIVE);
    }

    /**
     * Raw values a window needs: the lookback, plus lag earlier values to difference against,
     * and at least what the baseline reads.
     */
    public int windowLength() {
        return spec.windowLength();
    }

    /**
     * Raw values a forecast reads: the window, or for a stateful network up to stateHistory
     * steps to walk (plus lag); shorter histories of at least {@link #windowLength()} also do.
     */
    public int historyLength() {
        return stateful() ? spec.stateHistory() + spec.differenceLag() : windowLength();
    }

    /** True when the network carries its state through the series (forecasts walk the history). */
    public boolean stateful() {
        return spec.stateHistory() > 0;
    }

    /** Inputs per time step. */
    public int inputs() {
        return classifies() ? spec.classes() : 1 + spec.calendar().size() + spec.extras();
    }

    public boolean classifies() {
        return spec.classifies();
    }

    public int classes() {
        return spec.classes();
    }

    public int lookback() {
        return spec.lookback();
    }

    public int horizon() {
        return spec.horizon();
    }

    public int differenceLag() {
        return spec.differenceLag();
    }

    /** A training sample: the network's inputs and targets. */
    public record Sample(float[] features, float[] target) {
    }

    /** The inputs and targets of a window and the values after it, its statistics computed once. */
    public Sample sample(SeriesWindow window, double[] future) {
        return sample(window, future, null);
    }

    /** As above, for one of a series' windows in turn: {@code sort} carries sorted values from the previous window (see SlidingSort). */
    public Sample sample(SeriesWindow window, double[] future, SlidingSort sort) {
        WindowScale scale = codec.scaleOf(window.values(), sort);
        return new Sample(features(window, scale), codec.target(window.values(), future, window.scalers().value(),
                scale));
    }

    /** Network inputs, time-major (lookback x inputs), from the last lookback (+ lag) steps of a window. */
    public float[] features(SeriesWindow window) {
        return features(window, null);
    }

    /**
     * A window's statistics for a per-window scaling, computed once for its features and the
     * decoding of its outputs; null for the other scalings. {@code sort}: as in sample, or null.
     */
    public WindowScale scaleOf(SeriesWindow window, SlidingSort sort) {
        return codec.scaleOf(window.values(), sort);
    }

    /** As above; {@code known}: the window's statistics when already computed (see scaleOf), else null. */
    public float[] features(SeriesWindow window, WindowScale known) {
        double[] history = window.values();
        int offset = history.length - spec.inputLength();
        if (history.length < windowLength()) {
            throw new IllegalArgumentException("history has " + history.length + " values; "
                    + windowLength() + " needed");
        }
        int width = inputs();
        int lookback = spec.lookback();
        float[] features = new float[lookback * width];
        if (classifies()) {
            for (int i = 0; i < lookback; i++) {
                features[i * width + ClassValues.classOf(history[offset + i], spec.classes())] = 1f;
            }
            return features;
        }
        DoubleUnaryOperator scale = codec.inputScale(window, known);
        for (int i = 0; i < lookback; i++) {
            encodeStep(window, offset + spec.differenceLag() + i, scale, features, i * width);
        }
        return features;
    }

    /**
     * Stateful forecasting: the inputs of every step of the window's history that has a value
     * lag steps before it (time-major, (values - lag) x inputs), for the network to walk.
     */
    public float[] sequenceFeatures(SeriesWindow window) {
        int lag = spec.differenceLag();
        int steps = window.values().length - lag;
        if (steps < spec.lookback()) {
            throw new IllegalArgumentException("history has " + window.values().length + " values; at least "
                    + windowLength() + " needed");
        }
        int width = inputs();
        float[] features = new float[steps * width];
        for (int i = 0; i < steps; i++) {
            encodeStep(window, lag + i, window.scalers().value()::scale, features, i * width);
        }
        return features;
    }

    /** Stateful forecasting: the inputs of the window's last step (a prediction fed back). */
    public float[] lastStepFeatures(SeriesWindow window) {
        float[] features = new float[inputs()];
        encodeStep(window, window.values().length - 1, window.scalers().value()::scale, features, 0);
        return features;
    }

    /** The inputs of history index t into features[base ..], the value scaled as given. */
    private void encodeStep(SeriesWindow window, int t, DoubleUnaryOperator scale, float[] features, int base) {
        double[] history = window.values();
        int lag = spec.differenceLag();
        List<CalendarFeature> calendar = spec.calendar();
        double x = lag > 0 ? history[t] - history[t - lag] : history[t];
        features[base] = (float) scale.applyAsDouble(x);
        if (!calendar.isEmpty()) {
            LocalDateTime ts = spec.frequency().plus(window.anchor(), window.endStep() - (history.length - 1 - t));
            for (int c = 0; c < calendar.size(); c++) {
                features[base + 1 + c] = (float) calendar.get(c).value(ts);
            }
        }
        for (int e = 0; e < spec.extras(); e++) {
            features[base + 1 + calendar.size() + e] = (float) window.scalers().extra(e).scale(window.extras()[e][t]);
        }
    }

    /** Network targets for the {@link #horizon()} raw values that follow the history. */
    public float[] target(double[] history, double[] future, MinMaxScaler scaler) {
        return codec.target(history, future, scaler, null);
    }

    /** Classification: the label of a window, from its history (label_index) or the value after it. */
    public int label(double[] history, double[] future) {
        return new ClassCodec(spec).label(history, future);
    }

    /** Classification: the label's position relative to the window's last step (1 = the step after it). */
    public int labelStep() {
        return spec.labelIndex() >= 0 ? spec.labelIndex() - (spec.lookback() - 1) : 1;
    }

    /**
     * Network outputs back to raw values: per window, reference + scale x output; relative,
     * p0 (n + 1); MinMax, unscale then undo the differencing against the history, or against
     * earlier decoded steps where the lag reaches past the history.
     */
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler) {
        return decode(history, outputs, scaler, null);
    }

    /** As above; {@code known}: the history's statistics when already computed (see scaleOf), else null. */
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler, WindowScale known) {
        return codec.decode(history, outputs, scaler, known);
    }
}
