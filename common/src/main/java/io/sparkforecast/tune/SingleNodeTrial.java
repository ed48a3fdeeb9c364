package io.sparkforecast.tune;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import io.sparkforecast.storage.HadoopConfiguration;
import io.sparkforecast.train.DistributedTrainer;
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
 * minibatches: each epoch fits every train batch in the order train uses with one worker
 * (shuffled by seed + epoch, and re-cut into full batches across files as a dl4j-spark worker
 * streams them), then scores train and validation as train does.
 *
 * @param network the network configuration as JSON (the form DL4J round-trips)
 */
public record SingleNodeTrial(int trial, String network, int epochs, long seed, int batchSize, List<String> trainPaths,
                              List<String> validationPaths, long trainSamples) implements Serializable {

    public TrialOutcome run(HadoopConfiguration conf) {
        long started = System.nanoTime();
        try {
            Map<String, DataSet> train = load(trainPaths, conf);
            Map<String, DataSet> validation = load(validationPaths, conf);
            MultiLayerNetwork model = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(network));
            model.init();
            List<EpochLoss> history = new ArrayList<>();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long epochStart = System.nanoTime();
                model = asAveragingRoundStarts(model);
                List<String> order = new ArrayList<>(trainPaths);
                Collections.shuffle(order, new Random(seed + epoch));
                for (DataSet batch : asWorkerBatches(order, train)) {
                    model.fit(batch);
                }
                double fitSeconds = (System.nanoTime() - epochStart) / 1e9;
                double trainLoss = meanLoss(model, train);
                Double validationLoss = validation.isEmpty() ? null : meanLoss(model, validation);
                if (!Double.isFinite(trainLoss)) {
                    throw new IllegalStateException("train loss is " + trainLoss + " after epoch " + epoch
                            + " (diverged)");
                }
                history.add(new EpochLoss(epoch, trainLoss, validationLoss, (System.nanoTime() - epochStart) / 1e9,
                        trainSamples / fitSeconds));
            }
            return TrialOutcome.of(trial, TrialOutcome.PARALLEL, history, (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            return TrialOutcome.failed(trial, TrialOutcome.PARALLEL, (System.nanoTime() - started) / 1e9, e);
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

    /** The batches in order, re-cut to batchSize examples each (the last may be smaller). */
    private List<DataSet> asWorkerBatches(List<String> order, Map<String, DataSet> batches) {
        List<DataSet> out = new ArrayList<>();
        List<DataSet> pending = new ArrayList<>(batchSize);
        for (String path : order) {
            for (DataSet example : batches.get(path).asList()) {
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

    private static Map<String, DataSet> load(List<String> paths, HadoopConfiguration conf) throws IOException {
        Map<String, DataSet> batches = new LinkedHashMap<>();
        for (String path : paths) {
            batches.put(path, DistributedTrainer.load(path, conf));
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
