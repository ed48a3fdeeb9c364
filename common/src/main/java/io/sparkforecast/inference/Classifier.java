package io.sparkforecast.inference;

import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.model.NetworkInputs;
import io.sparkforecast.model.NetworkOutputs;
import io.sparkforecast.series.SlidingWindows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The most probable class of each window, from a classification network's softmax output. */
public final class Classifier {
    private final MultiLayerNetwork network;
    private final SampleEncoder encoder;

    public Classifier(MultiLayerNetwork network, SampleEncoder encoder) {
        if (!encoder.classifies()) {
            throw new IllegalArgumentException("the model is not a classifier");
        }
        this.network = network;
        this.encoder = encoder;
    }

    /** A window's predicted class and the network's probability for it. */
    public record Prediction(int label, double probability) {
    }

    /** A window row of the series table (scalers joined), as a window, with its prediction. */
    public record Classified(Row row, SeriesWindow window, Prediction prediction) {
    }

    /** Classifies window rows (see SlidingWindows; a classifier has no extra columns). */
    public List<Classified> classifyRows(List<Row> rows) {
        List<SeriesWindow> windows = new ArrayList<>(rows.size());
        for (Row row : rows) {
            windows.add(SlidingWindows.toWindow(row, 0));
        }
        List<Prediction> predictions = classify(windows);
        List<Classified> classified = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            classified.add(new Classified(rows.get(i), windows.get(i), predictions.get(i)));
        }
        return classified;
    }

    public List<Prediction> classify(List<SeriesWindow> windows) {
        List<float[]> inputs = new ArrayList<>(windows.size());
        for (SeriesWindow window : windows) {
            inputs.add(encoder.features(window));
        }
        float[][] probabilities = NetworkOutputs.rows(network.output(NetworkInputs.features(inputs,
                encoder.lookback(), encoder.inputs(), encoder.layout())));
        List<Prediction> predictions = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            float[] row = probabilities[i];
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            predictions.add(new Prediction(best, row[best]));
        }
        return predictions;
    }
}
