package io.sparkforecast.inference;

import io.sparkforecast.core.SlidingSort;
import io.sparkforecast.core.ValueScaling.WindowScale;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.model.NetworkInputs;
import io.sparkforecast.model.NetworkOutputs;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Multi-step forecasts in original units for a batch of series: the network predicts its
 * horizon from each series' latest window; when more steps are asked for, the predictions are
 * appended to the window and the network runs again (recursive forecasting). Extra feature
 * columns, unknown in the future, repeat their last value; calendar features follow the steps.
 * A stateful network walks each window's whole history instead (see StatefulForecasts).
 */
public final class Forecaster {
    private final MultiLayerNetwork network;
    private final SampleEncoder encoder;
    private final int stride;

    /** Uses all of the network's outputs per call: direct when they cover the steps asked for. */
    public Forecaster(MultiLayerNetwork network, SampleEncoder encoder) {
        this(network, encoder, encoder.horizon());
    }

    /** @param stride network outputs used per call, 1 to the network's horizon (1 = purely recursive) */
    public Forecaster(MultiLayerNetwork network, SampleEncoder encoder, int stride) {
        if (stride < 1 || stride > encoder.horizon()) {
            throw new IllegalArgumentException("stride " + stride + " outside 1.." + encoder.horizon());
        }
        this.network = network;
        this.encoder = encoder;
        this.stride = stride;
    }

    /** @return per window, {@code steps} forecasts for the steps after it */
    public double[][] forecast(List<SeriesWindow> windows, int steps) {
        if (encoder.stateful()) {
            return new StatefulForecasts(network, encoder, stride).forecast(windows, steps);
        }
        int count = windows.size();
        double[][] forecasts = new double[count][steps];
        List<SeriesWindow> current = new ArrayList<>(windows);
        // Each window's statistics computed once per call, for its inputs and for decoding, and
        // a robust scaling's sorted values carried from one step's window to the next (the same
        // bits as sorting each window afresh): the sorts were 7% of the forecast's samples.
        WindowScale[] scales = new WindowScale[count];
        SlidingSort[] sorts = new SlidingSort[count];
        for (int i = 0; i < count; i++) {
            sorts[i] = new SlidingSort();
        }
        for (int done = 0; done < steps; done += stride) {
            List<float[]> inputs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                scales[i] = encoder.scaleOf(current.get(i), sorts[i]);
                inputs.add(encoder.features(current.get(i), scales[i]));
            }
            float[][] outputs = NetworkOutputs.rows(network.output(NetworkInputs.features(inputs, encoder.lookback(),
                    encoder.inputs(), encoder.layout())));
            int take = Math.min(stride, steps - done);
            for (int i = 0; i < count; i++) {
                SeriesWindow window = current.get(i);
                double[] decoded = encoder.decode(window.values(), outputs[i],
                        window.scalers().value(), scales[i]);
                System.arraycopy(decoded, 0, forecasts[i], done, take);
                current.set(i, window.advanced(decoded, take, encoder.windowLength()));
            }
        }
        return forecasts;
    }
}
