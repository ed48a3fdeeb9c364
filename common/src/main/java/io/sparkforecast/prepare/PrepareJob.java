package io.sparkforecast.prepare;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.BaselineChoice;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SampleShape;
import io.sparkforecast.features.ValueTransform;
import io.sparkforecast.input.RejectsTable;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesLoader;
import io.sparkforecast.input.SeriesRows;
import io.sparkforecast.input.ValidatedSeriesRows;
import io.sparkforecast.ops.Job;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.series.BaselineSelection;
import io.sparkforecast.series.TimeSplit;
import org.apache.spark.util.SerializableConfiguration;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Publisher;
import io.sparkforecast.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * prepare: series table -> windowed, split and scaled samples, the scalers, the rejected rows
 * (each with a reason) and the gaps found. Everything is written to a staging directory and
 * published by rename, so readers see the previous complete output or the new one, never a
 * mix. Too many rejects fail the job; the staging directory then keeps the rejects to inspect.
 */
public final class PrepareJob implements Job<PrepareResult> {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

    private final SparkSession spark;
    private final ForecastConfig config;

    public PrepareJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What run() would do, after checking the input schema and the output location. */
    @Override
    public List<String> dryRun() {
        return List.of(
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().prepared()),
                String.format("would build windows of %d inputs (%d per step) and %d targets, difference lag %d, "
                                + "%s scaling, baseline %s (season %d), "
                                + "split train %.2f / validation %.2f / test %.2f, gaps: %s, rows up to %s",
                        config.window().lookback(), config.features().inputs(), config.window().horizon(),
                        config.transform().differenceLag(), config.transform().scaling().code(),
                        config.transform().baseline().code(), config.season(), config.split().train(),
                        config.split().validation(),
                        config.split().test(), config.series().gapPolicy().code(),
                        config.asOf() == null ? "the end" : config.asOf() + " (exclusive)"));
    }

    @Override
    public PrepareResult run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.output().prepared());
        long started = System.nanoTime();
        ForecastConfig.SeriesSource source = config.series();
        Stages stages = new Stages(LOG, "prepare");
        SampleEncoder unfitted = unfittedEncoder();
        // Each series once, checked and cached as arrays: every output below is one pass over
        // them, with no further shuffle, sort or join of the table.
        ValidatedSeriesRows series = stages.time("read and validate", () -> SeriesLoader.loadSeries(spark, source,
                config.features().extraColumns(), config.asOf(), unfitted.acceptedValues()));
        try {
            SeriesPreparation unchosen = new SeriesPreparation(unfitted, new TimeSplit(config.split()),
                    source.gapPolicy(), source.frequency(), features(), config.split().train());
            SeriesPreparation preparation = stages.time("choose the baseline",
                    () -> unchosen.withEncoder(withBaseline(unchosen, series.series())));
            PrepareCounts counts = stages.time("count samples, rejects and gaps", () -> series.series()
                    .map(rows -> preparation.prepare(rows).counts()).fold(PrepareCounts.none(), PrepareCounts::plus));
            Storage storage = Storage.of(spark);
            PreparedData prepared;
            try (Publisher.Publication publication = new Publisher(storage).replace(config.output().prepared())) {
                PreparedLayout staging = new PreparedLayout(publication.staging());
                stages.time("window, scale and write samples", () -> SamplesWriter.write(series.series(),
                        preparation, staging.samples(), new SerializableConfiguration(storage.hadoopConf())));
                stages.time("write scalers, rejects and gaps", () -> writeTables(series, preparation, staging));
                prepared = metadata(series, counts, preparation.encoder(), (System.nanoTime() - started) / 1e9);
                checkPublishable(prepared, preparation, publication, staging);
                storage.writeAtomically(staging.metadata(), Json.write(prepared));
                publication.commit();
            }
            LOG.info("prepare: wrote {} in {} s", config.output().prepared(), String.format("%.1f", prepared.seconds()));
            return new PrepareResult(prepared, config.output().prepared());
        } finally {
            series.cached().unpersist();
        }
    }

    /** The encoder of the configured window, features and task, before its baseline is chosen. */
    private SampleEncoder unfittedEncoder() {
        ForecastConfig.TaskSpec task = config.task();
        return new SampleEncoder(config.window().lookback(), config.window().horizon(),
                config.transform().differenceLag(), config.features().calendar(),
                config.features().extraColumns().size(), config.series().frequency(),
                task.classify() ? task.classes() : 0, task.labelIndex()).withScaling(config.transform().scaling());
    }

    /** The scaled features: the value, then the extra columns. */
    private List<String> features() {
        List<String> features = new ArrayList<>(List.of(SeriesColumns.VALUE));
        features.addAll(config.features().extraColumns());
        return features;
    }

    /** The scalers, rejects (the table's and the series') and gaps tables, each one pass over the series. */
    private void writeTables(ValidatedSeriesRows series, SeriesPreparation preparation, PreparedLayout staging) {
        JavaRDD<SeriesRows> seriesRows = series.series();
        Dataset<Row> seriesRejects = spark.createDataFrame(seriesRows.flatMap(rows -> preparation.prepare(rows)
                .rejects().iterator()), SeriesPreparation.SERIES_REJECTS);
        Dataset<Row> rejects = series.rejects().unionByName(seriesRejects.select(
                col(SeriesColumns.SERIES_ID),
                col(SeriesColumns.TS).cast(DataTypes.StringType).as(SeriesColumns.TS),
                col(SeriesColumns.VALUE).cast(DataTypes.StringType).as(SeriesColumns.VALUE),
                col(RejectsTable.REASON), col(RejectsTable.DETAIL)));
        spark.createDataFrame(seriesRows.flatMap(rows -> preparation.prepare(rows).scalerRows().iterator()),
                ScalerTable.SCHEMA).write().mode(SaveMode.Overwrite).parquet(staging.scalers());
        rejects.write().mode(SaveMode.Overwrite).parquet(staging.rejects());
        spark.createDataFrame(seriesRows.flatMap(rows -> preparation.prepare(rows).gaps().iterator()),
                GapsTable.SCHEMA).write().mode(SaveMode.Overwrite).parquet(staging.gaps());
    }

    /** prepare's metadata: its source, sample shape, transform, split and counts; logs the counts. */
    private PreparedData metadata(ValidatedSeriesRows series, PrepareCounts seriesCounts, SampleEncoder encoder,
                                  double seconds) {
        ForecastConfig.SeriesSource source = config.series();
        ForecastConfig.TaskSpec task = config.task();
        Map<String, Long> rejectedByReason = new TreeMap<>(series.rejectedByReason());
        seriesCounts.rejectedByReason().forEach((reason, rows) -> rejectedByReason.merge(reason, rows, Long::sum));
        long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        long missingSteps = seriesCounts.missingSteps();
        PreparedData prepared = new PreparedData(PreparedData.FORMAT_VERSION, Instant.now().toString(),
                new PreparedData.Source(Storage.of(spark).qualify(source.path()), series.inputFingerprint(),
                        config.asOf() == null ? null : config.asOf().toString(), source.gapPolicy()),
                new SampleShape(encoder.lookback(), encoder.horizon(), encoder.inputs(), source.frequency(),
                        config.features().calendar(), config.features().extraColumns(), encoder.classes(),
                        task.classify() ? task.labelIndex() : null),
                ValueTransform.of(encoder), config.split(),
                new PreparedData.Counts(series.inputRows(), series.inputRows() - rejected, rejectedByReason,
                        new PreparedData.Gaps(seriesCounts.gaps(), missingSteps,
                                source.gapPolicy() == GapPolicy.SPLIT ? 0 : missingSteps),
                        seriesCounts.series(), seriesCounts.seriesWithSamples(), seriesCounts.samplesBySplit()),
                seconds);
        PreparedData.Counts counts = prepared.counts();
        LOG.info("prepare: {} input rows, {} used, {} rejected {}; {} gaps ({} missing steps, policy {}); "
                        + "samples {} from {} of {} series", counts.inputRows(), counts.usableRows(), rejected,
                rejectedByReason, counts.gaps().count(), counts.gaps().missingSteps(), source.gapPolicy().code(),
                counts.samplesBySplit(), counts.seriesWithSamples(), counts.series());
        return prepared;
    }

    /** Fails, keeping the staging for a look at its rejects, when too much was rejected or nothing can train. */
    private void checkPublishable(PreparedData prepared, SeriesPreparation preparation,
                                  Publisher.Publication publication, PreparedLayout staging) {
        PreparedData.Counts counts = prepared.counts();
        long rejected = counts.inputRows() - counts.usableRows();
        double rejectShare = (double) rejected / counts.inputRows();
        double maxShare = config.series().maxRejectShare();
        if (rejectShare > maxShare) {
            publication.keepStagingOnFailure();
            throw JobFailure.invalidInput("%.1f%% of the %d input rows were rejected %s, more than "
                            + "series.max_reject_share (%.1f%%); nothing was published, the rejects are in %s",
                    100 * rejectShare, counts.inputRows(), counts.rejectedByReason(), 100 * maxShare,
                    staging.rejects());
        }
        if (counts.samples(TimeSplit.TRAIN) == 0) {
            publication.keepStagingOnFailure();
            throw JobFailure.invalidInput("no training samples: no series has %d consecutive steps with targets in "
                    + "its train part; nothing was published, the rejects are in %s", preparation.sampleLength(),
                    staging.rejects());
        }
    }

    /**
     * The encoder with transform.baseline applied: auto chooses the naive forecast with the
     * lowest error before the test part (with a per-window scaling; none otherwise).
     */
    private SampleEncoder withBaseline(SeriesPreparation unchosen, JavaRDD<SeriesRows> seriesRows) {
        SampleEncoder encoder = unchosen.encoder();
        TimeSplit split = unchosen.split();
        int season = config.season();
        BaselineChoice choice = config.transform().baseline();
        if (choice == BaselineChoice.AUTO && encoder.scaling().perWindow()) {
            // The combination and the drift read the window the encoder would give them.
            Map<NaiveForecast, Integer> windows = new EnumMap<>(NaiveForecast.class);
            BaselineSelection.RESIDUAL_CANDIDATES.forEach(naive ->
                    windows.put(naive, encoder.withBaseline(naive, season).windowLength()));
            int candidates = BaselineSelection.RESIDUAL_CANDIDATES.size();
            // per candidate the sum of the series' relative errors, then the number of series
            double[] sums = seriesRows.map(rows -> BaselineSelection.relativeErrors(unchosen.regular(rows), season,
                    split, windows::get)).filter(Objects::nonNull)
                    .map(errors -> {
                        double[] counted = Arrays.copyOf(errors, candidates + 1);
                        counted[candidates] = 1;
                        return counted;
                    })
                    .fold(new double[candidates + 1], (sum, errors) -> {
                        Arrays.setAll(sum, c -> sum[c] + errors[c]);
                        return sum;
                    });
            BaselineSelection.Choice chosen = BaselineSelection.choose(sums, (long) sums[candidates]);
            LOG.info("prepare: baseline {} (season {}; one-step error before the test part relative to "
                    + "persistence, mean over series: {})", chosen.baseline().code(), season, chosen.relativeErrors());
            return encoder.withBaseline(chosen.baseline(), season);
        }
        return encoder.withBaseline(choice.fixed(), season);
    }
}
