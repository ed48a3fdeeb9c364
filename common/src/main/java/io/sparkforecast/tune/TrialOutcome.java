package io.sparkforecast.tune;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.io.Serializable;
import java.util.List;

/**
 * How one trial went: its final losses, or the error that stopped it.
 *
 * @param mode parallel (single-node in a Spark task) or distributed (parameter averaging)
 */
public record TrialOutcome(int trial, boolean succeeded, String mode, Double trainLoss, Double validationLoss,
                           int epochs, double seconds, String error) implements Serializable {
    public static final String PARALLEL = "parallel";
    public static final String DISTRIBUTED = "distributed";

    static TrialOutcome of(int trial, String mode, List<EpochLoss> history, double seconds) {
        EpochLoss last = history.get(history.size() - 1);
        return new TrialOutcome(trial, true, mode, last.trainLoss(), last.validationLoss(), history.size(), seconds,
                null);
    }

    static TrialOutcome failed(int trial, String mode, double seconds, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new TrialOutcome(trial, false, mode, null, null, 0, seconds, message);
    }
}
