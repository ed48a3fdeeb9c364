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
import java.util.Arrays;
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
    private final int lookback;
    private final int horizon;
    private final int lag;
    private final List<CalendarFeature> calendar;
    private final int extras;
    private final Frequency frequency;
    /** 0 for forecasting; else the number of classes. */
    private final int classes;
    /** Classification: the window position whose value is the label, or -1 for the value after the window. */
    private final int labelIndex;
    private final ValueScaling scaling;
    private final WindowLayout layout;
    /** 0, or for a stateful network the most history steps a forecast walks. */
    private final int stateHistory;
    /** The naive forecast the targets are residuals of; null for none. */
    private final NaiveForecast baseline;
    /** Season length of the baseline. */
    private final int season;

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
        this(lookback, horizon, differenceLag, calendar, extras, frequency, classes, labelIndex, ValueScaling.MINMAX,
                WindowLayout.TIME_STEPS, 0, null, 1);
    }

    private SampleEncoder(int lookback, int horizon, int differenceLag, List<CalendarFeature> calendar, int extras,
                          Frequency frequency, int classes, Integer labelIndex, ValueScaling scaling,
                          WindowLayout layout, int stateHistory, NaiveForecast baseline, int season) {
        if (scaling == ValueScaling.RELATIVE && (differenceLag > 0 || classes > 0)) {
            throw new IllegalArgumentException("relative scaling takes undifferenced values of a forecasting task");
        }
        if (scaling.perWindow() && classes > 0) {
            throw new IllegalArgumentException("per-window scaling is for forecasting, not classification");
        }
        if (baseline != null && (!scaling.perWindow() || season < 1)) {
            throw new IllegalArgumentException("a baseline needs a per-window scaling and a season >= 1");
        }
        if (stateHistory > 0 && (scaling != ValueScaling.MINMAX || classes > 0 || layout != WindowLayout.TIME_STEPS
                || stateHistory < lookback)) {
            throw new IllegalArgumentException("a stateful network walks MinMax-scaled forecasting inputs as time "
                    + "steps, at least lookback of them");
        }
        this.stateHistory = stateHistory;
        this.scaling = scaling;
        this.layout = layout;
        this.classes = classes;
        this.labelIndex = labelIndex == null ? -1 : labelIndex;
        this.lookback = lookback;
        this.horizon = horizon;
        this.lag = differenceLag;
        this.calendar = List.copyOf(calendar);
        this.extras = extras;
        this.frequency = frequency;
        this.baseline = baseline;
        this.season = season;
    }

    /** This encoder with the value scaled as given. */
    public SampleEncoder withScaling(ValueScaling valueScaling) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, valueScaling, layout, stateHistory, baseline, season);
    }

    /** This encoder for a network that takes the window as given (the inputs themselves are the same). */
    public SampleEncoder withLayout(WindowLayout windowLayout) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, scaling, windowLayout, stateHistory, baseline, season);
    }

    /** This encoder for a stateful network that walks up to {@code steps} history steps (0 = not stateful). */
    public SampleEncoder withStateHistory(int steps) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, scaling, layout, steps, baseline, season);
    }

    /** This encoder with targets as residuals of {@code naive} (null = none) with the given season. */
    public SampleEncoder withBaseline(NaiveForecast naive, int seasonLength) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, scaling, layout, stateHistory, naive, seasonLength);
    }

    /** The naive forecast the network corrects; null for none. */
    public NaiveForecast baseline() {
        return baseline;
    }

    public int season() {
        return season;
    }

    public ValueScaling scaling() {
        return scaling;
    }

    public WindowLayout layout() {
        return layout;
    }

    /** The series values this encoder can take: classes, and no zeros to divide by with window scaling. */
    public AcceptedValues acceptedValues() {
        return new AcceptedValues(classes, scaling == ValueScaling.RELATIVE);
    }

    /**
     * Raw values a window needs: the lookback, plus lag earlier values to difference against,
     * and at least what the baseline reads.
     */
    public int windowLength() {
        return baseline == null ? inputLength() : Math.max(inputLength(), baseline.historyLength(season));
    }

    /** Raw values the network's inputs are made of: the lookback plus lag earlier values. */
    private int inputLength() {
        return lookback + lag;
    }

    /**
     * Raw values a forecast reads: the window, or for a stateful network up to stateHistory
     * steps to walk (plus lag); shorter histories of at least {@link #windowLength()} also do.
     */
    public int historyLength() {
        return stateful() ? stateHistory + lag : windowLength();
    }

    /** True when the network carries its state through the series (forecasts walk the history). */
    public boolean stateful() {
        return stateHistory > 0;
    }

    /** Inputs per time step. */
    public int inputs() {
        return classifies() ? classes : 1 + calendar.size() + extras;
    }

    public boolean classifies() {
        return classes > 0;
    }

    public int classes() {
        return classes;
    }


    public int lookback() {
        return lookback;
    }

    public int horizon() {
        return horizon;
    }

    public int differenceLag() {
        return lag;
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
        WindowScale scale = scaling.perWindow() && !classifies() ? windowScale(window.values(), sort) : null;
        return new Sample(features(window, scale), target(window.values(), future, window.scalers().value(), scale));
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
        return scaling.perWindow() && !classifies() ? windowScale(window.values(), sort) : null;
    }

    /** As above; {@code known}: the window's statistics when already computed (see scaleOf), else null. */
    public float[] features(SeriesWindow window, WindowScale known) {
        double[] history = window.values();
        int offset = history.length - inputLength();
        if (history.length < windowLength()) {
            throw new IllegalArgumentException("history has " + history.length + " values; "
                    + windowLength() + " needed");
        }
        int width = inputs();
        float[] features = new float[lookback * width];
        if (classifies()) {
            for (int i = 0; i < lookback; i++) {
                features[i * width + ClassValues.classOf(history[offset + i], classes)] = 1f;
            }
            return features;
        }
        DoubleUnaryOperator scale = valueScale(window, history, known);
        for (int i = 0; i < lookback; i++) {
            encodeStep(window, offset + lag + i, scale, features, i * width);
        }
        return features;
    }

    /**
     * Stateful forecasting: the inputs of every step of the window's history that has a value
     * lag steps before it (time-major, (values - lag) x inputs), for the network to walk.
     */
    public float[] sequenceFeatures(SeriesWindow window) {
        int steps = window.values().length - lag;
        if (steps < lookback) {
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

    /** How the window's (differenced) values are scaled: by the window's statistics, its p0, or the series' scaler. */
    private DoubleUnaryOperator valueScale(SeriesWindow window, double[] history, WindowScale known) {
        if (scaling.perWindow()) {
            return (known != null ? known : windowScale(history))::scale;
        }
        if (scaling == ValueScaling.RELATIVE) {
            double start = windowStart(history);
            return x -> x / start - 1;
        }
        return window.scalers().value()::scale;
    }

    /** The inputs of history index t into features[base ..], the value scaled as given. */
    private void encodeStep(SeriesWindow window, int t, DoubleUnaryOperator scale, float[] features, int base) {
        double[] history = window.values();
        double x = lag > 0 ? history[t] - history[t - lag] : history[t];
        features[base] = (float) scale.applyAsDouble(x);
        if (!calendar.isEmpty()) {
            LocalDateTime ts = frequency.plus(window.anchor(), window.endStep() - (history.length - 1 - t));
            for (int c = 0; c < calendar.size(); c++) {
                features[base + 1 + c] = (float) calendar.get(c).value(ts);
            }
        }
        for (int e = 0; e < extras; e++) {
            features[base + 1 + calendar.size() + e] = (float) window.scalers().extra(e).scale(window.extras()[e][t]);
        }
    }

    /** Network targets for the {@link #horizon()} raw values that follow the history. */
    public float[] target(double[] history, double[] future, MinMaxScaler scaler) {
        return target(history, future, scaler, null);
    }

    private float[] target(double[] history, double[] future, MinMaxScaler scaler, WindowScale known) {
        if (classifies()) {
            float[] oneHot = new float[classes];
            oneHot[label(history, future)] = 1f;
            return oneHot;
        }
        float[] target = new float[horizon];
        if (scaling.perWindow()) {
            WindowScale window = known != null ? known : windowScale(history);
            for (int j = 0; j < horizon; j++) {
                target[j] = (float) ((future[j] - reference(history, future, j, window)) / window.scale());
            }
            return target;
        }
        if (scaling == ValueScaling.RELATIVE) {
            double start = windowStart(history);
            for (int j = 0; j < horizon; j++) {
                target[j] = (float) (future[j] / start - 1);
            }
            return target;
        }
        for (int j = 0; j < horizon; j++) {
            double base = lag > 0 ? valueAt(history, future, history.length + j - lag) : 0.0;
            target[j] = (float) scaler.scale(future[j] - base);
        }
        return target;
    }

    /** Classification: the label of a window, from its history (label_index) or the value after it. */
    public int label(double[] history, double[] future) {
        double value = labelIndex >= 0 ? history[history.length - lookback + labelIndex] : future[0];
        return ClassValues.classOf(value, classes);
    }

    /** Classification: the label's position relative to the window's last step (1 = the step after it). */
    public int labelStep() {
        return labelIndex >= 0 ? labelIndex - (lookback - 1) : 1;
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
        double[] values = new double[outputs.length];
        if (scaling.perWindow()) {
            WindowScale window = known != null ? known : windowScale(history);
            for (int j = 0; j < outputs.length; j++) {
                values[j] = reference(history, values, j, window) + window.scale() * outputs[j];
            }
            return values;
        }
        if (scaling == ValueScaling.RELATIVE) {
            double start = windowStart(history);
            for (int j = 0; j < outputs.length; j++) {
                values[j] = start * (outputs[j] + 1.0);
            }
            return values;
        }
        for (int j = 0; j < outputs.length; j++) {
            double base = lag > 0 ? valueAt(history, values, history.length + j - lag) : 0.0;
            values[j] = scaler.unscale(outputs[j]) + base;
        }
        return values;
    }

    /**
     * What per-window targets are measured from at step j: the baseline's forecast, or without one
     * the window's location (plus the value lag steps earlier, from the history or the tail, when
     * differencing).
     */
    private double reference(double[] history, double[] tail, int j, WindowScale window) {
        if (baseline != null) {
            // The window the baseline was trained with, whatever history the caller holds.
            double[] trained = history.length > windowLength()
                    ? Arrays.copyOfRange(history, history.length - windowLength(), history.length) : history;
            return baseline.forecast(trained, season, j + 1);
        }
        double base = lag > 0 ? valueAt(history, tail, history.length + j - lag) : 0.0;
        return base + window.location();
    }

    /** Location and scale of the (differenced) values of the window's lookback steps. */
    private WindowScale windowScale(double[] history) {
        return windowScale(history, null);
    }

    private WindowScale windowScale(double[] history, SlidingSort sort) {
        double[] x = new double[lookback];
        int start = history.length - lookback;
        for (int i = 0; i < lookback; i++) {
            int t = start + i;
            x[i] = lag > 0 ? history[t] - history[t - lag] : history[t];
        }
        return scaling.windowScale(x, sort);
    }

    /** Relative scaling's reference value p0: the first of the window's lookback values. */
    private double windowStart(double[] history) {
        return history[history.length - lookback];
    }

    private static double valueAt(double[] head, double[] tail, int index) {
        return index < head.length ? head[index] : tail[index - head.length];
    }
}
