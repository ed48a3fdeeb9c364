package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.config.JobFailure;
import io.sparkforecast.model.ModelMetadata.EpochLoss;
import io.sparkforecast.storage.HadoopConfiguration;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network with dl4j-spark parameter averaging over exported minibatch files. Each
 * epoch fits every train batch once (in a seeded random order, in chunks so progress can be
 * reported), scores the train and validation batches, and checkpoints. A run can resume from
 * the last complete checkpoint, and can stop early when the validation loss stops improving.
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);
    /** Chunks per epoch, at most: each chunk is one fitPaths call, then a progress check. */
    private static final int CHUNKS_PER_EPOCH = 10;

    private final JavaSparkContext sc;
    private final TrainingSpec spec;
    private final HadoopConfiguration hadoopConf;

    public DistributedTrainer(JavaSparkContext sc, TrainingSpec spec) {
        this.sc = sc;
        this.spec = spec;
        this.hadoopConf = new HadoopConfiguration(sc.hadoopConfiguration());
    }

    /**
     * The network to publish and how training went.
     *
     * @param bestEpoch         the epoch whose network is published when stopping early, else 0
     * @param resumedFromEpoch  the checkpointed epoch this run continued from, 0 for a fresh start
     */
    public record Outcome(MultiLayerNetwork network, List<EpochLoss> lossHistory, double seconds, int bestEpoch,
                          int resumedFromEpoch) {
    }

    public int workers() {
        return spec.workers() > 0 ? spec.workers() : sc.defaultParallelism();
    }

    /**
     * @param fingerprint identifies the data and settings; a checkpoint made with another one is not resumed
     */
    public Outcome train(MultiLayerConfiguration configuration, ExportedBatches train, ExportedBatches validation,
                         CheckpointStore checkpoints, String fingerprint) {
        Optional<CheckpointStore.Checkpoint> checkpoint = start(checkpoints, fingerprint);
        MultiLayerNetwork network = checkpoint.map(CheckpointStore.Checkpoint::network).orElseGet(() -> {
            MultiLayerNetwork fresh = new MultiLayerNetwork(configuration);
            fresh.init();
            return fresh;
        });
        TrainingState state = checkpoint.map(CheckpointStore.Checkpoint::state)
                .orElse(new TrainingState(fingerprint, 0, List.of(), 0, null, 0));
        MultiLayerNetwork best = checkpoint.map(CheckpointStore.Checkpoint::best).orElse(null);
        int resumedFrom = state.epoch();

        int workers = workers();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers, spec.batchSize())
                .batchSizePerWorker(spec.batchSize())
                .averagingFrequency(spec.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rngSeed(spec.seed() + resumedFrom)
                .build();
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, network, master);
        LOG.info("training on {} workers: {} train samples in {} batches of {}, {} validation samples, epochs {}..{}",
                workers, train.samples(), train.paths().size(), spec.batchSize(), validation.samples(),
                resumedFrom + 1, spec.epochs());

        List<EpochLoss> history = new ArrayList<>(state.lossHistory());
        long runStarted = System.nanoTime();
        for (int epoch = resumedFrom + 1; epoch <= spec.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            fitEpoch(sparkNetwork, train, epoch, workers);
            double fitSeconds = (System.nanoTime() - epochStart) / 1e9;
            double trainLoss = meanLoss(sparkNetwork, train);
            Double validationLoss = validation.isEmpty() ? null : meanLoss(sparkNetwork, validation);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            history.add(new EpochLoss(epoch, trainLoss, validationLoss, seconds, train.samples() / fitSeconds));

            int bestEpoch = state.bestEpoch();
            Double bestLoss = state.bestValidationLoss();
            if (validationLoss != null && (bestLoss == null || validationLoss < bestLoss)) {
                bestEpoch = epoch;
                bestLoss = validationLoss;
                best = spec.earlyStoppingPatience() > 0 ? sparkNetwork.getNetwork().clone() : null;
            }
            double total = state.seconds() + seconds;
            state = new TrainingState(fingerprint, epoch, history, bestEpoch, bestLoss, total);
            checkpoints.save(sparkNetwork.getNetwork(), best, state);

            double elapsed = (System.nanoTime() - runStarted) / 1e9;
            LOG.info(String.format("epoch %d/%d train_loss=%.6f validation_loss=%s samples/s=%.0f epoch_s=%.1f "
                            + "eta_s=%.0f", epoch, spec.epochs(), trainLoss,
                    validationLoss == null ? "-" : String.format("%.6f", validationLoss), train.samples() / fitSeconds,
                    seconds, elapsed / (epoch - resumedFrom) * (spec.epochs() - epoch)));
            if (spec.earlyStoppingPatience() > 0 && state.epochsWithoutImprovement() >= spec.earlyStoppingPatience()) {
                LOG.info("early stopping after epoch {}: no lower validation loss since epoch {} ({}); publishing "
                        + "that epoch's network", epoch, bestEpoch, bestLoss);
                break;
            }
        }
        boolean useBest = spec.earlyStoppingPatience() > 0 && best != null;
        return new Outcome(useBest ? best : sparkNetwork.getNetwork(), history, state.seconds(),
                useBest ? state.bestEpoch() : 0, resumedFrom);
    }

    /** The checkpoint to continue from when resuming; otherwise clears old checkpoints. */
    private Optional<CheckpointStore.Checkpoint> start(CheckpointStore checkpoints, String fingerprint) {
        if (!spec.resume()) {
            checkpoints.clear();
            return Optional.empty();
        }
        Optional<CheckpointStore.Checkpoint> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            LOG.info("resume: no checkpoint under {}; starting from epoch 1", checkpoints.root());
            return latest;
        }
        TrainingState state = latest.get().state();
        if (!state.fingerprint().equals(fingerprint)) {
            throw JobFailure.usage("cannot resume from %s: it was made with other prepared data or training "
                    + "settings; run train without --resume to start over", latest.get().location());
        }
        LOG.info("resume: continuing from the checkpoint of epoch {} of {} ({})", state.epoch(), spec.epochs(),
                latest.get().location());
        return latest;
    }

    /** One pass over the train batches, in chunks, with a progress line at most every progress_seconds. */
    private void fitEpoch(SparkDl4jMultiLayer sparkNetwork, ExportedBatches train, int epoch, int workers) {
        List<String> order = new ArrayList<>(train.paths());
        Collections.shuffle(order, new Random(spec.seed() + epoch));
        int unit = workers * spec.averagingFrequency();
        int chunk = Math.max(unit, (order.size() / CHUNKS_PER_EPOCH + unit - 1) / unit * unit);
        long started = System.nanoTime();
        long lastReport = started;
        for (int from = 0; from < order.size(); from += chunk) {
            List<String> paths = order.subList(from, Math.min(order.size(), from + chunk));
            sparkNetwork.fitPaths(sc.parallelize(paths, Math.min(workers, paths.size())));
            long now = System.nanoTime();
            int done = from + paths.size();
            if ((now - lastReport) / 1e9 >= spec.progressSeconds() && done < order.size()) {
                double seconds = (now - started) / 1e9;
                LOG.info(String.format("epoch %d/%d batches %d/%d loss=%.6f samples/s=%.0f epoch_eta_s=%.0f", epoch,
                        spec.epochs(), done, order.size(), sparkNetwork.getScore(),
                        done * (double) train.samples() / order.size() / seconds,
                        seconds / done * (order.size() - done)));
                lastReport = now;
            }
        }
    }

    private double meanLoss(SparkDl4jMultiLayer sparkNetwork, ExportedBatches batches) {
        HadoopConfiguration conf = hadoopConf;
        JavaRDD<DataSet> data = sc.parallelize(batches.paths(), Math.min(workers(), batches.paths().size()))
                .map(path -> load(path, conf));
        return sparkNetwork.calculateScore(data, true, spec.batchSize());
    }

    static DataSet load(String file, HadoopConfiguration conf) throws java.io.IOException {
        Path path = new Path(file);
        DataSet dataSet = new DataSet();
        try (InputStream in = path.getFileSystem(conf.get()).open(path)) {
            dataSet.load(in);
        }
        return dataSet;
    }
}
