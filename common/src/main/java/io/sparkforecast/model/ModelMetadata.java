package io.sparkforecast.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkforecast.data.MinMaxScaler;
import io.sparkforecast.data.SampleEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * model.json: everything needed to use and audit a model version besides its weights.
 *
 * @param modelZipSha256   checksum of model.zip, verified on every load
 * @param inputFingerprint identifies the series files the training samples came from
 * @param config           the resolved job configuration that trained the model
 */
public record ModelMetadata(
        int formatVersion,
        String modelName,
        String modelVersion,
        String createdAt,
        String codeVersion,
        String modelZipSha256,
        long parameters,
        String summary,
        Shape shape,
        String inputPath,
        String inputFingerprint,
        List<Scaler> scalers,
        Training training,
        JsonNode config) {

    public static final int FORMAT_VERSION = 1;

    /** The window shape and transform the network was trained on. */
    public record Shape(int lookback, int horizon, int differenceLag, int features, String frequency,
                        double trainShare, double validationShare) {
    }

    /** One series' scaler, fitted on its train part. */
    public record Scaler(String seriesId, double min, double max) {
    }

    /** Loss (mean squared error on scaled values) after one epoch; validationLoss null without validation data. */
    public record EpochLoss(int epoch, double trainLoss, Double validationLoss, double seconds,
                            double samplesPerSecond) {
    }

    public record Training(int epochs, long trainSamples, long validationSamples, double seconds,
                           List<EpochLoss> lossHistory) {
    }

    public SampleEncoder encoder() {
        return new SampleEncoder(shape.lookback(), shape.horizon(), shape.differenceLag());
    }

    public Map<String, MinMaxScaler> scalerMap() {
        Map<String, MinMaxScaler> map = new LinkedHashMap<>();
        for (Scaler s : scalers) {
            map.put(s.seriesId(), new MinMaxScaler(s.min(), s.max()));
        }
        return map;
    }

    public ModelMetadata withPublication(String version, String sha256) {
        return new ModelMetadata(formatVersion, modelName, version, createdAt, codeVersion, sha256, parameters,
                summary, shape, inputPath, inputFingerprint, scalers, training, config);
    }
}
