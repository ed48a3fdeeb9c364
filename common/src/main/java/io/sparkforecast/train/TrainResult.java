package io.sparkforecast.train;

import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.ops.JobResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The published model version and where it is. */
public record TrainResult(ModelMetadata model, String path) implements JobResult {
    @Override
    public String console() {
        return model.network().summary();
    }

    @Override
    public Map<String, Object> counts() {
        return Map.of("train_samples", model.training().trainSamples(), "validation_samples",
                model.training().validationSamples(), "epochs", model.training().lossHistory().size(),
                "parameters", model.network().parameters());
    }

    @Override
    public Map<String, Object> metrics() {
        List<ModelMetadata.EpochLoss> history = model.training().lossHistory();
        ModelMetadata.EpochLoss last = history.get(history.size() - 1);
        Map<String, Object> metrics = new LinkedHashMap<>();
        // The published network is the best validation epoch's (0: the untrained one), not always the last.
        ModelMetadata.EpochLoss published = model.training().published();
        metrics.put("published_epoch", model.training().bestEpoch());
        metrics.put("published_train_loss", published == null ? null : published.trainLoss());
        metrics.put("published_validation_loss", published == null ? null : published.validationLoss());
        metrics.put("final_train_loss", last.trainLoss());
        metrics.put("final_validation_loss", last.validationLoss());
        metrics.put("train_seconds", model.training().seconds());
        metrics.put("samples_per_second", last.samplesPerSecond());
        List<ModelMetadata.Member> members = model.training().members();
        metrics.put("ensemble_members", members == null ? 1 : members.size());
        metrics.put("members_at_baseline", members == null ? null
                : members.stream().filter(member -> member.bestEpoch() == 0).count());
        return metrics;
    }

    @Override
    public Map<String, String> paths() {
        return Map.of("model", path);
    }

    @Override
    public String modelVersion() {
        return model.modelVersion();
    }
}
