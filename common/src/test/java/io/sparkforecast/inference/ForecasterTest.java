package io.sparkforecast.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.LstmImplementation;
import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.features.MinMaxScaler;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.features.TestWindows;
import io.sparkforecast.model.NetworkFactory;
import io.sparkforecast.model.TestNetworks;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    @Test
    void statefulForecastsWalkTheWholeHistoryThenFeedPredictionsBack() {
        MultiLayerNetwork network = statefulNetwork(1);
        SampleEncoder encoder = TestWindows.encoder(3, 1, 0).withStateHistory(10);
        double[] longer = {1, 2, 3, 4, 5, 6};
        double[] shorter = {8, 6, 4, 2};

        double[][] forecasts = new Forecaster(network, encoder).forecast(
                List.of(TestWindows.window(longer, SCALER), TestWindows.window(shorter, SCALER)), 2);

        for (int i = 0; i < 2; i++) {
            double[] history = i == 0 ? longer : shorter;
            double first = lastOutput(network, history);
            double[] extended = Arrays.copyOf(history, history.length + 1);
            extended[history.length] = first;
            assertArrayEquals(new double[] {first, lastOutput(network, extended)}, forecasts[i], 1e-4);
        }
    }

    @Test
    void statefulMultiOutputForecastsFeedBackEveryUsedPrediction() {
        MultiLayerNetwork network = statefulNetwork(2);
        double[] history = {3, 1, 4, 1, 5};

        double[] forecasts = new Forecaster(network, TestWindows.encoder(3, 2, 0).withStateHistory(10))
                .forecast(List.of(TestWindows.window(history, SCALER)), 3)[0];

        double[] first = lastOutputs(network, history);
        double[] extended = Arrays.copyOf(history, history.length + 2);
        extended[history.length] = first[0];
        extended[history.length + 1] = first[1];
        assertArrayEquals(new double[] {first[0], first[1], lastOutputs(network, extended)[0]}, forecasts, 1e-4);
    }

    /** A stateful LSTM(4) on lookback 3 with random (seeded) weights and {@code horizon} outputs per step. */
    private static MultiLayerNetwork statefulNetwork(int horizon) {
        NetworkSpec spec = new NetworkSpec(List.of(4), 0.0, 1.0, LstmImplementation.FAST, WindowLayout.TIME_STEPS, true, 10, 1);
        MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.create(spec, TestNetworks.training(1), 1, 3,
                horizon));
        network.init();
        return network;
    }

    /** The network run over the whole scaled sequence at once: its last step's forecast, unscaled. */
    private static double lastOutput(MultiLayerNetwork network, double[] values) {
        return lastOutputs(network, values)[0];
    }

    /** As lastOutput, every output of the last step. */
    private static double[] lastOutputs(MultiLayerNetwork network, double[] values) {
        float[] scaled = new float[values.length];
        for (int t = 0; t < values.length; t++) {
            scaled[t] = (float) SCALER.scale(values[t]);
        }
        INDArray outputs = network.output(Nd4j.create(scaled, new long[] {1, 1, values.length}, 'c'));
        double[] last = new double[(int) outputs.size(1)];
        for (int o = 0; o < last.length; o++) {
            last[o] = SCALER.unscale(outputs.getFloat(0, o, values.length - 1));
        }
        return last;
    }
}
