package io.sparkforecast.train;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The epochs of one training run, the same for train (dl4j-spark parameter averaging) and tune's
 * single-node trials: fit an epoch, take the train and validation losses, keep the network of the
 * lowest validation loss (the untrained one included) and stop after {@code patience} epochs
 * without a lower one. The network published is that best one, or the last without early stopping.
 */
public final class EpochLoop {
    private final int epochs;
    private final int patience;

    /** @param patience epochs without a lower validation loss before stopping; 0 = train every epoch */
    public EpochLoop(int epochs, int patience) {
        this.epochs = epochs;
        this.patience = patience;
    }

    /** One way of training a network: an epoch of fitting, and the mean losses it now has. */
    public interface Fitter {
        void fitEpoch(int epoch);

        double trainLoss();

        /** Null without validation data. */
        Double validationLoss();

        MultiLayerNetwork network();
    }

    /** What a run does between epochs (checkpoints, progress lines); nothing by default. */
    public interface Listener {
        default void untrained(double validationLoss) {
        }

        /** @param best the best network so far (null without early stopping) */
        default void epochDone(TrainingState state, EpochLoss loss, MultiLayerNetwork best, boolean stopping) {
        }
    }

    /**
     * @param network        the network to publish
     * @param publishedEpoch its epoch: the best on validation with early stopping (0 = untrained), else the last
     */
    public record Result(MultiLayerNetwork network, TrainingState state, int publishedEpoch) {

        /** The published network's validation loss; null without validation data. */
        public Double publishedValidationLoss() {
            if (publishedEpoch == state.bestEpoch() && state.bestValidationLoss() != null) {
                return state.bestValidationLoss();
            }
            List<EpochLoss> history = state.lossHistory();
            return history.isEmpty() ? null : history.get(history.size() - 1).validationLoss();
        }
    }

    /**
     * Trains from {@code start} (a fresh state, or a resumed checkpoint's with its best network).
     *
     * @param hasValidation whether the fitter has validation data (early stopping needs it)
     */
    public Result run(Fitter fitter, long trainSamples, boolean hasValidation, TrainingState start,
                      MultiLayerNetwork startBest, Listener listener) {
        boolean earlyStopping = patience > 0 && hasValidation;
        TrainingState state = start;
        MultiLayerNetwork best = startBest;
        List<EpochLoss> history = new ArrayList<>(state.lossHistory());
        if (state.epoch() == 0 && earlyStopping) {
            // The untrained network is a candidate too: with a baseline's residuals as targets it
            // forecasts the baseline, so training can only publish something better on validation.
            double initial = fitter.validationLoss();
            state = new TrainingState(state.fingerprint(), 0, history, 0, initial, 0);
            best = fitter.network().clone();
            listener.untrained(initial);
        }
        // A resumed run that had already stopped early (an ensemble member done before a crash) fits no more.
        boolean stopped = earlyStopping && state.epoch() > 0 && state.epochsWithoutImprovement() >= patience;
        for (int epoch = state.epoch() + 1; epoch <= epochs && !stopped; epoch++) {
            long started = System.nanoTime();
            fitter.fitEpoch(epoch);
            double fitSeconds = (System.nanoTime() - started) / 1e9;
            double trainLoss = fitter.trainLoss();
            Double validationLoss = hasValidation ? fitter.validationLoss() : null;
            double seconds = (System.nanoTime() - started) / 1e9;
            EpochLoss loss = new EpochLoss(epoch, trainLoss, validationLoss, seconds, trainSamples / fitSeconds);
            history.add(loss);

            int bestEpoch = state.bestEpoch();
            Double bestLoss = state.bestValidationLoss();
            if (validationLoss != null && (bestLoss == null || validationLoss < bestLoss)) {
                bestEpoch = epoch;
                bestLoss = validationLoss;
                best = earlyStopping ? fitter.network().clone() : null;
            }
            state = new TrainingState(state.fingerprint(), epoch, history, bestEpoch, bestLoss,
                    state.seconds() + seconds);
            boolean stopping = earlyStopping && state.epochsWithoutImprovement() >= patience;
            listener.epochDone(state, loss, best, stopping);
            if (stopping) {
                break;
            }
        }
        boolean useBest = earlyStopping && best != null;
        return new Result(useBest ? best : fitter.network(), state, useBest ? state.bestEpoch() : history.size());
    }
}
