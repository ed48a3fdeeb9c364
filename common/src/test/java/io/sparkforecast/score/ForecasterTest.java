package io.sparkforecast.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sparkforecast.data.CalendarFeature;
import io.sparkforecast.data.Frequency;
import io.sparkforecast.data.MinMaxScaler;
import io.sparkforecast.data.SampleEncoder;
import io.sparkforecast.data.SeriesScalers;
import io.sparkforecast.data.SeriesWindow;
import io.sparkforecast.data.TestWindows;
import io.sparkforecast.model.TestNetworks;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ForecasterTest {
    private static final MinMaxScaler SCALER = new MinMaxScaler(0, 10);

    @Test
    void recursiveStepsFeedPredictionsBackThroughTheDifferencing() {
        // The network always outputs 0.2 (scaled) = a change of +2 over the previous value.
        Forecaster forecaster = new Forecaster(TestNetworks.constant(3, 1, 0.2f), TestWindows.encoder(3, 1, 1));

        double[][] forecasts = forecaster.forecast(List.of(TestWindows.window(new double[] {1, 2, 3, 4}, SCALER),
                TestWindows.window(new double[] {7, 7, 7, 7, 0}, SCALER)), 3);

        assertArrayEquals(new double[] {6, 8, 10}, forecasts[0], 1e-5);
        assertArrayEquals(new double[] {2, 4, 6}, forecasts[1], 1e-5);
    }

    @Test
    void multiOutputNetworksAdvanceByTheirHorizon() {
        // Two outputs per call, five steps: calls at steps 1-2, 3-4, 5 (second output unused).
        Forecaster forecaster = new Forecaster(TestNetworks.constant(2, 2, 0.5f), TestWindows.encoder(2, 2, 0));

        double[][] forecasts = forecaster.forecast(List.of(TestWindows.window(new double[] {1, 2}, SCALER)), 5);

        assertArrayEquals(new double[] {5, 5, 5, 5, 5}, forecasts[0], 1e-5);
    }

    @Test
    void extrasRepeatTheirLastValueAndCalendarFollowsTheSteps() {
        SampleEncoder encoder = new SampleEncoder(1, 1, 0, List.of(CalendarFeature.MONTH_OF_YEAR), 1,
                Frequency.parse("P1M"));
        Forecaster forecaster = new Forecaster(TestNetworks.constant(1, 1, 0.3f, 3), encoder);
        SeriesWindow window = new SeriesWindow(new double[] {4}, new double[][] {{9}}, TestWindows.ANCHOR, 0,
                new SeriesScalers(new double[] {0, 0}, new double[] {10, 10}));

        assertArrayEquals(new double[] {3, 3, 3}, forecaster.forecast(List.of(window), 3)[0], 1e-5);
    }

    @Test
    void strideOneUsesOnlyTheFirstOutputPerCall() {
        MultiLayerNetwork network = TestNetworks.constant(2, 2, 0f);
        network.getLayer(1).getParam("b").putScalar(0, 0.1f).putScalar(1, 0.5f);
        SampleEncoder encoder = TestWindows.encoder(2, 2, 0);
        List<SeriesWindow> windows = List.of(TestWindows.window(new double[] {1, 2}, SCALER));

        assertArrayEquals(new double[] {1, 5, 1, 5}, new Forecaster(network, encoder).forecast(windows, 4)[0], 1e-5);
        assertArrayEquals(new double[] {1, 1, 1, 1}, new Forecaster(network, encoder, 1).forecast(windows, 4)[0], 1e-5);
    }

    @Test
    void seasonalDifferencingReachesBackALag() {
        // x = y[t] - y[t-2]; constant +1: y = ..., 10, 20 -> 11, 21, 12, 22.
        Forecaster forecaster = new Forecaster(TestNetworks.constant(1, 1, 0.1f), TestWindows.encoder(1, 1, 2));

        double[][] forecasts = forecaster.forecast(List.of(TestWindows.window(new double[] {5, 10, 20}, SCALER)), 4);

        assertArrayEquals(new double[] {11, 21, 12, 22}, forecasts[0], 1e-5);
    }
}
