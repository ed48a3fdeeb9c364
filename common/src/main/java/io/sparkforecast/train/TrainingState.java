package io.sparkforecast.train;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.util.List;

/**
 * Where training stands after an epoch, as a checkpoint records it.
 *
 * @param fingerprint    identifies the prepared data and the settings that shape training;
 *                       a checkpoint is only resumed by a run with the same fingerprint
 * @param bestEpoch      epoch of the lowest validation loss so far (0 without validation)
 * @param seconds        training time so far, over all runs
 */
public record TrainingState(String fingerprint, int epoch, List<EpochLoss> lossHistory, int bestEpoch,
                            Double bestValidationLoss, double seconds) {
    public TrainingState {
        lossHistory = List.copyOf(lossHistory);
    }

    /** Epochs since the best validation loss. */
    public int epochsWithoutImprovement() {
        return bestValidationLoss == null ? 0 : epoch - bestEpoch;
    }
}
