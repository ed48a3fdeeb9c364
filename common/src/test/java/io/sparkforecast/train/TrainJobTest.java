package io.sparkforecast.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.config.TestConfigs;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.eval.EvaluateJob;
import io.sparkforecast.eval.MetricsTable;
import io.sparkforecast.generate.GenerateJob;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelMetadata.EpochLoss;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.model.NetworkFactory;
import io.sparkforecast.prepare.PrepareJob;
import io.sparkforecast.prepare.PreparedData;
import io.sparkforecast.prepare.PreparedLayout;
import io.sparkforecast.score.PredictionsTable;
import io.sparkforecast.score.ScoreJob;
import io.sparkforecast.score.ScoreResult;
import io.sparkforecast.spark.SparkTestSession;
import org.apache.spark.util.SerializableConfiguration;
import io.sparkforecast.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.collection.JavaConverters;

/** Training on embedded Spark: determinism, checkpoints and resume, early stopping. */
class TrainJobTest {
    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void prepare() {
        spark = SparkTestSession.start("TrainJobTest");
        ForecastConfig config = config();
        new GenerateJob(spark, config).run();
        new PrepareJob(spark, config).run();
    }


    /** 8 sine series of 120 steps; one small network on MinMax-scaled values, every epoch trained. */
    private static ForecastConfig config(String... extra) {
        String[] base = {"series.path=" + dir.resolve("series"), "series.format=parquet", "generate.series=8",
            "generate.steps=120", "generate.family=sine_linear", "window.lookback=10", "split.train=0.7",
            "split.validation=0.15", "transform.scaling=minmax", "network.layers=[8]", "network.dropout=0.0",
            "network.ensemble=1", "training.batch_size=32",
            "training.epochs=3", "training.learning_rate=0.01", "training.averaging_frequency=2",
            "training.early_stopping_patience=0"};
        return TestConfigs.load(dir, Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    /** Trains like TrainJob but stops before publishing: what a killed run leaves behind. */
    private static DistributedTrainer.Outcome trainWithoutPublishing(ForecastConfig config) {
        return trainWithoutPublishing(config, 0);
    }

    /** As above for one ensemble member (1-based; 0 = a single network). */
    private static DistributedTrainer.Outcome trainWithoutPublishing(ForecastConfig config, int member) {
        return trainWithoutPublishing(config, member, true);
    }

    private static DistributedTrainer.Outcome trainWithoutPublishing(ForecastConfig config, int member,
                                                                     boolean oneWorkerInThisJvm) {
        Storage storage = Storage.of(spark);
        PreparedData prepared = new PreparedLayout(config.output().prepared()).readMetadata(storage);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DistributedTrainer trainer = new DistributedTrainer(sc, config.training(), oneWorkerInThisJvm);
        ExportedBatches[] batches = export(config, 4 * trainer.workers());
        CheckpointStore checkpoints = new CheckpointStore(storage, TrainJob.checkpointsOf(config));
        return trainer.train(network(config, config.training()), batches[0], batches[1],
                member == 0 ? checkpoints : checkpoints.member(member), TrainingFingerprint.of(prepared, config)
                        + (member == 0 ? "" : "/member-" + config.training().seed()));
    }

    /** The prepared train and validation samples as minibatch files, as train exports them. */
    private static ExportedBatches[] export(ForecastConfig config, int writers) {
        PreparedLayout layout = new PreparedLayout(config.output().prepared());
        PreparedData prepared = layout.readMetadata(Storage.of(spark));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        MinibatchExporter exporter = new MinibatchExporter(new SerializableConfiguration(sc.hadoopConfiguration()),
                prepared.shape().lookback(), prepared.shape().inputs(), config.network().windowAs(), config.training().batchSize(),
                config.training().seed());
        Dataset<Row> samples = spark.read().parquet(layout.samples());
        return new ExportedBatches[] {
            exporter.export(samples.filter("split = 'train'"), prepared.counts().samples("train"), writers,
                    exported(config, "train")),
            exporter.export(samples.filter("split = 'validation'"), prepared.counts().samples("validation"), writers,
                    exported(config, "validation"))};
    }

    private static MultiLayerConfiguration network(ForecastConfig config, TrainingSpec training) {
        PreparedData prepared = new PreparedLayout(config.output().prepared()).readMetadata(Storage.of(spark));
        return NetworkFactory.create(config.network(), training, prepared.shape().inputs(),
                prepared.shape().lookback(), prepared.shape().horizon());
    }

    /** Where trainWithoutPublishing exports a split's minibatches: its own directory per model name. */
    private static String exported(ForecastConfig config, String split) {
        return dir.resolve("killed/" + config.modelName() + "/" + split).toString();
    }

    private static List<Double> losses(ModelMetadata model) {
        return model.training().lossHistory().stream().map(EpochLoss::trainLoss).toList();
    }

    @Test
    void sameSeedAndDataGiveTheSameLossHistory() {
        ModelMetadata first = new TrainJob(spark, config()).run().model();
        ModelMetadata second = new TrainJob(spark, config()).run().model();
        assertEquals(losses(first), losses(second));
        assertEquals(first.training().lossHistory().stream().map(EpochLoss::validationLoss).toList(),
                second.training().lossHistory().stream().map(EpochLoss::validationLoss).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theTrainLossIsTheMeanLossOfTheMinibatchesAsTheyWereFitted(int workers) throws Exception {
        // A learning rate too small to move the weights within the epoch: the loss as fitted (in
        // this JVM with one worker, on Spark's workers with two) is then the loss of the network
        // the epoch ends with, scored over every train batch.
        ForecastConfig config = config("model_name=fit-loss-" + workers, "training.epochs=1", "training.learning_rate=1e-9",
                "training.workers=" + workers);
        DistributedTrainer.Outcome outcome = trainWithoutPublishing(config);
        double lossSum = 0;
        long windows = 0;
        try (Stream<Path> files = Files.list(Path.of(exported(config, "train")))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                DataSet batch = MinibatchFile.read(file.toString(), new SerializableConfiguration(
                        spark.sparkContext().hadoopConfiguration()));
                lossSum += outcome.network().score(batch) * batch.numExamples();
                windows += batch.numExamples();
            }
        }
        assertTrue(windows > 100, "train windows " + windows);
        assertEquals(lossSum / windows, outcome.lossHistory().get(0).trainLoss(), 1e-6 * lossSum / windows);
    }

    @Test
    void twoWorkersRunOneSparkJobPerAveragingRound() throws Exception {
        // dl4j-spark counted each round's paths with a job of its own; the trainer knows the count.
        ForecastConfig config = config("model_name=one-job-a-round", "training.epochs=2", "training.workers=2");
        AtomicInteger averagingJobs = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                if (JavaConverters.seqAsJavaList(job.stageInfos()).stream()
                        .anyMatch(stage -> stage.name().contains("ParameterAveragingTrainingMaster"))) {
                    averagingJobs.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            trainWithoutPublishing(config);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        long batches;
        try (Stream<Path> files = Files.list(Path.of(exported(config, "train")))) {
            batches = files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
        // training.averaging_frequency = 2: rounds of 2 workers x 2 batches
        long rounds = 2 * ((batches + 3) / 4);
        assertTrue(rounds >= 4, "rounds " + rounds);
        assertEquals(rounds, averagingJobs.get());
    }

    @Test
    void oneWorkerTrainsInThisJvmAsOneSparkWorkerDoes() {
        // Without dropout nothing random is drawn while fitting: the two ways of training one
        // worker must then give the same network and losses, bit for bit, over several epochs
        // and averaging rounds.
        ForecastConfig config = config("model_name=one-worker", "training.epochs=2", "training.batch_size=4");
        DistributedTrainer.Outcome inThisJvm = trainWithoutPublishing(config, 0, true);
        DistributedTrainer.Outcome onSpark = trainWithoutPublishing(config, 0, false);
        assertEquals(onSpark.lossHistory().stream().map(EpochLoss::trainLoss).toList(),
                inThisJvm.lossHistory().stream().map(EpochLoss::trainLoss).toList());
        assertEquals(onSpark.lossHistory().stream().map(EpochLoss::validationLoss).toList(),
                inThisJvm.lossHistory().stream().map(EpochLoss::validationLoss).toList());
        assertEquals(onSpark.network().params(), inThisJvm.network().params());
    }

    @Test
    void resumeContinuesFromTheLastCompleteCheckpoint() throws Exception {
        List<EpochLoss> killed = trainWithoutPublishing(config("model_name=resumed", "training.epochs=2")).lossHistory();
        Path checkpoints = dir.resolve("out/work/checkpoints/resumed");
        try (Stream<Path> names = Files.list(checkpoints)) {
            assertEquals(List.of("epoch-00002"), names.map(p -> p.getFileName().toString()).toList());
        }

        ModelMetadata resumed = new TrainJob(spark, config("model_name=resumed", "training.epochs=4",
                "training.resume=true")).run().model();
        List<EpochLoss> history = resumed.training().lossHistory();
        assertEquals(2, resumed.training().resumedFromEpoch());
        assertEquals(List.of(1, 2, 3, 4), history.stream().map(EpochLoss::epoch).toList());
        assertEquals(killed, history.subList(0, 2), "the first epochs come from the checkpoint");
        // It continued from the checkpointed network: still improving, not back at a fresh start.
        assertTrue(history.get(2).validationLoss() < history.get(1).validationLoss(), history.toString());
        assertTrue(!Files.exists(checkpoints), "checkpoints are removed once the model is published");
    }

    @Test
    void anEnsembleForecastsTheMeanOfTheNetworksItsSeedsTrainAlone() {
        // One batch per epoch: the seed then decides only the initial weights (batches are composed with training.seed).
        ModelMetadata ensemble = new TrainJob(spark, config("model_name=pair", "network.ensemble=2",
                "training.epochs=2", "training.batch_size=1024")).run().model();
        new TrainJob(spark, config("model_name=seed42", "training.seed=42", "training.epochs=2",
                "training.batch_size=1024")).run();
        new TrainJob(spark, config("model_name=seed43", "training.seed=43", "training.epochs=2",
                "training.batch_size=1024")).run();

        assertEquals(List.of(42L, 43L), ensemble.training().members().stream().map(ModelMetadata.Member::seed).toList());
        assertEquals(List.of(2, 2), ensemble.training().members().stream().map(ModelMetadata.Member::epochsRun)
                .toList());
        INDArray windows = Nd4j.rand(DataType.FLOAT, 5, 1, 10);
        INDArray mean = published("seed42").output(windows).add(published("seed43").output(windows)).div(2);
        assertEquals(0, mean.sub(published("pair").output(windows)).amaxNumber().doubleValue(), 1e-4);
        assertTrue(!Files.exists(dir.resolve("out/work/checkpoints/pair")), "member checkpoints are removed");
    }

    @Test
    void membersTrainedAtOnceAreTheNetworksTrainedOneAfterAnother() {
        // Dropout, several batches an epoch and early stopping: each member must draw its own masks
        // and batch order, and stop on its own, on whichever core it trains.
        ForecastConfig config = config("model_name=concurrent", "network.dropout=0.3", "training.epochs=3",
                "training.early_stopping_patience=1");
        ExportedBatches[] batches = export(config, 4);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<List<Object>>> runs = new ArrayList<>();
        for (int concurrent : new int[] {2, 1}) {
            EnsembleTrainer.Setup setup = new EnsembleTrainer.Setup(spec -> network(config, spec),
                    new CheckpointStore(Storage.of(spark), TrainJob.checkpointsOf(config) + "/" + concurrent), "f");
            EnsembleTrainer.Members members = new EnsembleTrainer(sc, config.training(), 3).train(setup, batches[0],
                    batches[1], concurrent);
            runs.add(members.outcomes().stream().map(outcome -> List.<Object>of(outcome.lossHistory().stream()
                    .map(loss -> loss.trainLoss() + " " + loss.validationLoss()).toList(), outcome.bestEpoch(),
                    Arrays.toString(outcome.network().params().toFloatVector()))).toList());
        }
        assertEquals(runs.get(1), runs.get(0));
    }

    @Test
    void aMemberThatFailsFailsTheEnsembleWithItsOwnError() {
        ForecastConfig config = config("model_name=failing", "training.epochs=1");
        ExportedBatches[] batches = export(config, 4);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        EnsembleTrainer.Setup setup = new EnsembleTrainer.Setup(spec -> {
            if (spec.seed() == 43) {
                throw new IllegalStateException("member of seed 43 cannot be built");
            }
            return network(config, spec);
        }, new CheckpointStore(Storage.of(spark), TrainJob.checkpointsOf(config)), "f");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new EnsembleTrainer(sc, config.training(), 3).train(setup, batches[0], batches[1], 2));
        assertEquals("member of seed 43 cannot be built", failure.getMessage());
    }

    @Test
    void membersTrainAtOnceOnlyWhereEachTrainsInThisJvm() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ExportedBatches fewBatches = new ExportedBatches(List.of("a", "b"), 64);
        TrainingSpec oneWorker = config().training();
        assertEquals(2, new EnsembleTrainer(sc, oneWorker, 3).concurrentMembers(fewBatches), "local[2]: two cores");
        assertEquals(1, new EnsembleTrainer(sc, oneWorker, 1).concurrentMembers(fewBatches));
        assertEquals(1, new EnsembleTrainer(sc, config("training.workers=2").training(), 3)
                .concurrentMembers(fewBatches), "parameter averaging uses every core already");
    }

    private static String[] with(String[] settings, String... more) {
        return Stream.concat(Stream.of(settings), Stream.of(more)).toArray(String[]::new);
    }

    private static MultiLayerNetwork published(String modelName) {
        return new ModelRegistry(Storage.of(spark), dir.resolve("out/models").toString(), modelName).load(null)
                .restoreNetwork();
    }

    @Test
    void dropoutTrainsOnTwoWorkersInOneJvmToTheSameModelEveryRun() {
        // Both workers' networks run in this JVM: each layer needs its own dropout mask, and the
        // masks must not depend on which executor thread ran which task before.
        List<List<String>> runs = new ArrayList<>();
        for (String name : List.of("dropout", "dropout-again")) {
            ModelMetadata model = new TrainJob(spark, config("model_name=" + name, "network.dropout=0.3",
                    "network.layers=[8, 8]", "training.workers=2", "training.epochs=2",
                    "training.batch_size=8")).run().model();
            assertEquals(2, model.training().lossHistory().size());
            runs.add(model.training().lossHistory().stream()
                    .map(loss -> loss.trainLoss() + " " + loss.validationLoss()).toList());
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void aResumedEnsembleKeepsTheMembersAlreadyTrained() {
        // A run killed after its first member: that member's checkpoints are complete, the second has none.
        List<EpochLoss> first = trainWithoutPublishing(config("model_name=pair-resumed", "network.ensemble=2",
                "training.epochs=2"), 1).lossHistory();

        ModelMetadata resumed = new TrainJob(spark, config("model_name=pair-resumed", "network.ensemble=2",
                "training.epochs=2", "training.resume=true")).run().model();

        assertEquals(2, resumed.training().resumedFromEpoch(), "the first member continued from its last epoch");
        assertEquals(first, resumed.training().lossHistory(), "and was not trained again");
        assertEquals(List.of(2, 2), resumed.training().members().stream().map(ModelMetadata.Member::epochsRun)
                .toList());
    }

    @Test
    void resumingWithOtherSettingsIsRefused() {
        trainWithoutPublishing(config("model_name=changed", "training.epochs=1"));
        JobFailure failure = assertThrows(JobFailure.class, () -> new TrainJob(spark, config("model_name=changed",
                "training.resume=true", "training.learning_rate=0.5")).run());
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("without --resume"), failure.getMessage());
    }

    @Test
    void windowScaledWindowAsFeaturesModelTrainsAndScoresInPriceUnits() {
        // Random-walk prices around 50..150: each window is seen relative to its first price, the
        // network takes the window as one step of 10 features.
        Path walks = dir.resolve("walks");
        String[] variant = {"model_name=walk", "output.dir=" + walks, "series.path=" + walks.resolve("series"),
            "generate.family=random_walk", "generate.noise=0.02", "transform.scaling=relative",
            "network.window_as=features", "score.horizon=3", "run_date=2000-12-31"};
        ForecastConfig walk = config(variant);
        new GenerateJob(spark, walk).run();
        new PrepareJob(spark, walk).run();
        ModelMetadata model = new TrainJob(spark, walk).run().model();

        assertEquals(ValueScaling.RELATIVE, model.shape().transform().scaling());
        assertEquals(WindowLayout.FEATURES, model.shape().windowAs());
        assertEquals("(batch, 8)", model.network().layers().get(0).outputShape());
        assertEquals(4 * 8 * (10 + 8 + 1), model.network().layers().get(0).parameters(), "LSTM(8) on 10 inputs");
        ScoreResult scored = new ScoreJob(spark, walk).run();
        assertEquals(8 * 3, scored.predictions());
        List<Row> ranges = spark.read().parquet(walks.resolve("series").toString()).groupBy("series_id")
                .agg(functions.min("value"), functions.max("value")).collectAsList();
        double low = ranges.stream().mapToDouble(r -> r.getDouble(1)).min().orElseThrow();
        double high = ranges.stream().mapToDouble(r -> r.getDouble(2)).max().orElseThrow();
        for (Row row : spark.read().parquet(walk.output().predictions()).collectAsList()) {
            double prediction = row.getDouble(row.fieldIndex(PredictionsTable.PREDICTION));
            assertTrue(prediction > 0.8 * low && prediction < 1.2 * high, "price-level forecast " + prediction);
        }
    }

    @Test
    void statefulNetworkTrainsOnWholeSeriesAndForecastsByWalkingTheHistory() {
        Path waves = dir.resolve("waves");
        ForecastConfig stateful = config("model_name=waves", "output.dir=" + waves,
                "series.path=" + waves.resolve("series"), "generate.family=sine", "generate.noise=0",
                "generate.period=20", "window.lookback=5", "network.stateful=true", "network.state_history=40",
                "training.batch_size=4", "training.epochs=15", "evaluate.horizon=3", "series.season=20",
                "evaluate.interval_level=0", "score.horizon=3", "run_date=2000-12-31", "evaluate.classical=[]");
        new GenerateJob(spark, stateful).run();
        new PrepareJob(spark, stateful).run();
        ModelMetadata model = new TrainJob(spark, stateful).run().model();

        assertEquals(40, model.shape().stateHistory());
        assertEquals("(batch, steps, 8)", model.network().layers().get(0).outputShape(), "every step is kept");
        assertEquals("(batch, steps, 1)", model.network().layers().get(1).outputShape(), "a forecast at every step");
        List<Row> overall = new EvaluateJob(spark, stateful).run().overall();
        double walked = rmse(overall, "model", 1);
        double persistence = rmse(overall, "persistence", 1);
        assertTrue(walked < 0.5 * persistence, "stateful RMSE " + walked + " vs persistence " + persistence);
        assertEquals(8 * 3, new ScoreJob(spark, stateful).run().predictions());
    }

    private static double rmse(List<Row> metrics, String method, int horizon) {
        return metrics.stream()
                .filter(r -> method.equals(r.getAs(MetricsTable.METHOD)) && Integer.valueOf(horizon)
                        .equals(r.getAs(MetricsTable.HORIZON)))
                .mapToDouble(r -> r.<Double>getAs(MetricsTable.RMSE)).findFirst().orElseThrow();
    }

    @Test
    void twoTrainsOfOneModelAtOnceEachPublishAVersion() throws Exception {
        // An Airflow backfill with two active runs: the second starts while the first trains on
        // its exported minibatches, and must not delete them.
        ForecastConfig config = config("model_name=twice", "training.epochs=8");
        Path batches = Path.of(config.output().work(), "batches", "twice");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TrainResult> first = pool.submit(() -> new TrainJob(spark, config).run());
            long deadline = System.currentTimeMillis() + 60_000;
            while (!exportedMinibatches(batches) && !first.isDone() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Future<TrainResult> second = pool.submit(() -> new TrainJob(spark, config).run());
            Set<String> versions = new TreeSet<>(List.of(first.get().model().modelVersion(),
                    second.get().model().modelVersion()));
            assertEquals(2, versions.size(), versions.toString());
            assertEquals(List.of(), Storage.of(spark).listDirectoryNames(batches.toString()), "each removes its own");
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean exportedMinibatches(Path batches) throws IOException {
        if (!Files.exists(batches)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(batches)) {
            return files.anyMatch(file -> file.toString().contains("validation") && Files.isRegularFile(file));
        }
    }

    @Test
    void earlyStoppingPublishesTheBestEpoch() {
        // A learning rate this high makes the validation loss bounce: patience 1 stops at the first rise.
        ModelMetadata model = new TrainJob(spark, config("model_name=early", "training.epochs=12",
                "training.learning_rate=0.2", "training.early_stopping_patience=1")).run().model();
        List<EpochLoss> history = model.training().lossHistory();
        int best = model.training().bestEpoch();
        assertTrue(best >= 1 && history.size() == best + 1, "best " + best + " of " + history.size() + " epochs");
        double bestLoss = history.get(best - 1).validationLoss();
        assertTrue(history.stream().allMatch(e -> e.validationLoss() >= bestLoss));
        assertTrue(Storage.of(spark).exists(dir.resolve("out/models/early").toString()));
    }

    @Test
    void aResidualNetworkThatCannotBeatItsBaselineOnValidationIsPublishedUntrained() {
        // Noisy sine waves with per-window scaling: the untrained residual network forecasts the
        // chosen baseline; a learning rate this high only makes the validation loss worse.
        Path residual = dir.resolve("residual");
        ForecastConfig config = config("model_name=residual", "output.dir=" + residual, "transform.scaling=robust",
                "transform.baseline=seasonal_naive", "series.season=20", "training.epochs=4",
                "training.learning_rate=2.0", "training.early_stopping_patience=2", "evaluate.classical=[]");
        new PrepareJob(spark, config).run();
        ModelMetadata model = new TrainJob(spark, config).run().model();

        assertEquals(NaiveForecast.SEASONAL_NAIVE, model.shape().transform().baseline());
        assertEquals(20, model.shape().transform().season());
        assertEquals(0, model.training().bestEpoch(), "the untrained network had the lowest validation loss");
        List<Row> overall = new EvaluateJob(spark, config).run().overall();
        assertEquals(rmse(overall, "seasonal_naive", 1), rmse(overall, "model", 1), 1e-6,
                "an untrained residual network forecasts its baseline");
    }

    @Test
    void seriesTheModelLosesOnValidationAreScoredByTheBaselineThatBeatItThere() {
        // One epoch at a tiny learning rate on MinMax-scaled values, no baseline to correct: the
        // baselines beat this model on the validation part of every series. Without ETS, the
        // candidates are the model and the baseline (AirlineEndToEndTest publishes ETS).
        Path weak = dir.resolve("weak");
        ForecastConfig config = config("model_name=weak", "output.dir=" + weak, "training.epochs=1",
                "evaluate.classical=[]",
                "training.learning_rate=0.0001", "evaluate.horizon=2", "series.season=20",
                "evaluate.interval_level=0", "score.horizon=2", "run_date=2000-12-31");
        new PrepareJob(spark, config).run();
        new TrainJob(spark, config).run();
        EvaluateJob.Result evaluated = new EvaluateJob(spark, config).run();

        // One choice per series and backtest horizon.
        Map<String, Row> choices = new TreeMap<>();
        spark.read().parquet(config.output().fallback()).collectAsList()
                .forEach(row -> choices.put(row.getAs("series_id") + "/" + row.getAs("horizon"), row));
        assertEquals(8 * 2, choices.size());
        assertEquals(8, evaluated.wins().fallbacks());
        assertTrue(evaluated.report().contains("WARNING: the model loses to"), evaluated.report());
        // The per-series RMSEs, read once: split/method/series/horizon -> rmse.
        Map<String, Double> perSeries = new TreeMap<>();
        for (Row row : spark.read().parquet(config.output().metrics()).filter("series_id is not null").collectAsList()) {
            perSeries.put(String.join("/", row.getAs("split"), row.getAs("method"), row.getAs("series_id"),
                    String.valueOf(row.<Integer>getAs("horizon"))), row.getAs(MetricsTable.RMSE));
        }
        for (Row choice : choices.values()) {
            String series = choice.getAs("series_id");
            int horizon = choice.<Integer>getAs(FallbackTable.HORIZON);
            String method = choice.getAs(FallbackTable.METHOD);
            assertTrue(List.of("persistence", "seasonal_naive", "seasonal_naive_drift").contains(method), method);
            assertTrue(choice.<Long>getAs(FallbackTable.VALIDATION_TARGETS) > 1);
            // Chosen on the validation targets: its RMSEs are the validation rows of the metrics table.
            assertEquals(seriesRmse(perSeries, series, horizon, "validation", "model"),
                    choice.<Double>getAs(FallbackTable.MODEL_RMSE), 1e-9);
            assertEquals(seriesRmse(perSeries, series, horizon, "validation", method),
                    choice.<Double>getAs(FallbackTable.CHOSEN_RMSE), 1e-9);
            // What evaluate reports as published is that baseline's test forecasts.
            assertEquals(seriesRmse(perSeries, series, horizon, "test", method),
                    seriesRmse(perSeries, series, horizon, "test", "published"), 1e-9);
        }

        assertEquals(8, new ScoreJob(spark, config).run().fallbackSeries());
        List<Row> predictions = spark.read().parquet(config.output().predictions()).collectAsList();
        assertEquals(8 * 2, predictions.size());
        for (Row prediction : predictions) {
            assertEquals(choices.get(prediction.getAs("series_id") + "/" + prediction.getAs("step"))
                            .<String>getAs(FallbackTable.METHOD), prediction.<String>getAs(PredictionsTable.METHOD));
        }
    }

    private static double seriesRmse(Map<String, Double> perSeries, String series, int horizon, String split,
                                     String method) {
        Double rmse = perSeries.get(String.join("/", split, method, series, String.valueOf(horizon)));
        assertNotNull(rmse, split + " " + method + " " + series + " " + horizon);
        return rmse;
    }
}
