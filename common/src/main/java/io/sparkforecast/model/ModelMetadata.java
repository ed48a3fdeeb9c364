package io.sparkforecast.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.data.SampleEncoder;
import io.sparkforecast.data.SeriesColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * model.json: everything needed to use and audit a model version besides its weights.
 *
 * @param modelZipSha256   checksum of model.zip, verified on every load
 * @param inputFingerprint identifies the series files the training samples came from
 * @param summary          the layer table as train prints it (see ModelSummary)
 * @param layers           per layer: name, type, output shape, parameters
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
        List<ModelSummary.LayerRow> layers,
        Shape shape,
        String inputPath,
        String inputFingerprint,
        List<Scaler> scalers,
        Training training,
        JsonNode config) {

    public static final int FORMAT_VERSION = 1;

    /**
     * The inputs and window shape the network was trained on.
     *
     * @param inputs        inputs per time step: the value, calendar features, extra columns
     * @param calendar      calendar feature codes, in input order
     * @param extraColumns  the series table's extra feature columns, in input order
     * @param classes       0 for a forecasting model, else the classes it classifies into
     * @param labelIndex    classification: the window position of the label, null = the value after it
     * @param scaling       the value's scaling (a ValueScaling code); null = minmax
     * @param windowAs      how the network takes the window (a {@link WindowLayout} code); null
     *                      in model.json from before it was recorded = time_steps
     * @param stateHistory  a stateful network's most history steps walked per forecast; null = not stateful
     * @param baseline      the naive forecast the network corrects (a NaiveForecast code); null = none
     * @param season        the baseline's season length; null in model.json from before it was recorded
     */
    public record Shape(int lookback, int horizon, int differenceLag, int inputs, String frequency,
                        double trainShare, double validationShare, List<String> calendar,
                        List<String> extraColumns, int classes, Integer labelIndex, String scaling,
                        String windowAs, Integer stateHistory, String baseline, Integer season) {

        public WindowLayout windowLayout() {
            return WindowLayout.of(windowAs);
        }

        /** Scaler feature names: "value", then the extra columns. */
        public List<String> scaledFeatures() {
            List<String> names = new ArrayList<>(List.of(SeriesColumns.VALUE));
            names.addAll(extraColumns);
            return names;
        }
    }

    /** One series' scaler for one feature, fitted on its train part. */
    public record Scaler(String seriesId, String feature, double min, double max) {
    }

    /** Loss (mean squared error on scaled values) after one epoch; validationLoss null without validation data. */
    public record EpochLoss(int epoch, double trainLoss, Double validationLoss, double seconds,
                            double samplesPerSecond) {
    }

    /**
     * @param epochs            epochs configured; lossHistory has one entry per epoch run
     * @param bestEpoch         the published epoch: the best on validation with early stopping, else
     *                          the last; 0 = the untrained network (a residual network's baseline)
     * @param resumedFromEpoch  the checkpoint epoch the final run continued from, 0 if none
     */
    public record Training(int epochs, long trainSamples, long validationSamples, double seconds, int bestEpoch,
                           int resumedFromEpoch, List<EpochLoss> lossHistory) {
    }

    public SampleEncoder encoder() {
        return new SampleEncoder(shape.lookback(), shape.horizon(), shape.differenceLag(),
                shape.calendar().stream().map(CalendarFeature::of).toList(), shape.extraColumns().size(),
                Frequency.parse(shape.frequency()), shape.classes(), shape.labelIndex())
                .withScaling(ValueScaling.of(shape.scaling())).withLayout(shape.windowLayout())
                .withStateHistory(shape.stateHistory() == null ? 0 : shape.stateHistory())
                .withBaseline(shape.baseline() == null ? null : NaiveForecast.of(shape.baseline()),
                        shape.season() == null ? 1 : shape.season());
    }

    public ModelMetadata withPublication(String version, String sha256) {
        return new ModelMetadata(formatVersion, modelName, version, createdAt, codeVersion, sha256, parameters,
                summary, layers, shape, inputPath, inputFingerprint, scalers, training, config);
    }
}
