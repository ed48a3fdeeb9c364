package io.sparkforecast.inference;

import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.model.NetworkInputs;
import io.sparkforecast.model.NetworkOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forecasts of a stateful network: from a zero state it walks each window's history with
 * rnnTimeStep (the state it trained to carry through a series), reads the next horizon values
 * from the last step's output, and feeds predictions back one step at a time for more.
 * Windows with the same history length walk together; other lengths in separate walks.
 */
final class StatefulForecasts {
    private final MultiLayerNetwork network;
    private final SampleEncoder encoder;
    private final int stride;

    StatefulForecasts(MultiLayerNetwork network, SampleEncoder encoder, int stride) {
        this.network = network;
        this.encoder = encoder;
        this.stride = stride;
    }

    double[][] forecast(List<SeriesWindow> windows, int steps) {
        double[][] forecasts = new double[windows.size()][];
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < windows.size(); i++) {
            byLength.computeIfAbsent(windows.get(i).values().length, length -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byLength.values()) {
            List<SeriesWindow> walked = group.stream().map(windows::get).toList();
            double[][] groupForecasts = walk(walked, steps);
            for (int g = 0; g < group.size(); g++) {
                forecasts[group.get(g)] = groupForecasts[g];
            }
        }
        return forecasts;
    }

    /** Windows of one history length, walked together. */
    private double[][] walk(List<SeriesWindow> windows, int steps) {
        int count = windows.size();
        List<float[]> histories = new ArrayList<>(count);
        for (SeriesWindow window : windows) {
            histories.add(encoder.sequenceFeatures(window));
        }
        int walkedSteps = histories.get(0).length / encoder.inputs();
        network.rnnClearPreviousState();
        float[][] outputs = lastStep(network.rnnTimeStep(NetworkInputs.features(histories, walkedSteps,
                encoder.inputs(), WindowLayout.TIME_STEPS)));
        double[][] forecasts = new double[count][steps];
        List<SeriesWindow> current = new ArrayList<>(windows);
        for (int done = 0; done < steps; ) {
            int take = Math.min(stride, steps - done);
            double[][] decoded = new double[count][];
            for (int i = 0; i < count; i++) {
                SeriesWindow window = current.get(i);
                decoded[i] = encoder.decode(window.values(), outputs[i],
                        window.scalers().value());
                System.arraycopy(decoded[i], 0, forecasts[i], done, take);
            }
            done += take;
            if (done == steps) {
                break;
            }
            for (int k = 0; k < take; k++) { // each prediction is the next input
                List<float[]> next = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    SeriesWindow window = current.get(i).advanced(new double[] {decoded[i][k]}, 1,
                            encoder.windowLength());
                    current.set(i, window);
                    next.add(encoder.lastStepFeatures(window));
                }
                outputs = lastStep(network.rnnTimeStep(NetworkInputs.features(next, 1, encoder.inputs(),
                        WindowLayout.TIME_STEPS)));
            }
        }
        network.rnnClearPreviousState();
        return forecasts;
    }

    /** [batch, outputs, time] -> the last time step's outputs per example. */
    private static float[][] lastStep(INDArray outputs) {
        if (outputs.rank() == 2) {
            return NetworkOutputs.rows(outputs);
        }
        long last = outputs.size(2) - 1;
        return NetworkOutputs.rows(outputs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(last)));
    }
}
