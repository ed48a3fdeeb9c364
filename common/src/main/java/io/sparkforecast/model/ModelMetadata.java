package io.sparkforecast.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SampleShape;
import io.sparkforecast.features.ValueTransform;
import java.util.List;

/**
 * model.json: everything needed to use and audit a model version besides its weights.
 *
 * @param config the resolved job configuration that trained the model
 */
public record ModelMetadata(int formatVersion, Identity identity, Network network, Shape shape, TrainedOn trainedOn,
                            Training training, JsonNode config) {

    /** 2: grouped into identity, network, shape (samples, transform, split) and trained_on; 1 is upgraded on read. */
    public static final int FORMAT_VERSION = 2;

    /**
     * @param modelVersion   null until published
     * @param modelZipSha256 checksum of model.zip, verified on every load; null until published
     */
    public record Identity(String modelName, String modelVersion, String createdAt, String codeVersion,
                           String modelZipSha256) {
    }

    /**
     * @param summary the layer table as train prints it (see ModelSummary)
     * @param layers  per layer: name, type, output shape, parameters
     */
    public record Network(long parameters, String summary, List<ModelSummary.LayerRow> layers) {
    }

    /**
     * The inputs and window shape the network was trained on.
     *
     * @param split        the time split of each series the samples were cut with
     * @param windowAs     how the network takes the window
     * @param stateHistory a stateful network's most history steps walked per forecast; null = not stateful
     */
    public record Shape(SampleShape samples, ValueTransform transform, SplitSpec split, WindowLayout windowAs,
                        Integer stateHistory) {
    }

    /**
     * @param inputFingerprint identifies the series files the training samples came from
     * @param scalers          per series and feature, fitted on its train part
     */
    public record TrainedOn(String inputPath, String inputFingerprint, List<Scaler> scalers) {
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
     * @param members           an ensemble's networks (network.ensemble), each trained on its own;
     *                          lossHistory, bestEpoch and resumedFromEpoch are the first member's.
     *                          Null in versions published before ensembles
     */
    public record Training(int epochs, long trainSamples, long validationSamples, double seconds, int bestEpoch,
                           int resumedFromEpoch, List<EpochLoss> lossHistory, List<Member> members) {

        /** The losses of the published epoch; null for the untrained network or an empty history. */
        public EpochLoss published() {
            return lossHistory.stream().filter(loss -> loss.epoch() == bestEpoch).findFirst().orElse(null);
        }
    }

    /**
     * One network of an ensemble.
     *
     * @param bestEpoch      its published epoch (0 = untrained: it adds the baseline)
     * @param validationLoss that epoch's validation loss; null without validation data
     * @param epochsRun      epochs it trained before early stopping or the last
     */
    public record Member(long seed, int bestEpoch, Double validationLoss, int epochsRun, double seconds) {
    }

    public String modelName() {
        return identity.modelName();
    }

    public String modelVersion() {
        return identity.modelVersion();
    }

    public List<Scaler> scalers() {
        return trainedOn.scalers();
    }

    public SampleEncoder encoder() {
        return shape.samples().encoder(shape.transform()).withLayout(shape.windowAs())
                .withStateHistory(shape.stateHistory() == null ? 0 : shape.stateHistory());
    }

    public ModelMetadata withPublication(String version, String sha256) {
        return new ModelMetadata(formatVersion, new Identity(identity.modelName(), version, identity.createdAt(),
                identity.codeVersion(), sha256), network, shape, trainedOn, training, config);
    }
}
