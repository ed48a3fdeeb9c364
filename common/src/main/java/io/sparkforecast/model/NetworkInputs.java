package io.sparkforecast.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Packs samples into the arrays DL4J expects: inputs [batch, features, time], targets [batch, horizon]. */
public final class NetworkInputs {
    private NetworkInputs() {
    }

    /** @param samples each lookback x features values, time-major (as in the samples table) */
    public static INDArray features(List<float[]> samples, int lookback, int features) {
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
