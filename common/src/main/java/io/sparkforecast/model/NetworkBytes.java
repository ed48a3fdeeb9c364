package io.sparkforecast.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Networks to and from DL4J's ModelSerializer zip format, in memory. */
public final class NetworkBytes {
    private NetworkBytes() {
    }

    /** The zip of a network, with its updater state (to continue training from it). */
    public static byte[] of(MultiLayerNetwork network) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, out, true);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param withUpdater restore the updater state too (to continue training) */
    public static MultiLayerNetwork restore(byte[] zip, boolean withUpdater) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
