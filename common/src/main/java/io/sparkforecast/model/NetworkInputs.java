package io.sparkforecast.model;

import io.sparkforecast.core.WindowLayout;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Packs samples into the arrays DL4J expects: inputs [batch, features, time], targets [batch, horizon]. */
public final class NetworkInputs {
    private NetworkInputs() {
    }

    /**
     * @param samples    each lookback x stepInputs values, time-major (as in the samples table)
     * @param stepInputs inputs per window step
     * @param layout     the window as time steps [batch, stepInputs, lookback], or as features
     *                   [batch, lookback x stepInputs, 1] (the time-major values in order)
     */
    public static INDArray features(List<float[]> samples, int lookback, int stepInputs, WindowLayout layout) {
        int steps = layout.steps(lookback);
        int width = layout.width(lookback, stepInputs);
        return features(samples, steps, width);
    }

    private static INDArray features(List<float[]> samples, int lookback, int features) {
        float[] data = new float[samples.size() * features * lookback];
        for (int s = 0; s < samples.size(); s++) {
            float[] sample = samples.get(s);
            for (int t = 0; t < lookback; t++) {
                for (int f = 0; f < features; f++) {
                    data[(s * features + f) * lookback + t] = sample[t * features + f];
                }
            }
        }
        return Nd4j.create(data, new long[] {samples.size(), features, lookback}, 'c');
    }

    public static INDArray targets(List<float[]> targets) {
        int horizon = targets.get(0).length;
        float[] data = new float[targets.size() * horizon];
        for (int s = 0; s < targets.size(); s++) {
            System.arraycopy(targets.get(s), 0, data, s * horizon, horizon);
        }
        return Nd4j.create(data, new long[] {targets.size(), horizon}, 'c');
    }
}
