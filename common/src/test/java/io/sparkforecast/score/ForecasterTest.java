package io.sparkforecast.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sparkforecast.data.MinMaxScaler;
import io.sparkforecast.data.SampleEncoder;
import io.sparkforecast.model.TestNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecasterTest {
    private static final MinMaxScaler SCALER = new MinMaxScaler(0, 10);

    @Test
    void recursiveStepsFeedPredictionsBackThroughTheDifferencing() {
        // The network always outputs 0.2 (scaled) = a change of +2 over the previous value.
        Forecaster forecaster = new Forecaster(TestNetworks.constant(3, 1, 0.2f), new SampleEncoder(3, 1, 1));

        double[][] forecasts = forecaster.forecast(List.of(new double[] {1, 2, 3, 4}, new double[] {7, 7, 7, 7, 0}),
                List.of(SCALER, SCALER), 3);

        assertArrayEquals(new double[] {6, 8, 10}, forecasts[0], 1e-5);
        assertArrayEquals(new double[] {2, 4, 6}, forecasts[1], 1e-5);
    }

    @Test
    void multiOutputNetworksAdvanceByTheirHorizon() {
        // Two outputs per call, five steps: calls at steps 1-2, 3-4, 5 (second output unused).
        Forecaster forecaster = new Forecaster(TestNetworks.constant(2, 2, 0.5f), new SampleEncoder(2, 2, 0));

        double[][] forecasts = forecaster.forecast(List.<double[]>of(new double[] {1, 2}), List.of(SCALER), 5);

        assertArrayEquals(new double[] {5, 5, 5, 5, 5}, forecasts[0], 1e-5);
    }

    @Test
    void seasonalDifferencingReachesBackALag() {
        // x = y[t] - y[t-2]; constant +1: y = ..., 10, 20 -> 11, 21, 12, 22.
        Forecaster forecaster = new Forecaster(TestNetworks.constant(1, 1, 0.1f), new SampleEncoder(1, 1, 2));

        double[][] forecasts = forecaster.forecast(List.<double[]>of(new double[] {5, 10, 20}), List.of(SCALER), 4);

        assertArrayEquals(new double[] {11, 21, 12, 22}, forecasts[0], 1e-5);
    }
}
