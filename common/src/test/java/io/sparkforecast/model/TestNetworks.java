package io.sparkforecast.model;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.ForecastConfig.Optimizer;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.config.LstmImplementation;
import io.sparkforecast.core.WindowLayout;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Small networks with known outputs for tests. */
public final class TestNetworks {
    private TestNetworks() {
    }

    public static TrainingSpec training(int epochs) {
        return new TrainingSpec(epochs, 8, 0.01, Optimizer.ADAM, 7, 0.0, 1, 0, 0, 30, false);
    }

    /** All weights zero and output bias {@code bias}: every input yields {@code bias} (scaled units). */
    public static MultiLayerNetwork constant(int lookback, int horizon, float bias) {
        return constant(lookback, horizon, bias, 1);
    }

    /** As {@link #constant(int, int, float)} with {@code inputs} inputs per time step. */
    public static MultiLayerNetwork constant(int lookback, int horizon, float bias, int inputs) {
        MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.create(
                new NetworkSpec(List.of(4), 0.0, 1.0, LstmImplementation.STOCK, WindowLayout.TIME_STEPS, false, 100, 1), training(1), inputs, lookback, horizon));
        network.init();
        network.params().assign(0);
        network.getLayer(1).getParam("b").assign(bias);
        return network;
    }
}
