package io.sparkforecast.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A loaded model version: its metadata and the verified bytes of model.zip. The bytes are
 * what executors receive (broadcast); each restores its own network from them.
 */
public record ModelArtifact(String location, ModelMetadata metadata, byte[] modelZip) {

    public MultiLayerNetwork restoreNetwork() {
        return restore(modelZip);
    }

    public static MultiLayerNetwork restore(byte[] modelZip) {
        return NetworkBytes.restore(modelZip, false);
    }
}
