package io.sparkforecast.data;

import java.io.Serializable;

/**
 * Turns raw series values into what the network sees and back: optional differencing
 * x[t] = y[t] - y[t - lag], then MinMax scaling. The one implementation used by prepare
 * (training samples), evaluate and score, so training and serving cannot drift apart.
 */
public final class SampleEncoder implements Serializable {
    private final int lookback;
    private final int horizon;
    private final int lag;

    public SampleEncoder(int lookback, int horizon, int differenceLag) {
        this.lookback = lookback;
        this.horizon = horizon;
        this.lag = differenceLag;
    }

    /** Raw values a window needs: the lookback, plus lag earlier values to difference against. */
    public int historyLength() {
        return lookback + lag;
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

    /** Network inputs (time order) from the last {@link #historyLength()} raw values of history. */
    public float[] features(double[] history, MinMaxScaler scaler) {
        int offset = history.length - historyLength();
        if (offset < 0) {
            throw new IllegalArgumentException("history has " + history.length + " values; "
                    + historyLength() + " needed");
        }
        float[] features = new float[lookback];
        for (int i = 0; i < lookback; i++) {
            int t = offset + lag + i;
            double x = lag > 0 ? history[t] - history[t - lag] : history[t];
            features[i] = (float) scaler.scale(x);
        }
        return features;
    }

    /** Network targets for the {@link #horizon()} raw values that follow the history. */
    public float[] target(double[] history, double[] future, MinMaxScaler scaler) {
        float[] target = new float[horizon];
        for (int j = 0; j < horizon; j++) {
            double base = lag > 0 ? valueAt(history, future, history.length + j - lag) : 0.0;
            target[j] = (float) scaler.scale(future[j] - base);
        }
        return target;
    }

    /**
     * Network outputs back to raw values: unscale, then undo the differencing against the
     * history, or against earlier decoded steps where the lag reaches past the history.
     */
    public double[] decode(double[] history, float[] outputs, MinMaxScaler scaler) {
        double[] values = new double[outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            double base = lag > 0 ? valueAt(history, values, history.length + j - lag) : 0.0;
            values[j] = scaler.unscale(outputs[j]) + base;
        }
        return values;
    }

    private static double valueAt(double[] head, double[] tail, int index) {
        return index < head.length ? head[index] : tail[index - head.length];
    }
}
