package io.sparkforecast.tune;

import io.sparkforecast.ops.JobResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ranked trials of a tuning run and where they were written. */
public record TuneResult(TuningResults results, String path) implements JobResult {
    @Override
    public String console() {
        return results.summary();
    }

    @Override
    public Map<String, Object> counts() {
        long trials = results.ranked().size();
        return Map.of("trials", trials, "succeeded", results.succeeded(), "failed", trials - results.succeeded());
    }

    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        results.bestOutcome().ifPresent(best -> {
            metrics.put("best_trial", best.trial());
            metrics.put("best_validation_loss", best.validationLoss());
            metrics.put("best_train_loss", best.trainLoss());
        });
        results.best().ifPresent(best -> metrics.put("best_settings", best.settings()));
        return metrics;
    }

    @Override
    public Map<String, String> paths() {
        return Map.of("tuning", path, "best_conf", path + "/" + TuningResults.BEST_CONF);
    }
}
