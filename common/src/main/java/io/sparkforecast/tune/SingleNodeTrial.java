package io.sparkforecast.tune;

import org.apache.spark.util.SerializableConfiguration;
import io.sparkforecast.train.EpochLoop;
import io.sparkforecast.train.MinibatchFile;
import io.sparkforecast.train.SingleWorkerFitter;
import io.sparkforecast.train.TrainingState;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One trial trained single-node inside a Spark task, on its own in-memory copy of the exported
 * minibatches, through train's {@link EpochLoop} (the same losses, best epoch and early stopping)
 * and {@link SingleWorkerFitter} (the epochs as train fits them with one worker). A trial whose
 * train loss is not finite has diverged and fails.
 *
 * @param network the network configuration as JSON (the form DL4J round-trips)
 */
public record SingleNodeTrial(int trial, String network, int epochs, int patience, long seed, int batchSize,
                              List<String> trainPaths, List<String> validationPaths, long trainSamples)
        implements Serializable {

    public TrialOutcome run(SerializableConfiguration conf) {
        long started = System.nanoTime();
        try {
            Map<String, DataSet> batches = new HashMap<>();
            for (String path : trainPaths) {
                batches.put(path, MinibatchFile.read(path, conf));
            }
            for (String path : validationPaths) {
                batches.put(path, MinibatchFile.read(path, conf));
            }
            MultiLayerConfiguration configuration = MultiLayerConfiguration.fromJson(network);
            MultiLayerNetwork model = new MultiLayerNetwork(configuration);
            model.init();
            EpochLoop.Fitter fitter = new FailsWhenDiverged(new SingleWorkerFitter(model, trainPaths, validationPaths,
                    batches::get, seed, batchSize, configuration.getBackpropType() != BackpropType.TruncatedBPTT,
                    SingleWorkerFitter.BatchProgress.NONE));
            EpochLoop.Result result = new EpochLoop(epochs, patience).run(fitter, trainSamples,
                    !validationPaths.isEmpty(), new TrainingState("trial-" + trial, 0, List.of(), 0, null, 0), null,
                    new EpochLoop.Listener() { });
            return TrialOutcome.of(trial, TrialOutcome.PARALLEL, result.state().lossHistory(), result.publishedEpoch(),
                    result.publishedValidationLoss(), (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            return TrialOutcome.failed(trial, TrialOutcome.PARALLEL, (System.nanoTime() - started) / 1e9, e);
        }
    }

    private record FailsWhenDiverged(EpochLoop.Fitter fitter) implements EpochLoop.Fitter {
        @Override
        public void fitEpoch(int epoch) {
            fitter.fitEpoch(epoch);
        }

        @Override
        public double trainLoss() {
            double loss = fitter.trainLoss();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("train loss is " + loss + " (diverged)");
            }
            return loss;
        }

        @Override
        public Double validationLoss() {
            return fitter.validationLoss();
        }

        @Override
        public MultiLayerNetwork network() {
            return fitter.network();
        }
    }
}
