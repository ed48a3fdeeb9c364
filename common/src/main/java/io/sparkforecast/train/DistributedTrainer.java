package io.sparkforecast.train;

import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.model.ModelMetadata.EpochLoss;
import org.apache.spark.util.SerializableConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network with dl4j-spark parameter averaging over exported minibatch files (one worker
 * on embedded Spark fits in this JVM instead, the same way: {@link SingleWorkerFitter}). Each
 * epoch fits every train batch once (in a seeded random order, in chunks so progress can be
 * reported), takes the train loss from that fit (FitLoss), scores the validation batches, and
 * checkpoints. A run can resume from
 * the last complete checkpoint, and can stop early when the validation loss stops improving.
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);
    /** A single worker's rounds per epoch, at most: each is one fitPaths call, then a progress check. */
    private static final int CHUNKS_PER_EPOCH = 10;
    /** Fewest batches in a single worker's round: each fitPaths call costs ~0.1 s of Spark jobs and model set-up. */
    private static final int MIN_CHUNK_BATCHES = 64;
    /** Fewest train batches per worker and epoch when the number of workers is automatic. */
    private static final int MIN_BATCHES_PER_WORKER = 64;
    /**
     * Automatic averaging: each round costs a Spark job, a model broadcast and an average (~0.1-0.2 s
     * on two cores), so rounds should be long, but small data sets need their updates averaged
     * often: about ROUNDS_PER_EPOCH rounds an epoch, at least MIN_AVERAGING_FREQUENCY batches, and
     * at most ROUND_SAMPLES samples per worker a round (measured on 495,000 windows: see
     * scripts/bench-train-scale in the README).
     */
    private static final int ROUNDS_PER_EPOCH = 20;
    private static final int MIN_AVERAGING_FREQUENCY = 5;
    private static final int ROUND_SAMPLES = 12_800;

    private final JavaSparkContext sc;
    private final TrainingSpec spec;
    private final SerializableConfiguration hadoopConf;
    private final boolean oneWorkerInThisJvm;

    public DistributedTrainer(JavaSparkContext sc, TrainingSpec spec) {
        this(sc, spec, true);
    }

    /** @param oneWorkerInThisJvm false: parameter averaging even for one worker on embedded Spark (tests compare the two) */
    DistributedTrainer(JavaSparkContext sc, TrainingSpec spec, boolean oneWorkerInThisJvm) {
        this.sc = sc;
        this.spec = spec;
        this.hadoopConf = new SerializableConfiguration(sc.hadoopConfiguration());
        this.oneWorkerInThisJvm = oneWorkerInThisJvm;
    }

    /**
     * The network to publish and how training went.
     *
     * @param bestEpoch         the epoch whose network is published (0: the untrained network)
     * @param resumedFromEpoch  the checkpointed epoch this run continued from, 0 for a fresh start
     * @param publishedValidationLoss the published network's validation loss; null without validation data
     */
    public record Outcome(MultiLayerNetwork network, List<EpochLoss> lossHistory, double seconds, int bestEpoch,
                          int resumedFromEpoch, Double publishedValidationLoss) {
    }

    /** The most workers training may use: training.workers, or Spark's default parallelism. */
    public int workers() {
        return spec.workers() > 0 ? spec.workers() : sc.defaultParallelism();
    }

    /**
     * Workers for these train batches: training.workers when set; otherwise as many as the
     * parallelism allows while each keeps MIN_BATCHES_PER_WORKER batches an epoch. Averaging
     * networks that each saw a handful of batches costs the sequential updates small data sets
     * need to learn at all, and saves no time.
     */
    int workersFor(ExportedBatches train) {
        if (spec.workers() > 0) {
            return spec.workers();
        }
        return Math.max(1, Math.min(sc.defaultParallelism(), train.paths().size() / MIN_BATCHES_PER_WORKER));
    }

    /** Whether these batches are fitted in this JVM: one worker on embedded Spark (see inThisJvm). */
    public boolean trainsInThisJvm(ExportedBatches train) {
        return workersFor(train) == 1 && sc.isLocal() && oneWorkerInThisJvm;
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

        int workers = workersFor(train);
        // A stateful network fits stretches of whole series (truncated backpropagation): its
        // minibatch scores are not window losses, so its train loss is scored after the epoch.
        boolean fitLossIsWindowLoss = configuration.getBackpropType() != BackpropType.TruncatedBPTT;
        EpochLoop.Fitter fitter = trainsInThisJvm(train)
                ? inThisJvm(network, train, validation, resumedFrom, fitLossIsWindowLoss)
                : withParameterAveraging(network, train, validation, workers, resumedFrom, fitLossIsWindowLoss);
        EpochLoop.Result result = new EpochLoop(spec.epochs(), spec.earlyStoppingPatience()).run(fitter,
                train.samples(), !validation.isEmpty(), state, best,
                new Progress(checkpoints, fitter, resumedFrom));
        if (result.network() != fitter.network()) {
            LOG.info("publishing the network of epoch {}{} (validation loss {})", result.publishedEpoch(),
                    result.publishedEpoch() == 0 ? ", untrained: the baseline" : "", result.publishedValidationLoss());
        }
        return new Outcome(result.network(), result.state().lossHistory(), result.state().seconds(),
                result.publishedEpoch(), resumedFrom, result.publishedValidationLoss());
    }

    /**
     * One worker in embedded Spark (local mode): the executor is this JVM, and one worker has
     * nothing to average with, so the epochs are fitted here as dl4j-spark would fit them,
     * without a Spark job, a model broadcast and a rebuild per round.
     */
    private EpochLoop.Fitter inThisJvm(MultiLayerNetwork network, ExportedBatches train, ExportedBatches validation,
                                       int resumedFrom, boolean fitLossIsWindowLoss) {
        LOG.info("training in this JVM (embedded Spark, one worker): {} train samples in {} batches of {}, {} "
                        + "validation samples, epochs {}..{}", train.samples(), train.paths().size(), spec.batchSize(),
                validation.samples(), resumedFrom + 1, spec.epochs());
        SerializableConfiguration conf = hadoopConf;
        return new SingleWorkerFitter(network, train.paths(), validation.paths(), path -> read(path, conf),
                spec.seed(), spec.batchSize(), fitLossIsWindowLoss, new BatchLines(train.samples()));
    }

    /** A progress line within an epoch at most every progress_seconds, as the rounds on Spark print it. */
    private final class BatchLines implements SingleWorkerFitter.BatchProgress {
        private final long samples;
        private int epoch;
        private double lastLine;

        BatchLines(long samples) {
            this.samples = samples;
        }

        @Override
        public void fitted(int epoch, int done, int total, double loss, double seconds) {
            if (epoch != this.epoch) {
                this.epoch = epoch;
                lastLine = 0;
            }
            if (seconds - lastLine >= spec.progressSeconds() && done < total) {
                logBatches(epoch, done, total, loss, samples, seconds);
                lastLine = seconds;
            }
        }
    }

    private void logBatches(int epoch, int done, int total, double loss, long samples, double seconds) {
        LOG.info(String.format("epoch %d/%d batches %d/%d loss=%.6f samples/s=%.0f epoch_eta_s=%.0f", epoch,
                spec.epochs(), done, total, loss, done * (double) samples / total / seconds,
                seconds / done * (total - done)));
    }

    private static DataSet read(String path, SerializableConfiguration conf) {
        try {
            return MinibatchFile.read(path, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the minibatch " + path, e);
        }
    }

    /** Workers on Spark executors, their parameters averaged every averagingFrequency batches. */
    private EpochLoop.Fitter withParameterAveraging(MultiLayerNetwork network, ExportedBatches train,
                                                    ExportedBatches validation, int workers, int resumedFrom,
                                                    boolean fitLossIsWindowLoss) {
        int averagingFrequency = averagingFrequency(workers, train);
        RoundTrainingMaster master = new RoundTrainingMaster(new ParameterAveragingTrainingMaster.Builder(workers,
                spec.batchSize())
                .batchSizePerWorker(spec.batchSize())
                .averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(0)
                // Each fitPaths call below hands the workers one round in equal slices: dl4j-spark's
                // default rebalancing would add a shuffle and four Spark jobs to every round.
                .repartionData(Repartition.Never)
                .saveUpdater(true)
                .rngSeed(spec.seed() + resumedFrom));
        master.addHook(new WorkerDropoutSeeds(spec.seed()));
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, network, master);
        FitLoss fitLoss = new FitLoss(sc.sc());
        if (fitLossIsWindowLoss) {
            sparkNetwork.setListeners(List.of(fitLoss));
        }
        LOG.info("training on {} workers{}: {} train samples in {} batches of {}, {} validation samples, epochs {}..{}",
                workers, workers > 1 ? " averaging every " + averagingFrequency + " batches" : "", train.samples(),
                train.paths().size(), spec.batchSize(), validation.samples(), resumedFrom + 1, spec.epochs());
        return new EpochLoop.Fitter() {
            @Override
            public void fitEpoch(int epoch) {
                fitLoss.reset();
                DistributedTrainer.this.fitEpoch(sparkNetwork, master, train, epoch, workers, averagingFrequency);
            }

            @Override
            public double trainLoss() {
                return fitLossIsWindowLoss ? fitLoss.mean() : meanLoss(sparkNetwork, train);
            }

            @Override
            public Double validationLoss() {
                return validation.isEmpty() ? null : meanLoss(sparkNetwork, validation);
            }

            @Override
            public MultiLayerNetwork network() {
                return sparkNetwork.getNetwork();
            }
        };
    }

    /** Checkpoints after every epoch, and the epoch lines. */
    private final class Progress implements EpochLoop.Listener {
        private final CheckpointStore checkpoints;
        private final EpochLoop.Fitter fitter;
        private final int resumedFrom;
        private final long started = System.nanoTime();
        private long lastLine;

        Progress(CheckpointStore checkpoints, EpochLoop.Fitter fitter, int resumedFrom) {
            this.checkpoints = checkpoints;
            this.fitter = fitter;
            this.resumedFrom = resumedFrom;
        }

        @Override
        public void untrained(double validationLoss) {
            LOG.info(String.format("epoch 0 (untrained) validation_loss=%.6f", validationLoss));
        }

        @Override
        public void epochDone(TrainingState state, EpochLoss loss, MultiLayerNetwork best, boolean stopping) {
            checkpoints.save(fitter.network(), best, state);
            int epoch = state.epoch();
            long now = System.nanoTime();
            double elapsed = (now - started) / 1e9;
            String line = String.format("epoch %d/%d train_loss=%.6f validation_loss=%s samples/s=%.0f epoch_s=%.1f "
                            + "eta_s=%.0f", epoch, spec.epochs(), loss.trainLoss(),
                    loss.validationLoss() == null ? "-" : String.format("%.6f", loss.validationLoss()),
                    loss.samplesPerSecond(), loss.seconds(),
                    elapsed / (epoch - resumedFrom) * (spec.epochs() - epoch));
            // The first and last epochs, and one line per progress_seconds between: short epochs
            // would otherwise print a hundred lines; every epoch is in model.json and at DEBUG.
            if (epoch == resumedFrom + 1 || epoch == spec.epochs() || stopping
                    || (now - lastLine) / 1e9 >= spec.progressSeconds()) {
                LOG.info(line);
                lastLine = now;
            } else {
                LOG.debug(line);
            }
            if (stopping) {
                LOG.info("early stopping after epoch {}: no lower validation loss since epoch {} ({}); publishing "
                        + "that epoch's network", epoch, state.bestEpoch(), state.bestValidationLoss());
            }
        }
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

    /**
     * Batches each worker fits between parameter averages. A single worker has nothing to average
     * with, so it fits a whole chunk in one round: every round is a Spark job that ships and rebuilds
     * the model, which cost a quarter of the single-worker throughput when it averaged every 5
     * batches. Several workers: training.averaging_frequency, or when 0 the automatic choice.
     */
    private int averagingFrequency(int workers, ExportedBatches train) {
        if (workers == 1) {
            return Math.max(1, train.paths().size());
        }
        return spec.averagingFrequency() > 0 ? spec.averagingFrequency()
                : automaticAveragingFrequency(train.paths().size(), workers, spec.batchSize());
    }

    /** Batches each worker fits between averages when training.averaging_frequency is 0 (automatic). */
    public static int automaticAveragingFrequency(int batches, int workers, int batchSize) {
        int mostBatches = Math.max(1, ROUND_SAMPLES / batchSize);
        int perEpoch = batches / workers / ROUNDS_PER_EPOCH;
        return Math.min(mostBatches, Math.max(MIN_AVERAGING_FREQUENCY, perEpoch));
    }

    /**
     * Batches per fitPaths call: one averaging round of several workers (workers x
     * averaging_frequency, each worker one slice), so that dl4j-spark neither splits nor
     * rebalances it; a single worker, which has nothing to average with, about a tenth of the
     * epoch and at least MIN_CHUNK_BATCHES (each call is one round then, whose updater restarts
     * its iteration count).
     */
    static int roundBatches(int batches, int workers, int averagingFrequency) {
        if (workers > 1) {
            return workers * averagingFrequency;
        }
        return Math.max(MIN_CHUNK_BATCHES, (batches + CHUNKS_PER_EPOCH - 1) / CHUNKS_PER_EPOCH);
    }

    /** One pass over the train batches, round by round, with a progress line at most every progress_seconds. */
    private void fitEpoch(SparkDl4jMultiLayer sparkNetwork, RoundTrainingMaster master, ExportedBatches train,
                          int epoch, int workers, int averagingFrequency) {
        List<String> order = new ArrayList<>(train.paths());
        Collections.shuffle(order, new Random(spec.seed() + epoch));
        int round = roundBatches(order.size(), workers, averagingFrequency);
        MinibatchFile loader = new MinibatchFile(hadoopConf);
        long started = System.nanoTime();
        long lastReport = started;
        for (int from = 0; from < order.size(); from += round) {
            List<String> paths = order.subList(from, Math.min(order.size(), from + round));
            // parallelize slices the list into contiguous, equal parts: one per worker
            master.nextRound(paths.size());
            sparkNetwork.fitPaths(sc.parallelize(paths, Math.min(workers, paths.size())), loader);
            long now = System.nanoTime();
            int done = from + paths.size();
            if ((now - lastReport) / 1e9 >= spec.progressSeconds() && done < order.size()) {
                logBatches(epoch, done, order.size(), sparkNetwork.getScore(), train.samples(), (now - started) / 1e9);
                lastReport = now;
            }
        }
    }

    /** Loss per sample (window): a stateful network's sequence losses are sums over its windows. */
    private double meanLoss(SparkDl4jMultiLayer sparkNetwork, ExportedBatches batches) {
        SerializableConfiguration conf = hadoopConf;
        JavaRDD<DataSet> data = sc.parallelize(batches.paths(), Math.max(1, Math.min(workers(),
                        batches.paths().size())))
                .map(path -> MinibatchFile.read(path, conf));
        return sparkNetwork.calculateScore(data, false, spec.batchSize()) / batches.samples();
    }
}
