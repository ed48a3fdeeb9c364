package io.sparkforecast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.LstmImplementation;
import io.sparkforecast.core.WindowLayout;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {
    private static MultiLayerNetwork network(List<Integer> layers, int inputs, int steps, int horizon, int classes) {
        MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.create(
                new NetworkSpec(layers, 0.0, 1.0, LstmImplementation.FAST, WindowLayout.TIME_STEPS, false, 100, 1), TestNetworks.training(1), inputs, steps, horizon, classes, false));
        network.init();
        return network;
    }

    @Test
    void theSeedsEchoClassifierHas3860Parameters() {
        ModelSummary summary = ModelSummary.of(network(List.of(25), 10, 5, 1, 10), 10, 5);

        assertEquals(List.of(
                new ModelSummary.LayerRow("fastlstm_1", "FastLstm (last step)", "(batch, 25)", 3600),
                new ModelSummary.LayerRow("dense_2", "Dense", "(batch, 10)", 260)), summary.layers());
        assertEquals(3860, summary.parameters());
        assertTrue(summary.format().contains("Total params: 3,860"), summary.format());
    }

    @Test
    void stackedLayersKeepTheirTimeSteps() {
        // The seeds' [1, 50, 100, 1]: 4 * (1 * 50 + 50 * 50 + 50) + 4 * (50 * 100 + 100 * 100 + 100) + 101.
        ModelSummary summary = ModelSummary.of(network(List.of(50, 100), 1, 30, 1, 0), 1, 30);

        assertEquals("(batch, 30, 50)", summary.layers().get(0).outputShape());
        assertEquals(10400, summary.layers().get(0).parameters());
        assertEquals(60400, summary.layers().get(1).parameters());
        assertEquals(101, summary.layers().get(2).parameters());
        assertEquals(70901, summary.parameters());
    }
}
