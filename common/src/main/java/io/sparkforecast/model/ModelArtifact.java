package io.sparkforecast.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A loaded model version: its metadata and the verified bytes of model.zip. The bytes are
 * what executors receive (broadcast); each restores its own network from them.
 */
public record ModelArtifact(String location, ModelMetadata metadata, byte[] modelZip) {

    public MultiLayerNetwork restoreNetwork() {
        return restore(modelZip);
    }

    public static MultiLayerNetwork restore(byte[] modelZip) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(modelZip), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
