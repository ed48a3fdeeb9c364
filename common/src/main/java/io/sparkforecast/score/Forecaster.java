package io.sparkforecast.score;

import io.sparkforecast.data.MinMaxScaler;
import io.sparkforecast.data.SampleEncoder;
import io.sparkforecast.model.NetworkInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-step forecasts in original units for a batch of series: the network predicts its
 * horizon from each series' latest window; when more steps are asked for, the predictions are
 * appended to the history and the network runs again (recursive forecasting).
 */
public final class Forecaster {
    private final MultiLayerNetwork network;
    private final SampleEncoder encoder;

    public Forecaster(MultiLayerNetwork network, SampleEncoder encoder) {
        this.network = network;
        this.encoder = encoder;
    }

    /**
     * @param histories raw values per series, oldest first, at least {@code encoder.historyLength()} each
     * @param scalers   each series' scaler
     * @return per series, {@code steps} forecasts for the steps after its history
     */
    public double[][] forecast(List<double[]> histories, List<MinMaxScaler> scalers, int steps) {
        int count = histories.size();
        double[][] forecasts = new double[count][steps];
        List<double[]> windows = new ArrayList<>(histories);
        for (int done = 0; done < steps; done += encoder.horizon()) {
            List<float[]> inputs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                inputs.add(encoder.features(windows.get(i), scalers.get(i)));
            }
            INDArray outputs = network.output(NetworkInputs.features(inputs, encoder.lookback(), 1));
            int take = Math.min(encoder.horizon(), steps - done);
            for (int i = 0; i < count; i++) {
                double[] decoded = encoder.decode(windows.get(i), outputs.getRow(i).toFloatVector(), scalers.get(i));
                System.arraycopy(decoded, 0, forecasts[i], done, take);
                windows.set(i, advance(windows.get(i), decoded, take));
            }
        }
        return forecasts;
    }

    /** The last historyLength values of history followed by the first {@code take} predictions. */
    private double[] advance(double[] history, double[] predictions, int take) {
        int keep = encoder.historyLength();
        double[] joined = Arrays.copyOf(history, history.length + take);
        System.arraycopy(predictions, 0, joined, history.length, take);
        return Arrays.copyOfRange(joined, Math.max(0, joined.length - keep), joined.length);
    }
}
