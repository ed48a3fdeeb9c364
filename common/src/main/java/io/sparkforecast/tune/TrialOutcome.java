package io.sparkforecast.tune;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.io.Serializable;
import java.util.List;

/**
 * How one trial went: the losses of the network it would publish, or the error that stopped it.
 *
 * @param mode parallel (single-node in a Spark task) or distributed (parameter averaging)
 */
public record TrialOutcome(int trial, boolean succeeded, String mode, Double trainLoss, Double validationLoss,
                           int epochs, double seconds, String error) implements Serializable {
    public static final String PARALLEL = "parallel";
    public static final String DISTRIBUTED = "distributed";

    /**
     * A trained trial, described by the network train would publish: the best validation epoch's
     * with early stopping (epoch 0, the untrained network, has no train loss), else the last.
     */
    static TrialOutcome of(int trial, String mode, List<EpochLoss> history, int publishedEpoch,
                           Double publishedValidationLoss, double seconds) {
        Double trainLoss = history.stream().filter(loss -> loss.epoch() == publishedEpoch).findFirst()
                .map(EpochLoss::trainLoss).orElse(null);
        return new TrialOutcome(trial, true, mode, trainLoss, publishedValidationLoss, history.size(), seconds, null);
    }

    static TrialOutcome failed(int trial, String mode, double seconds, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new TrialOutcome(trial, false, mode, null, null, 0, seconds, message);
    }
}
