package io.sparkforecast.tune;

import io.sparkforecast.storage.HadoopConfiguration;
import io.sparkforecast.train.DistributedTrainer;
import io.sparkforecast.train.EpochLoop;
import io.sparkforecast.train.MinibatchFile;
import io.sparkforecast.train.TrainingState;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One trial trained single-node inside a Spark task, on its own in-memory copy of the exported
 * minibatches, through train's {@link EpochLoop} (the same losses, best epoch and early stopping).
 * Each epoch fits the train batches in the order train uses with one worker (shuffled by seed +
 * epoch), chunk by chunk as train's fitPaths calls take them: each chunk is a parameter-averaging
 * round, which restarts the updater's iteration count, and re-cuts its files into full batches as a
 * dl4j-spark worker streams them.
 *
 * @param network the network configuration as JSON (the form DL4J round-trips)
 */
public record SingleNodeTrial(int trial, String network, int epochs, int patience, long seed, int batchSize,
                              List<String> trainPaths, List<String> validationPaths, long trainSamples)
        implements Serializable {

    public TrialOutcome run(HadoopConfiguration conf) {
        long started = System.nanoTime();
        try {
            Fitter fitter = new Fitter(load(trainPaths, conf), load(validationPaths, conf));
            EpochLoop.Result result = new EpochLoop(epochs, patience).run(fitter, trainSamples,
                    !validationPaths.isEmpty(), new TrainingState("trial-" + trial, 0, List.of(), 0, null, 0), null,
                    new EpochLoop.Listener() { });
            return TrialOutcome.of(trial, TrialOutcome.PARALLEL, result.state().lossHistory(), result.publishedEpoch(),
                    result.publishedValidationLoss(), (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            return TrialOutcome.failed(trial, TrialOutcome.PARALLEL, (System.nanoTime() - started) / 1e9, e);
        }
    }

    private final class Fitter implements EpochLoop.Fitter {
        private final Map<String, DataSet> train;
        private final Map<String, DataSet> validation;
        private MultiLayerNetwork model;

        Fitter(Map<String, DataSet> train, Map<String, DataSet> validation) {
            this.train = train;
            this.validation = validation;
            model = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(network));
            model.init();
        }

        @Override
        public void fitEpoch(int epoch) {
            List<String> order = new ArrayList<>(trainPaths);
            Collections.shuffle(order, new Random(seed + epoch));
            int chunk = DistributedTrainer.roundBatches(order.size(), 1, 1);
            for (int from = 0; from < order.size(); from += chunk) {
                model = asAveragingRoundStarts(model);
                for (DataSet batch : asWorkerBatches(order.subList(from, Math.min(order.size(), from + chunk)))) {
                    model.fit(batch);
                }
            }
        }

        @Override
        public double trainLoss() {
            double loss = meanLoss(model, train);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("train loss is " + loss + " (diverged)");
            }
            return loss;
        }

        @Override
        public Double validationLoss() {
            return validation.isEmpty() ? null : meanLoss(model, validation);
        }

        @Override
        public MultiLayerNetwork network() {
            return model;
        }

        /** The batches in order, re-cut to batchSize examples each (the last may be smaller). */
        private List<DataSet> asWorkerBatches(List<String> order) {
            List<DataSet> out = new ArrayList<>();
            List<DataSet> pending = new ArrayList<>(batchSize);
            for (String path : order) {
                for (DataSet example : train.get(path).asList()) {
                    pending.add(example);
                    if (pending.size() == batchSize) {
                        out.add(DataSet.merge(pending));
                        pending.clear();
                    }
                }
            }
            if (!pending.isEmpty()) {
                out.add(DataSet.merge(pending));
            }
            return out;
        }
    }

    /**
     * The network as a dl4j-spark worker starts a round: rebuilt from the configuration with the
     * current parameters and updater state (its iteration count starts over, which Adam's bias
     * correction sees), so a trial trains as train does with one worker.
     */
    private MultiLayerNetwork asAveragingRoundStarts(MultiLayerNetwork trained) {
        MultiLayerNetwork fresh = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(network));
        fresh.init(trained.params().dup(), false);
        fresh.getUpdater().getStateViewArray().assign(trained.getUpdater().getStateViewArray());
        return fresh;
    }

    private static Map<String, DataSet> load(List<String> paths, HadoopConfiguration conf) throws IOException {
        Map<String, DataSet> batches = new LinkedHashMap<>();
        for (String path : paths) {
            batches.put(path, MinibatchFile.read(path, conf));
        }
        return batches;
    }

    /** Mean loss per sample (window; a sequence holds one per unmasked target step), as train reports it. */
    private static double meanLoss(MultiLayerNetwork model, Map<String, DataSet> batches) {
        double sum = 0;
        double samples = 0;
        for (DataSet batch : batches.values()) {
            sum += model.score(batch) * batch.numExamples();
            samples += batch.getLabelsMaskArray() == null ? batch.numExamples()
                    : batch.getLabelsMaskArray().sumNumber().doubleValue();
        }
        return sum / samples;
    }
}
