package io.sparkforecast.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Epochs of one worker fitted in this JVM, as dl4j-spark's parameter averaging fits them with a
 * single worker, without its Spark jobs: each epoch takes the train batches in the order train
 * uses (shuffled by seed + epoch), chunk by chunk as train's fitPaths calls take them. Each chunk
 * is an averaging round, so the network restarts as a worker does (the current parameters and
 * updater state, with the configuration's iteration count, which Adam's bias correction sees),
 * and the files are re-cut into full batches as a worker streams them.
 * The train loss is taken from the fit itself, as train's workers report it.
 * <p>Why: a single worker has nothing to average with, and each fitPaths round costs Spark jobs,
 * a model broadcast and a rebuild; on small data sets those are most of an epoch.
 */
public final class SingleWorkerFitter implements EpochLoop.Fitter {
    private final MultiLayerConfiguration configuration;
    private final List<String> trainPaths;
    private final List<String> validationPaths;
    private final Function<String, DataSet> batches;
    private final long seed;
    private final int batchSize;
    private final boolean fitLossIsWindowLoss;
    private final BatchProgress progress;
    private MultiLayerNetwork model;
    private double fitLossSum;
    private long fitWindows;

    /** Told after each minibatch fitted, to report progress within long epochs. */
    public interface BatchProgress {
        BatchProgress NONE = (epoch, done, total, loss, seconds) -> { };

        /** @param done files of the epoch fitted so far, of {@code total}; loss: the last minibatch's */
        void fitted(int epoch, int done, int total, double loss, double seconds);
    }

    /**
     * @param network             the network to continue from (fresh or a checkpoint's)
     * @param batches             reads a minibatch file
     * @param fitLossIsWindowLoss false for a stateful network: its fit scores are sequence
     *                            losses, so its train loss is scored after the epoch
     */
    public SingleWorkerFitter(MultiLayerNetwork network, List<String> trainPaths, List<String> validationPaths,
                              Function<String, DataSet> batches, long seed, int batchSize,
                              boolean fitLossIsWindowLoss, BatchProgress progress) {
        this.configuration = network.getLayerWiseConfigurations();
        this.model = network;
        this.trainPaths = List.copyOf(trainPaths);
        this.validationPaths = List.copyOf(validationPaths);
        this.batches = batches;
        this.seed = seed;
        this.batchSize = batchSize;
        this.fitLossIsWindowLoss = fitLossIsWindowLoss;
        this.progress = progress;
    }

    @Override
    public void fitEpoch(int epoch) {
        fitLossSum = 0;
        fitWindows = 0;
        long started = System.nanoTime();
        List<String> order = new ArrayList<>(trainPaths);
        Collections.shuffle(order, new Random(seed + epoch));
        int chunk = DistributedTrainer.roundBatches(order.size(), 1, 1);
        for (int from = 0; from < order.size(); from += chunk) {
            model = asAveragingRoundStarts(model);
            FullBatches round = new FullBatches(batchSize);
            int to = Math.min(order.size(), from + chunk);
            for (int file = from; file < to; file++) {
                round.add(batches.apply(order.get(file)), this::fit);
                progress.fitted(epoch, file + 1, order.size(), model.score(), (System.nanoTime() - started) / 1e9);
            }
            round.finish(this::fit);
        }
    }

    private void fit(DataSet batch) {
        model.fit(batch);
        fitLossSum += model.score() * batch.numExamples();
        fitWindows += batch.numExamples();
    }

    @Override
    public double trainLoss() {
        if (!fitLossIsWindowLoss) {
            return meanLoss(trainPaths);
        }
        return fitWindows == 0 ? Double.NaN : fitLossSum / fitWindows;
    }

    @Override
    public Double validationLoss() {
        return validationPaths.isEmpty() ? null : meanLoss(validationPaths);
    }

    @Override
    public MultiLayerNetwork network() {
        return model;
    }

    /**
     * The network as a dl4j-spark worker starts a round: its configuration, parameters and updater
     * state. The first round copies the given network; later ones continue this fitter's copy with
     * its iteration and epoch counts set back, which is all a rebuild would change, and its layers
     * keep their buffers: rebuilt every round, the LSTM layers' buffers were allocated afresh each
     * time (page faults included), 7% of the fitting (profile of bench-train's single worker).
     */
    private MultiLayerNetwork asAveragingRoundStarts(MultiLayerNetwork trained) {
        if (trained.getLayerWiseConfigurations() != configuration) {
            trained.getLayerWiseConfigurations().setIterationCount(configuration.getIterationCount());
            trained.getLayerWiseConfigurations().setEpochCount(configuration.getEpochCount());
            return trained;
        }
        MultiLayerNetwork fresh = new MultiLayerNetwork(configuration.clone());
        fresh.init(trained.params().dup(), false);
        fresh.getUpdater().getStateViewArray().assign(trained.getUpdater().getStateViewArray());
        return fresh;
    }

    /** Mean loss per sample (window; a sequence holds one per unmasked target step), as train reports it. */
    private double meanLoss(List<String> paths) {
        double sum = 0;
        double samples = 0;
        for (String path : paths) {
            DataSet batch = batches.apply(path);
            sum += model.score(batch) * batch.numExamples();
            samples += batch.getLabelsMaskArray() == null ? batch.numExamples()
                    : batch.getLabelsMaskArray().sumNumber().doubleValue();
        }
        return sum / samples;
    }
}
