package io.sparkforecast.train;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.features.SampleShape;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.model.CodeVersion;
import io.sparkforecast.model.EnsembleNetwork;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.model.ModelSummary;
import io.sparkforecast.model.NetworkFactory;
import io.sparkforecast.model.RegistryTable;
import io.sparkforecast.ops.Job;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.prepare.PreparedData;
import io.sparkforecast.prepare.PreparedLayout;
import io.sparkforecast.prepare.ScalerTable;
import io.sparkforecast.report.OptionalReport;
import io.sparkforecast.report.ReportIndex;
import io.sparkforecast.report.TrainingReport;
import io.sparkforecast.series.TimeSplit;
import org.apache.spark.util.SerializableConfiguration;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.Publisher;
import io.sparkforecast.storage.Storage;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * train: prepared samples -> a new model version. Exports minibatches to the work directory,
 * trains with parameter averaging, publishes model.zip + model.json (with a training report and
 * loss plot), removes the batches.
 */
public final class TrainJob implements Job<TrainResult> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private final SparkSession spark;
    private final ForecastConfig config;

    public TrainJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What run() would do, after checking the prepared data (if present yet) and the model location. */
    @Override
    public List<String> dryRun() {
        Storage storage = Storage.of(spark);
        PreparedLayout layout = new PreparedLayout(config.output().prepared());
        String prepared = storage.exists(layout.metadata())
                ? "prepared data: " + layout.readMetadata(storage).counts().samplesBySplit() + " samples at " + layout.root()
                : "prepared data: not present at " + layout.root() + " yet (prepare must run first)";
        return List.of(prepared,
                "output: " + storage.checkWritableDirectory(config.output().models()),
                String.format("would train %s%s LSTM layers %s (dropout %.2f, window as %s%s) with %s, learning rate %s, batch %d, %d epochs, "
                                + "averaging %s, and publish a version of model '%s'",
                        config.network().ensemble() > 1 ? "an ensemble of " + config.network().ensemble() + " " : "",
                        config.network().implementation(), config.network().layers(), config.network().dropout(),
                        config.network().windowAs().code(), config.network().stateful()
                                ? ", stateful: whole series, truncated BPTT of " + config.window().lookback() + " steps"
                                : "", config.training().optimizer().name().toLowerCase(java.util.Locale.ROOT),
                        config.training().learningRate(), config.training().batchSize(), config.training().epochs(),
                        config.training().averagingFrequency() == 0 ? "automatically"
                                : "every " + config.training().averagingFrequency() + " batches", config.modelName()));
    }

    @Override
    public TrainResult run() {
        Storage storage = Storage.of(spark);
        PreparedLayout layout = new PreparedLayout(config.output().prepared());
        PreparedData prepared = checkedInputs(storage, layout);
        // The scalers with the samples, not after training: a prepare that publishes meanwhile must
        // not pair its scalers with the network trained on the previous samples.
        List<ModelMetadata.Scaler> scalers = scalers(layout);
        Dataset<Row> samples = spark.read().parquet(layout.samples());

        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DistributedTrainer trainer = new DistributedTrainer(sc, config.training());
        BatchExporter exporter = BatchExporter.forNetwork(new SerializableConfiguration(sc.hadoopConfiguration()), prepared,
                config.network(), config.training());
        String work = batchDirectory(storage);
        CheckpointStore checkpoints = new CheckpointStore(storage, checkpointsOf(config));
        try {
            Stages stages = new Stages(LOG, "train");
            ExportedBatches train = export(stages, exporter, samples, prepared, TimeSplit.TRAIN, trainer, work);
            ExportedBatches validation = export(stages, exporter, samples, prepared, TimeSplit.VALIDATION, trainer,
                    work);
            layout.checkUnchanged(storage, prepared, "train");

            EnsembleTrainer.Members members = stages.time("train", () -> trainMembers(sc, prepared, train, validation, checkpoints));
            MultiLayerNetwork network = EnsembleNetwork.merge(members.networks(), networkConfiguration(prepared,
                    config.network().ensembleWide(), config.training()));
            ModelSummary summary = ModelSummary.ofEnsemble(network, members.first().network(),
                    config.network().ensemble(), prepared.shape().inputs(), prepared.shape().lookback(),
                    config.network());
            // The command line prints the summary with the result; the log keeps it for other callers.
            LOG.debug("model:\n{}", summary.format());

            ModelMetadata published = new ModelRegistry(storage, config.output().models(), config.modelName())
                    .publish(network, metadata(prepared, scalers, network, members, summary, train, validation),
                            model -> OptionalReport.render("training report", () -> TrainingReport.files(model)));
            checkpoints.clear();
            refreshListings(published, members.first());
            return new TrainResult(published,
                    config.output().models() + "/" + config.modelName() + "/" + published.modelVersion());
        } finally {
            storage.delete(work);
        }
    }

    /** One split's samples as minibatch files under {@code work}, four writers per worker. */
    private ExportedBatches export(Stages stages, BatchExporter exporter, Dataset<Row> samples, PreparedData prepared,
                                   String split, DistributedTrainer trainer, String work) {
        return stages.time("export " + split + " minibatches", () -> exporter.export(split(samples, split),
                prepared.counts().samples(split), 4 * trainer.workers(), work + "/" + split));
    }

    /** Refuses samples the configured network cannot train on. */
    /**
     * The prepared data's metadata, after checking that the models' directory can be written (as
     * the dry run does) and that the data suits the network, before any work.
     */
    private PreparedData checkedInputs(Storage storage, PreparedLayout layout) {
        storage.checkWritableDirectory(config.output().models());
        // A prepare killed between its two renames left the new data complete in staging.
        new Publisher(storage).recover(config.output().prepared());
        PreparedData prepared = layout.readMetadata(storage);
        checkTrainable(prepared);
        return prepared;
    }

    private void checkTrainable(PreparedData prepared) {
        SampleShape shape = prepared.shape();
        if (config.network().stateful() && (shape.classes() > 0
                || prepared.transform().scaling() != ValueScaling.MINMAX)) {
            throw JobFailure.usage("network.stateful = true needs MinMax-scaled forecasting samples; %s holds %s "
                    + "samples (run prepare with this config first)", config.output().prepared(),
                    shape.classes() > 0 ? "classification" : prepared.transform().scaling().code() + "-scaled");
        }
    }

    /** The report index and the registry table with the published version. */
    private void refreshListings(ModelMetadata published, DistributedTrainer.Outcome outcome) {
        Storage storage = Storage.of(spark);
        ReportIndex.refresh(storage, config.output().models(), config.output().reports(), config.modelName());
        OutputTables tables = OutputTables.of(spark, config.output().tableFormat(), config.output().iceberg());
        long versions = RegistryTable.refresh(spark, tables, config.output().models(), config.output().registry());
        LOG.info("train: published model {} version {} (final train_loss={}); registry table {} lists {} versions",
                published.modelName(), published.modelVersion(), lastTrainLoss(outcome), config.output().registry(),
                versions);
    }

    /**
     * This run's own batch directory under the model name's: two trains of one model at once (an
     * Airflow backfill) deleted each other's batches ("cannot read the minibatch"). A killed run's
     * batches are removed by a later run once abandoned (as the Publisher's staging).
     */
    private String batchDirectory(Storage storage) {
        String batches = config.output().work() + "/batches/" + config.modelName();
        long now = System.currentTimeMillis();
        for (String name : storage.listDirectoryNames(batches)) {
            if (now - startedAt(name) >= Publisher.abandonAfterMillis(storage)) {
                storage.delete(batches + "/" + name);
            }
        }
        return batches + "/" + now + "-" + UUID.randomUUID();
    }

    private static long startedAt(String runDirectory) {
        try {
            return Long.parseLong(runDirectory.substring(0, Math.max(0, runDirectory.indexOf('-'))));
        } catch (NumberFormatException e) {
            return 0; // batches of a release that kept one directory per model name
        }
    }

    /** Where this model name's checkpoints live. */
    public static String checkpointsOf(ForecastConfig config) {
        return config.output().work() + "/checkpoints/" + config.modelName();
    }

    private static Dataset<Row> split(Dataset<Row> samples, String split) {
        return samples.filter(col(SamplesTable.SPLIT).equalTo(split));
    }

    /** The members of network.ensemble, trained on the exported batches (see EnsembleTrainer). */
    private EnsembleTrainer.Members trainMembers(JavaSparkContext sc, PreparedData prepared, ExportedBatches train,
                                                 ExportedBatches validation, CheckpointStore checkpoints) {
        return new EnsembleTrainer(sc, config.training(), config.network().ensemble()).train(
                spec -> networkConfiguration(prepared, config.network(), spec), train, validation, checkpoints,
                TrainingFingerprint.of(prepared, config));
    }

    private static MultiLayerConfiguration networkConfiguration(PreparedData prepared, NetworkSpec network,
                                                                TrainingSpec training) {
        SampleShape shape = prepared.shape();
        return NetworkFactory.create(network, training, shape.inputs(), shape.lookback(), shape.horizon(),
                shape.classes(), prepared.transform().baseline() != null);
    }

    private List<ModelMetadata.Scaler> scalers(PreparedLayout layout) {
        return spark.read().parquet(layout.scalers())
                .select(SeriesColumns.SERIES_ID, ScalerTable.FEATURE, ScalerTable.MIN, ScalerTable.MAX)
                .orderBy(SeriesColumns.SERIES_ID, ScalerTable.FEATURE)
                .collectAsList().stream()
                .map(r -> new ModelMetadata.Scaler(r.getString(0), r.getString(1), r.getDouble(2), r.getDouble(3)))
                .toList();
    }

    private ModelMetadata metadata(PreparedData prepared, List<ModelMetadata.Scaler> scalers,
                                   MultiLayerNetwork network, EnsembleTrainer.Members members, ModelSummary summary,
                                   ExportedBatches train, ExportedBatches validation) {
        DistributedTrainer.Outcome outcome = members.first();
        ModelMetadata.Shape shape = new ModelMetadata.Shape(prepared.shape(), prepared.transform(), prepared.split(),
                config.network().windowAs(), config.network().stateful() ? config.network().stateHistory() : null);
        List<ModelMetadata.Member> memberRows = new ArrayList<>();
        for (int i = 0; i < members.outcomes().size(); i++) {
            DistributedTrainer.Outcome member = members.outcomes().get(i);
            memberRows.add(new ModelMetadata.Member(members.seeds().get(i), member.bestEpoch(),
                    member.publishedValidationLoss(), member.lossHistory().size(), member.seconds()));
        }
        ModelMetadata.Training training = new ModelMetadata.Training(config.training().epochs(), train.samples(),
                validation.samples(), memberRows.stream().mapToDouble(ModelMetadata.Member::seconds).sum(),
                outcome.bestEpoch(), outcome.resumedFromEpoch(), outcome.lossHistory(), memberRows);
        try {
            return new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                    new ModelMetadata.Identity(config.modelName(), null, Instant.now().toString(), CodeVersion.current(),
                            null),
                    new ModelMetadata.Network(network.numParams(), summary.format(), summary.layers()), shape,
                    new ModelMetadata.TrainedOn(prepared.source().inputPath(), prepared.source().inputFingerprint(),
                            scalers),
                    training, Json.mapper().readTree(config.resolvedJson()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double lastTrainLoss(DistributedTrainer.Outcome outcome) {
        List<ModelMetadata.EpochLoss> history = outcome.lossHistory();
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
    }
}
