package io.sparkforecast.data;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Turns raw series values into what the network sees and back. Per time step the inputs are
 * the value (differenced x[t] = y[t] - y[t - lag] when a lag is set, then MinMax-scaled, or
 * relative to the window's first value p[t] / p[0] - 1 with window scaling), the calendar
 * features of the step's timestamp, and the extra feature columns (MinMax-scaled).
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
                WindowLayout.TIME_STEPS, 0);
    }

    private SampleEncoder(int lookback, int horizon, int differenceLag, List<CalendarFeature> calendar, int extras,
                          Frequency frequency, int classes, Integer labelIndex, ValueScaling scaling,
                          WindowLayout layout, int stateHistory) {
        if (scaling == ValueScaling.WINDOW && (differenceLag > 0 || classes > 0)) {
            throw new IllegalArgumentException("window scaling takes undifferenced values of a forecasting task");
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
    }

    /** This encoder with the value scaled as given. */
    public SampleEncoder withScaling(ValueScaling valueScaling) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, valueScaling, layout, stateHistory);
    }

    /** This encoder for a network that takes the window as given (the inputs themselves are the same). */
    public SampleEncoder withLayout(WindowLayout windowLayout) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, scaling, windowLayout, stateHistory);
    }

    /** This encoder for a stateful network that walks up to {@code steps} history steps (0 = not stateful). */
    public SampleEncoder withStateHistory(int steps) {
        return new SampleEncoder(lookback, horizon, lag, calendar, extras, frequency, classes,
                labelIndex < 0 ? null : labelIndex, scaling, layout, steps);
    }

    public ValueScaling scaling() {
        return scaling;
    }

    public WindowLayout layout() {
        return layout;
    }

    /** The series values this encoder can take: classes, and no zeros to divide by with window scaling. */
    public AcceptedValues acceptedValues() {
        return new AcceptedValues(classes, scaling == ValueScaling.WINDOW);
    }

    /** Raw values a window needs: the lookback, plus lag earlier values to difference against. */
    public int windowLength() {
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

    /** Network inputs, time-major (lookback x inputs), from the last lookback (+ lag) steps of a window. */
    public float[] features(SeriesWindow window) {
        double[] history = window.values();
        int offset = history.length - windowLength();
        if (offset < 0) {
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
        double start = history[offset];
        for (int i = 0; i < lookback; i++) {
            encodeStep(window, offset + lag + i, start, features, i * width);
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
            encodeStep(window, lag + i, Double.NaN, features, i * width);
        }
        return features;
    }

    /** Stateful forecasting: the inputs of the window's last step (a prediction fed back). */
    public float[] lastStepFeatures(SeriesWindow window) {
        float[] features = new float[inputs()];
        encodeStep(window, window.values().length - 1, Double.NaN, features, 0);
        return features;
    }

    /** The inputs of history index t into features[base ..]; start is window scaling's p0. */
    private void encodeStep(SeriesWindow window, int t, double start, float[] features, int base) {
        double[] history = window.values();
        double x = lag > 0 ? history[t] - history[t - lag] : history[t];
        features[base] = (float) (scaling == ValueScaling.WINDOW ? x / start - 1 : window.scalers().value().scale(x));
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
        if (classifies()) {
            float[] oneHot = new float[classes];
            oneHot[label(history, future)] = 1f;
            return oneHot;
        }
        float[] target = new float[horizon];
        if (scaling == ValueScaling.WINDOW) {
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
     * Network outputs back to raw values: unscale (p0 (n + 1) with window scaling), then undo the
     * differencing against the history, or against earlier decoded steps where the lag reaches
     * past the history.
     */
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler) {
        double[] values = new double[outputs.length];
        if (scaling == ValueScaling.WINDOW) {
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

    /** Window scaling's reference value p0: the first of the window's lookback values. */
    private double windowStart(double[] history) {
        return history[history.length - lookback];
    }

    private static double valueAt(double[] head, double[] tail, int index) {
        return index < head.length ? head[index] : tail[index - head.length];
    }
}
