package io.sparkforecast.inference;

import io.sparkforecast.model.ModelArtifact;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Networks restored on executors, once per task thread and model, not once per row or task.
 * Per thread because a MultiLayerNetwork must not run two forward passes at once.
 */
public final class ExecutorModels {
    private static final int MODELS_PER_THREAD = 2;
    private static final ThreadLocal<Map<String, MultiLayerNetwork>> CACHE = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, MultiLayerNetwork> eldest) {
                    return size() > MODELS_PER_THREAD;
                }
            });

    private ExecutorModels() {
    }

    /** @param sha256 identifies the model; modelZip is read only on a cache miss */
    public static MultiLayerNetwork network(String sha256, Broadcast<byte[]> modelZip) {
        return CACHE.get().computeIfAbsent(sha256, key -> ModelArtifact.restore(modelZip.value()));
    }
}
