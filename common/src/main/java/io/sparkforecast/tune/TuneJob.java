package io.sparkforecast.tune;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.config.ConfigLoader;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.model.NetworkFactory;
import io.sparkforecast.ops.Job;
import io.sparkforecast.prepare.PrepareJob;
import io.sparkforecast.prepare.PreparedData;
import io.sparkforecast.prepare.PreparedLayout;
import io.sparkforecast.series.TimeSplit;
import org.apache.spark.util.SerializableConfiguration;
import io.sparkforecast.storage.Storage;
import io.sparkforecast.train.BatchExporter;
import io.sparkforecast.train.CheckpointStore;
import io.sparkforecast.train.DistributedTrainer;
import io.sparkforecast.train.ExportedBatches;
import io.sparkforecast.tune.SearchSpace.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tune: trains one network per point of the search space and ranks them by final validation
 * loss. Trials that need other samples (window, task, split, transform or data settings) get
 * their own prepare; small data trains all trials at once, each single-node in its own Spark
 * task, larger data one trial after another with distributed training. A trial that fails
 * (bad settings, diverging loss, out of memory) is recorded with its error.
 */
public final class TuneJob implements Job<TuneResult> {
    private static final Logger LOG = LoggerFactory.getLogger(TuneJob.class);

    private final SparkSession spark;
    private final ForecastConfig config;
    private final String work;

    public TuneJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
        this.work = config.output().work() + "/tune/" + config.modelName();
    }

    @Override
    public List<String> dryRun() {
        List<Trial> trials = SearchSpace.trials(config.tune());
        List<String> plan = new ArrayList<>();
        plan.add("output: " + Storage.of(spark).checkWritableDirectory(config.output().tuning()));
        plan.add(String.format("would run %d trials (%s search over %s), ranked by final validation loss:",
                trials.size(), config.tune().method(), config.tune().space().keySet()));
        for (Trial trial : trials) {
            String check;
            try {
                ConfigLoader.withOverrides(config, trial.overrides());
                check = "";
            } catch (JobFailure e) {
                check = " -- will fail: " + e.getMessage();
            }
            plan.add("  trial " + trial.number() + ": " + trial.settings() + check);
        }
        return plan;
    }

    @Override
    public TuneResult run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.output().tuning());
        List<Trial> trials = SearchSpace.trials(config.tune());
        Map<Integer, TrialOutcome> outcomes = new TreeMap<>();
        Map<String, List<Trial>> bySamples = new LinkedHashMap<>();
        Map<Integer, ForecastConfig> configs = new HashMap<>();
        for (Trial trial : trials) {
            try {
                ForecastConfig trialConfig = ConfigLoader.withOverrides(config, trial.overrides());
                if (trialConfig.split().validation() == 0) {
                    throw JobFailure.usage("tune ranks trials by validation loss: split.validation must be > 0");
                }
                configs.put(trial.number(), trialConfig);
                bySamples.computeIfAbsent(samplesKey(trialConfig), k -> new ArrayList<>()).add(trial);
            } catch (JobFailure e) {
                outcomes.put(trial.number(), record(trial, TrialOutcome.failed(trial.number(), "-", 0, e), trials));
            }
        }
        Storage storage = Storage.of(spark);
        storage.delete(work);
        try {
            List<SingleNodeTrial> parallel = new ArrayList<>();
            int group = 0;
            for (List<Trial> sharing : bySamples.values()) {
                group++;
                runGroup(group, sharing, configs, trials, parallel, outcomes);
            }
            runInParallel(parallel, trials, outcomes);
            TuningResults results = new TuningResults(config, trials, outcomes);
            String path = results.write(spark, storage, config.output().tuning());
            LOG.info("tune: {} of {} trials succeeded; best {}; results in {}", results.succeeded(), trials.size(),
                    results.best().map(t -> "trial " + t.number() + " " + t.settings()).orElse("none"), path);
            if (results.succeeded() == 0) {
                throw JobFailure.invalidInput("every one of the %d trials failed; their errors are in %s",
                        trials.size(), path);
            }
            return new TuneResult(results, path);
        } finally {
            storage.delete(work);
        }
    }

    /** Prepares the trials' shared samples, then trains them one by one or queues them for the parallel job. */
    private void runGroup(int group, List<Trial> sharing, Map<Integer, ForecastConfig> configs, List<Trial> trials,
                          List<SingleNodeTrial> parallel, Map<Integer, TrialOutcome> outcomes) {
        String prepared = work + "/prepared-" + group;
        PreparedData data;
        try {
            ForecastConfig prepareConfig = ConfigLoader.withOverrides(configs.get(sharing.get(0).number()),
                    List.of("output.prepared=\"" + prepared + "\""));
            data = new PrepareJob(spark, prepareConfig).run().prepared();
        } catch (RuntimeException e) {
            for (Trial trial : sharing) {
                outcomes.put(trial.number(), record(trial, TrialOutcome.failed(trial.number(), "-", 0, e), trials));
            }
            return;
        }
        long samples = data.counts().samples(TimeSplit.TRAIN) + data.counts().samples(TimeSplit.VALIDATION);
        boolean inParallel = samples <= config.tune().parallelMaxSamples();
        LOG.info("tune: {} trials on samples {} ({} train + validation samples): {}", sharing.size(), prepared,
                samples, inParallel ? "in parallel, single-node each" : "one after another, distributed");
        Dataset<Row> table = spark.read().parquet(new PreparedLayout(prepared).samples());
        Map<String, ExportedBatches[]> exports = new HashMap<>();
        for (Trial trial : sharing) {
            ForecastConfig trialConfig = configs.get(trial.number());
            ForecastConfig.TrainingSpec training = trialConfig.training();
            ForecastConfig.NetworkSpec spec = trialConfig.network();
            ExportedBatches[] batches = exports.computeIfAbsent(training.batchSize() + "/" + training.seed() + "/"
                    + spec.windowAs() + "/" + spec.stateful(),
                    key -> export(table, data, training, spec, prepared + "-batches/" + exports.size()));
            MultiLayerConfiguration network = NetworkFactory.create(trialConfig.network(), training, data.shape().inputs(),
                    data.shape().lookback(), data.shape().horizon(), data.shape().classes(),
                    data.transform().baseline() != null);
            if (inParallel) {
                parallel.add(new SingleNodeTrial(trial.number(), network.toJson(), training.epochs(),
                        training.earlyStoppingPatience(), training.seed(),
                        training.batchSize(),
                        batches[0].paths(), batches[1].paths(), batches[0].samples()));
            } else {
                outcomes.put(trial.number(), record(trial, distributed(trial, trialConfig, network, batches), trials));
            }
        }
    }

    private ExportedBatches[] export(Dataset<Row> table, PreparedData data, ForecastConfig.TrainingSpec training,
                                     ForecastConfig.NetworkSpec network, String directory) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BatchExporter exporter = BatchExporter.forNetwork(new SerializableConfiguration(sc.hadoopConfiguration()), data,
                network, training);
        int writers = 4 * sc.defaultParallelism();
        return new ExportedBatches[] {
            exporter.export(table.filter(col(SamplesTable.SPLIT).equalTo(TimeSplit.TRAIN)),
                    data.counts().samples(TimeSplit.TRAIN), writers, directory + "/" + TimeSplit.TRAIN),
            exporter.export(table.filter(col(SamplesTable.SPLIT).equalTo(TimeSplit.VALIDATION)),
                    data.counts().samples(TimeSplit.VALIDATION), writers, directory + "/" + TimeSplit.VALIDATION)
        };
    }

    private TrialOutcome distributed(Trial trial, ForecastConfig trialConfig, MultiLayerConfiguration network,
                                     ExportedBatches[] batches) {
        long started = System.nanoTime();
        try {
            DistributedTrainer trainer = new DistributedTrainer(
                    JavaSparkContext.fromSparkContext(spark.sparkContext()), trialConfig.training());
            CheckpointStore checkpoints = new CheckpointStore(Storage.of(spark),
                    work + "/checkpoints/trial-" + trial.number());
            DistributedTrainer.Outcome outcome = trainer.train(network, batches[0], batches[1], checkpoints,
                    "tune-trial-" + trial.number());
            return TrialOutcome.of(trial.number(), TrialOutcome.DISTRIBUTED, outcome.lossHistory(),
                    outcome.bestEpoch(), outcome.publishedValidationLoss(), (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException e) {
            return TrialOutcome.failed(trial.number(), TrialOutcome.DISTRIBUTED, (System.nanoTime() - started) / 1e9,
                    e);
        }
    }

    /** All queued single-node trials in one Spark job, one task each. */
    private void runInParallel(List<SingleNodeTrial> queued, List<Trial> trials, Map<Integer, TrialOutcome> outcomes) {
        if (queued.isEmpty()) {
            return;
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(sc.hadoopConfiguration());
        LOG.info("tune: training {} trials in parallel as Spark tasks", queued.size());
        List<TrialOutcome> done = sc.parallelize(queued, queued.size()).map(trial -> trial.run(conf)).collect();
        for (TrialOutcome outcome : done) {
            outcomes.put(outcome.trial(), record(trials.get(outcome.trial() - 1), outcome, trials));
        }
    }

    private static TrialOutcome record(Trial trial, TrialOutcome outcome, List<Trial> trials) {
        if (outcome.succeeded()) {
            LOG.info(String.format("tune: trial %d/%d %s: validation_loss=%.6f train_loss=%.6f (%.1f s, %s)",
                    trial.number(), trials.size(), trial.settings(), outcome.validationLoss(), outcome.trainLoss(),
                    outcome.seconds(), outcome.mode()));
        } else {
            LOG.warn("tune: trial {}/{} {} failed: {}", trial.number(), trials.size(), trial.settings(),
                    outcome.error());
        }
        return outcome;
    }

    /** Trials with equal keys can share prepared samples. */
    private static String samplesKey(ForecastConfig c) {
        return List.of(c.series(), c.features(), c.window(), c.task(), c.split(), c.transform(),
                String.valueOf(c.asOf())).toString();
    }
}
