package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.BaselineChoice;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Publisher;
import io.sparkforecast.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * prepare: series table -> windowed, split and scaled samples, the scalers, the rejected rows
 * (each with a reason) and the gaps found. Everything is written to a staging directory and
 * published by rename, so readers see the previous complete output or the new one, never a
 * mix. Too many rejects fail the job; the staging directory then keeps the rejects to inspect.
 */
public final class PrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);
    private static final String SEGMENT_ROWS = "segment_rows";
    private static final String SEGMENTS = "segments";

    private final SparkSession spark;
    private final ForecastConfig config;

    public PrepareJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What run() would do, after checking the input schema and the output location. */
    public List<String> dryRun() {
        return List.of(
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().prepared()),
                String.format("would build windows of %d inputs (%d per step) and %d targets, difference lag %d, "
                                + "%s scaling, baseline %s (season %d), "
                                + "split train %.2f / validation %.2f / test %.2f, gaps: %s, rows up to %s",
                        config.window().lookback(), config.features().inputs(), config.window().horizon(),
                        config.transform().differenceLag(), config.transform().scaling().code(),
                        config.transform().baseline().code(), config.evaluate().season(), config.split().train(),
                        config.split().validation(),
                        config.split().test(), config.series().gapPolicy().code(),
                        config.asOf() == null ? "the end" : config.asOf() + " (exclusive)"));
    }

    public PrepareResult run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.output().prepared());
        long started = System.nanoTime();
        ForecastConfig.SeriesSource source = config.series();
        List<String> extras = config.features().extraColumns();
        ForecastConfig.TaskSpec task = config.task();
        SampleEncoder unfitted = new SampleEncoder(config.window().lookback(), config.window().horizon(),
                config.transform().differenceLag(), config.features().calendar(), extras.size(), source.frequency(),
                task.classify() ? task.classes() : 0, task.labelIndex()).withScaling(config.transform().scaling());
        TimeSplit split = new TimeSplit(config.split());
        List<String> features = new ArrayList<>(List.of(SeriesColumns.VALUE));
        features.addAll(extras);

        Stages stages = new Stages(LOG, "prepare");
        ValidatedSeries series = stages.time("read and validate",
                () -> SeriesLoader.load(spark, source, extras, config.asOf(), unfitted.acceptedValues()));
        SeriesGrid.Gridded grid = SeriesGrid.regularize(series.clean(), source.gapPolicy(), source.frequency(),
                extras.size());
        // Ordered by step (over the whole segment) so that the table is sorted once by series,
        // segment and step, as SeriesWindows reads it: unordered, this window sorted it once more.
        Dataset<Row> rows = grid.rows()
                .withColumn(SEGMENT_ROWS, count(lit(1)).over(Window.partitionBy(SeriesColumns.SERIES_ID,
                        SeriesColumns.SEGMENT).orderBy(SeriesColumns.STEP)
                        .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())))
                .withColumn(SEGMENTS, max(SeriesColumns.SEGMENT).over(Window.partitionBy(SeriesColumns.SERIES_ID))
                        .plus(1))
                .persist(StorageLevel.MEMORY_AND_DISK());
        SampleEncoder encoder = withBaseline(unfitted, rows, split);
        int sampleLength = encoder.windowLength() + encoder.horizon();
        Dataset<Row> longEnough = rows.filter(col(SEGMENT_ROWS).geq(sampleLength));
        Dataset<Row> scalers = ScalerTable.fit(longEnough, encoder.differenceLag(), split, features)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> fitted = scalers.select(SeriesColumns.SERIES_ID).distinct();
        Dataset<Row> usable = longEnough.join(fitted, SeriesColumns.SERIES_ID, "left_semi");
        Dataset<Row> samples = SamplesTable.build(usable, ScalerTable.wide(scalers, features), encoder, split,
                extras.size());
        Dataset<Row> rejects = series.rejects()
                .unionByName(unusedRows(rows.filter(col(SEGMENT_ROWS).lt(sampleLength)), sampleLength))
                .unionByName(asRejects(longEnough.join(fitted, SeriesColumns.SERIES_ID, "left_anti"),
                        lit(RejectReason.NO_TRAIN_ROWS.code()),
                        lit("no rows to fit a scaler on in the first " + config.split().train() + " of the series")));

        Storage storage = Storage.of(spark);
        String target = config.output().prepared();
        PreparedData prepared;
        try (Publisher.Publication publication = new Publisher(storage).replace(target)) {
            PreparedLayout staging = new PreparedLayout(publication.staging());
            stages.time("window, scale and write samples", () -> samples.write().mode(SaveMode.Overwrite)
                    .partitionBy(SamplesTable.SPLIT).parquet(staging.samples()));
            stages.time("write scalers, rejects and gaps", () -> {
                scalers.write().mode(SaveMode.Overwrite).parquet(staging.scalers());
                rejects.write().mode(SaveMode.Overwrite).parquet(staging.rejects());
                grid.gaps().write().mode(SaveMode.Overwrite).parquet(staging.gaps());
            });

            // Read back with the declared schemas: an empty output has no file to infer one from.
            Map<String, Long> rejectedByReason = countBy(spark.read().schema(RejectsTable.SCHEMA).parquet(staging.rejects()),
                    RejectsTable.REASON);
            Dataset<Row> writtenSamples = spark.read().schema(SamplesTable.SCHEMA).parquet(staging.samples());
            Map<String, Long> samplesBySplit = countBy(writtenSamples, SamplesTable.SPLIT);
            Row gapTotals = spark.read().schema(SeriesGrid.GAPS_SCHEMA).parquet(staging.gaps())
                    .agg(count(lit(1)), sum(SeriesGrid.MISSING_STEPS)).first();
            long seriesCount = rows.select(SeriesColumns.SERIES_ID).distinct().count();
            long seriesWithSamples = writtenSamples.select(SeriesColumns.SERIES_ID).distinct().count();
            long missingSteps = gapTotals.isNullAt(1) ? 0 : gapTotals.getLong(1);
            rows.unpersist();
            scalers.unpersist();

            long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
            prepared = new PreparedData(PreparedData.FORMAT_VERSION, Instant.now().toString(),
                    new PreparedData.Source(storage.qualify(source.path()), series.inputFingerprint(),
                            config.asOf() == null ? null : config.asOf().toString(), source.gapPolicy()),
                    new SampleShape(encoder.lookback(), encoder.horizon(), encoder.inputs(), source.frequency(),
                            config.features().calendar(), extras, encoder.classes(),
                            task.classify() ? task.labelIndex() : null),
                    ValueTransform.of(encoder), config.split(),
                    new PreparedData.Counts(series.inputRows(), series.inputRows() - rejected, rejectedByReason,
                            new PreparedData.Gaps(gapTotals.getLong(0), missingSteps,
                                    source.gapPolicy() == GapPolicy.SPLIT ? 0 : missingSteps),
                            seriesCount, seriesWithSamples, samplesBySplit),
                    (System.nanoTime() - started) / 1e9);
            PreparedData.Counts counts = prepared.counts();
            LOG.info("prepare: {} input rows, {} used, {} rejected {}; {} gaps ({} missing steps, policy {}); "
                            + "samples {} from {} of {} series", counts.inputRows(), counts.usableRows(), rejected,
                    rejectedByReason, counts.gaps().count(), counts.gaps().missingSteps(), source.gapPolicy().code(),
                    samplesBySplit, seriesWithSamples, seriesCount);

            double rejectShare = (double) rejected / counts.inputRows();
            if (rejectShare > source.maxRejectShare()) {
                publication.keepStagingOnFailure();
                throw JobFailure.invalidInput("%.1f%% of the %d input rows were rejected %s, more than "
                                + "series.max_reject_share (%.1f%%); nothing was published, the rejects are in %s",
                        100 * rejectShare, counts.inputRows(), rejectedByReason, 100 * source.maxRejectShare(),
                        staging.rejects());
            }
            if (counts.samples(TimeSplit.TRAIN) == 0) {
                publication.keepStagingOnFailure();
                throw JobFailure.invalidInput("no training samples: no series has %d consecutive steps with targets in "
                        + "its train part; nothing was published, the rejects are in %s", sampleLength, staging.rejects());
            }
            storage.writeAtomically(staging.metadata(), Json.write(prepared));
            publication.commit();
        }
        LOG.info("prepare: wrote {} in {} s", target, String.format("%.1f", prepared.seconds()));
        return new PrepareResult(prepared, target);
    }

    /**
     * The encoder with transform.baseline applied: auto chooses the naive forecast with the
     * lowest error before the test part (with a per-window scaling; none otherwise).
     */
    private SampleEncoder withBaseline(SampleEncoder encoder, Dataset<Row> rows, TimeSplit split) {
        int season = config.evaluate().season();
        BaselineChoice choice = config.transform().baseline();
        if (choice == BaselineChoice.AUTO && encoder.scaling().perWindow()) {
            BaselineSelection.Choice chosen = BaselineSelection.choose(rows, season, split);
            LOG.info("prepare: baseline {} (season {}; one-step error before the test part relative to "
                    + "persistence, mean over series: {})", chosen.baseline().code(), season, chosen.relativeErrors());
            return encoder.withBaseline(chosen.baseline(), season);
        }
        return encoder.withBaseline(choice.fixed(), season);
    }

    /** Input rows of series parts too short for one sample, as rejects. */
    private static Dataset<Row> unusedRows(Dataset<Row> tooShort, int sampleLength) {
        Column reason = when(col(SEGMENTS).gt(1), lit(RejectReason.SEGMENT_TOO_SHORT.code()))
                .otherwise(lit(RejectReason.SERIES_TOO_SHORT.code()));
        Column detail = concat(col(SEGMENT_ROWS).cast(DataTypes.StringType), lit(" steps; a sample needs "
                + sampleLength));
        return asRejects(tooShort, reason, detail);
    }

    /** Observed (not filled) grid rows in the rejects table's form. */
    private static Dataset<Row> asRejects(Dataset<Row> gridRows, Column reason, Column detail) {
        return gridRows.filter(not(col(SeriesColumns.FILLED))).select(
                col(SeriesColumns.SERIES_ID),
                col(SeriesColumns.TS).cast(DataTypes.StringType).as(SeriesColumns.TS),
                col(SeriesColumns.VALUE).cast(DataTypes.StringType).as(SeriesColumns.VALUE),
                reason.as(RejectsTable.REASON),
                detail.as(RejectsTable.DETAIL));
    }

    private static Map<String, Long> countBy(Dataset<Row> table, String column) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : table.groupBy(column).count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

}
