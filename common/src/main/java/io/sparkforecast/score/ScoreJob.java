package io.sparkforecast.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.inference.Classifier;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.inference.ForecastCombination;
import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.inference.LatestEtsForecasts;
import io.sparkforecast.inference.Forecaster;
import io.sparkforecast.inference.IntervalsTable;
import io.sparkforecast.inference.ModelInputs;
import io.sparkforecast.inference.ModelOnExecutors;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesLoader;
import io.sparkforecast.model.ModelArtifact;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.model.RegistryTable;
import io.sparkforecast.ops.Job;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.report.OptionalReport;
import io.sparkforecast.report.ReportIndex;
import io.sparkforecast.report.ReportTable;
import io.sparkforecast.report.ScoreReport;
import io.sparkforecast.series.LatestWindows;
import io.sparkforecast.series.SlidingWindows;
import io.sparkforecast.spark.Cached;
import io.sparkforecast.spark.ShufflePartitions;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.PublicationSet;
import io.sparkforecast.storage.Storage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * score: for every series, forecasts score.horizon steps from its latest window as of the run
 * date, with a published model version, into the predictions table partition of that date.
 */
public final class ScoreJob implements Job<ScoreResult> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);
    private final SparkSession spark;
    private final ForecastConfig config;
    private final Stages stages = new Stages(LOG, "score");

    public ScoreJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What run() would do, after checking the model (if published yet), input and output. */
    @Override
    public List<String> dryRun() {
        return List.of(
                "model: " + new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                        .describe(config.modelVersion()),
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().predictions()),
                String.format("would forecast %d steps per series from its data up to %s into partition run_date=%s",
                        config.score().horizon(), config.runDate(), config.runDate()));
    }

    @Override
    public ScoreResult run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.output().predictions());
        ModelArtifact model = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                .load(config.modelVersion());
        ModelMetadata metadata = model.metadata();
        RegistryTable.ensureListed(spark, tables(), config.output().models(), config.output().registry(),
                metadata.modelName(), metadata.modelVersion());
        // An evaluate killed while publishing leaves its outputs committed but not all in place.
        PublicationSet.recover(spark, tables(), FallbackTable.evaluationSets(config.output().work(),
                metadata.modelName()));
        IntervalsTable.Bounds bounds = intervalBounds(metadata);
        Dataset<Row> fallback = metadata.encoder().classifies() ? null : fallbackChoices(metadata);
        Broadcast<Map<String, SeriesScalers>> scalers = ModelInputs.scalersOnExecutors(spark, metadata);
        try (Cached cached = new Cached();
             ModelOnExecutors network = ModelOnExecutors.broadcast(spark, model, config.inference().batchSize())) {
            Dataset<Row> windows = cached.cache(windows(metadata, fallback, scalers, cached));
            LatestWindows.Counts counts = stages.time("read latest windows", () -> LatestWindows.Counts.of(windows,
                    metadata.encoder().windowLength(), config.series(), cutoff()));
            long scored = scoredOrFail(counts, metadata);
            Dataset<Row> scorable = windows.filter(col(SlidingWindows.SCALER_MIN).isNotNull()
                    .and(col(LatestWindows.AVAILABLE).geq(metadata.encoder().windowLength())));
            long fallbacks = fallback == null ? 0 : countFallbacks(scorable);
            long rows = metadata.encoder().classifies() ? scored : scored * config.score().horizon();
            OutputTables.Replaced written = stages.time("forecast and write", () -> PredictionsTable.write(
                    tables(), predictions(scorable, metadata, network, bounds), rows, config.output().predictions(),
                    config.runDate(), metadata.modelName()));
            ScoreResult result = new ScoreResult(counts.series(), scored, counts.unknown(), counts.tooShort(),
                    fallbacks, rows, metadata.modelVersion(), written.location(), written.snapshotId(), null);
            String report = metadata.encoder().classifies() ? null : stages.time("write report",
                    () -> writeReport(metadata, scorable, result));
            logOutcome(metadata, scored, rows, fallbacks, report);
            return result.withReport(report);
        } finally {
            scalers.destroy();
        }
    }

    /** The day after the run date, from which on no row is read. */
    private LocalDateTime cutoff() {
        return config.runDate().plusDays(1).atStartOfDay();
    }

    /**
     * Each series' latest window, with its choices per step (none without fallback choices) and,
     * where a step publishes ETS or the combination, its ETS forecasts.
     */
    private Dataset<Row> windows(ModelMetadata metadata, Dataset<Row> fallback,
                                 Broadcast<Map<String, SeriesScalers>> scalers, Cached cached) {
        SampleEncoder encoder = metadata.encoder();
        int historyLength = fallback == null ? encoder.historyLength()
                : Math.max(encoder.historyLength(), NaiveForecast.historyNeeded(config.season()));
        // Spread over the session's shuffle partitions for the forecast: the check's partitions are
        // few and uneven after AQE coalesces them (3 tasks of 8, 8 and 0.5 s for 100,000 series).
        Dataset<Row> windows = ModelInputs.latestWindows(spark, config, metadata, cutoff(), historyLength, scalers)
                .repartition(Integer.parseInt(spark.conf().get(ShufflePartitions.KEY)), col(SeriesColumns.SERIES_ID));
        windows = fallback == null
                ? windows.withColumn(FallbackTable.METHODS,
                                lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)))
                        .withColumn(FallbackTable.BASELINES,
                                lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)))
                        .withColumn(FallbackTable.SEASON, lit(null).cast(DataTypes.IntegerType))
                : windows.join(fallback.drop(FallbackTable.ETS_FORM), SeriesColumns.SERIES_ID, "left");
        return withEtsForecasts(windows, fallback, metadata, cutoff(), cached);
    }

    /** The series to forecast; fails, leaving the predictions as they are, when there are none. */
    private long scoredOrFail(LatestWindows.Counts counts, ModelMetadata metadata) {
        int windowLength = metadata.encoder().windowLength();
        if (counts.unknown() > 0 || counts.tooShort() > 0) {
            LOG.warn("score: not forecasting {} series the model was not trained on and {} series with fewer "
                    + "than {} regular steps up to {}", counts.unknown(), counts.tooShort(), windowLength,
                    config.runDate());
        }
        long scored = counts.series() - counts.unknown() - counts.tooShort();
        if (scored == 0) {
            throw JobFailure.invalidInput("nothing to score in %s up to run date %s: of its %d series, %d are unknown "
                            + "to model %s version %s and %d have fewer than %d regular %s steps (is series.frequency "
                            + "right for this table?); the predictions for run_date=%s are unchanged",
                    config.series().path(), config.runDate(), counts.series(), counts.unknown(), metadata.modelName(),
                    metadata.modelVersion(), counts.tooShort(), windowLength, metadata.shape().samples().frequency(),
                    config.runDate());
        }
        return scored;
    }

    /**
     * The series published other than by the model at some step; warns about those whose ETS form
     * no longer fits their history (the model is published there). One pass over the cached windows.
     */
    private long countFallbacks(Dataset<Row> scorable) {
        Row counts = scorable.agg(
                count_if(exists(col(FallbackTable.METHODS), method -> method.notEqual(FallbackTable.MODEL))),
                count_if(needsEts(col(FallbackTable.METHODS)).and(col(LatestEtsForecasts.FORECASTS).isNull())))
                .first();
        if (counts.getLong(1) > 0) {
            LOG.warn("score: {} series publish ETS or the combination at some steps, but their ETS form could not be "
                    + "fitted to their history up to {}: the model's forecast is published at those steps",
                    counts.getLong(1), config.runDate());
        }
        return counts.getLong(0);
    }

    /** The predictions table's rows: each scorable series forecast (or classified) on the executors. */
    private Dataset<Row> predictions(Dataset<Row> scorable, ModelMetadata metadata, ModelOnExecutors network,
                                     IntervalsTable.Bounds bounds) {
        SampleEncoder encoder = metadata.encoder();
        Frequency frequency = metadata.shape().samples().frequency();
        int extras = metadata.shape().samples().extraColumns().size();
        return scorable.mapPartitions(network.inBatches(encoder.classifies()
                        ? classify(encoder, frequency)
                        : forecast(encoder, stride(metadata), frequency, extras, config.score().horizon(), bounds)),
                        Encoders.row(PredictionsTable.FORECAST_SCHEMA))
                .withColumn(PredictionsTable.MODEL_NAME, lit(metadata.modelName()))
                .withColumn(PredictionsTable.MODEL_VERSION, lit(metadata.modelVersion()));
    }

    private void logOutcome(ModelMetadata metadata, long scored, long rows, long fallbacks, String report) {
        LOG.info("score: model {} version {}: {} series x {} steps = {} predictions for run_date={} in {}{}{}",
                metadata.modelName(), metadata.modelVersion(), scored, metadata.encoder().classifies() ? 1
                        : config.score().horizon(), rows, config.runDate(), config.output().predictions(),
                fallbacks == 0 ? "" : "; " + fallbacks
                        + " series published with a baseline, ETS or the combination at some or all steps "
                        + "(score.fallback)",
                report == null ? "" : "; report " + report + "/" + ScoreReport.HTML);
    }

    /**
     * score.html and its plots in {@code <output.reports>/<model_name>/score/run_date=<date>},
     * replacing a rerun's; null (and no report) when the driver cannot render them.
     */
    private String writeReport(ModelMetadata metadata, Dataset<Row> scorable, ScoreResult result) {
        Storage storage = Storage.of(spark);
        List<String> ids = ScorePlots.choose(scorable, config.report().plotSeries());
        List<ScoreReport.SeriesOutlook> plotted = ScorePlots.collect(scorable,
                tables().partition(config.output().predictions(), PredictionsTable.RUN_DATE,
                        config.runDate().toString(), PredictionsTable.FILE_SCHEMA), ids,
                metadata.shape().samples().frequency());
        List<String> missing = ids.stream()
                .filter(id -> plotted.stream().noneMatch(series -> series.seriesId().equals(id))).toList();
        ReportTable counts = new ReportTable(List.of("series", "count"), List.of(
                List.of("in the series table up to the run date", Long.toString(result.series())),
                List.of("scored", Long.toString(result.scoredSeries())),
                List.of("of those, with a baseline, ETS or the combination at some or all steps (score.fallback)",
                        Long.toString(result.fallbackSeries())),
                List.of("skipped: unknown to the model", Long.toString(result.unknownSeries())),
                List.of("skipped: too short for a window", Long.toString(result.shortSeries())),
                List.of("prediction rows written", Long.toString(result.predictions()))));
        String dir = config.output().reports() + "/" + metadata.modelName() + "/score/run_date=" + config.runDate();
        String written = OptionalReport.publish(storage, dir, () -> ScoreReport.files(metadata.modelName(),
                metadata.modelVersion(), config.runDate(), counts, plotted, missing));
        if (written != null) {
            LOG.debug("score: report written to {}/{}", dir, ScoreReport.HTML);
            ReportIndex.refresh(storage, config.output().models(), config.output().reports(), metadata.modelName());
        }
        return written;
    }

    /**
     * With score.fallback = best_baseline, what evaluate chose per series and horizon on validation
     * (series_id, methods by horizon, season); null when off or when evaluate has not run for the
     * version.
     */
    private Dataset<Row> fallbackChoices(ModelMetadata model) {
        if (config.score().fallback() != ForecastConfig.Fallback.BEST_BASELINE) {
            return null;
        }
        Dataset<Row> choices = FallbackTable.read(tables(), config.output().fallback(),
                model.modelVersion());
        if (choices == null) {
            LOG.warn("score: score.fallback = best_baseline, but {} has no choices for model {} version {} (evaluate "
                    + "makes them): publishing the model's forecasts for every series",
                    tables().describe(config.output().fallback()),
                    model.modelName(), model.modelVersion());
            return null;
        }
        return FallbackTable.byHorizon(choices);
    }

    /**
     * The windows with the ETS forecasts of the series that publish ETS or the combination at some
     * step (see {@link LatestEtsForecasts}); null columns for the others.
     */
    private Dataset<Row> withEtsForecasts(Dataset<Row> windows, Dataset<Row> fallback, ModelMetadata metadata,
                                          LocalDateTime cutoff, Cached cached) {
        Dataset<Row> forms = fallback == null ? null : fallback
                .filter(needsEts(col(FallbackTable.METHODS)).and(col(FallbackTable.ETS_FORM).isNotNull()))
                .select(SeriesColumns.SERIES_ID, FallbackTable.ETS_FORM, FallbackTable.SEASON);
        if (forms == null || forms.isEmpty()) {
            return windows.withColumn(LatestEtsForecasts.ORIGIN, lit(null).cast(DataTypes.TimestampNTZType))
                    .withColumn(LatestEtsForecasts.FORECASTS,
                            lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)));
        }
        Dataset<Row> ets = LatestEtsForecasts.of(cached.closing(ModelInputs.series(spark, config, metadata, cutoff)).rows(),
                forms,
                config.score().horizon());
        return windows.join(ets, SeriesColumns.SERIES_ID, "left");
    }

    private static Column needsEts(Column methods) {
        return exists(methods, method -> method.isin(ForecastMethod.ETS.code(), ForecastMethod.COMBINED.code()));
    }

    /** The interval bounds evaluate fitted for the model version, when score.intervals asks for them. */
    private IntervalsTable.Bounds intervalBounds(ModelMetadata model) {
        if (!config.score().intervals()) {
            return null;
        }
        IntervalsTable.Bounds bounds = IntervalsTable.read(tables(), config.output().intervals(),
                model.modelVersion());
        if (bounds == null) {
            throw JobFailure.usage("score.intervals is on but %s has no intervals for model %s version %s: run "
                    + "evaluate for it first (with evaluate.interval_level > 0)",
                    tables().describe(config.output().intervals()),
                    model.modelName(), model.modelVersion());
        }
        return bounds;
    }

    private OutputTables tables() {
        return OutputTables.of(spark, config.output().tableFormat(), config.output().iceberg());
    }

    /** Network outputs used per call, from score.method. */
    private int stride(ModelMetadata model) {
        int outputs = model.shape().samples().horizon();
        return switch (config.score().method()) {
            case RECURSIVE -> 1;
            case DIRECT -> {
                if (outputs < config.score().horizon()) {
                    throw JobFailure.usage("score.method = direct needs a model that predicts score.horizon = %d "
                                    + "steps; model %s version %s predicts %d (train with window.horizon = %d)",
                            config.score().horizon(), model.modelName(), model.modelVersion(), outputs,
                            config.score().horizon());
                }
                yield outputs;
            }
            case AUTO -> outputs;
        };
    }

    private static ModelOnExecutors.BatchFunction forecast(SampleEncoder encoder, int stride, Frequency frequency,
                                                           int extras, int steps, IntervalsTable.Bounds bounds) {
        return network -> {
            Forecaster forecaster = new Forecaster(network, encoder, stride);
            return batch -> forecastBatch(forecaster, batch, frequency, extras, steps, bounds, encoder.windowLength());
        };
    }

    /** A classification model: each series' latest window's class, dated at the label's step. */
    private static ModelOnExecutors.BatchFunction classify(SampleEncoder encoder, Frequency frequency) {
        return network -> {
            Classifier classifier = new Classifier(network, encoder);
            int step = encoder.labelStep();
            return batch -> classifier.classifyRows(batch).stream()
                    .map(c -> RowFactory.create(c.row().getString(c.row().fieldIndex(SeriesColumns.SERIES_ID)),
                            c.row().get(c.row().fieldIndex(SeriesColumns.TS)), step,
                            frequency.plus(c.window().anchor(), c.window().endStep() + step),
                            (double) c.prediction().label(), FallbackTable.MODEL, null, null, c.prediction().label(),
                            c.prediction().probability()))
                    .toList();
        };
    }

    /** @param localSteps history values the local scale of the intervals is measured on */
    private static List<Row> forecastBatch(Forecaster forecaster, List<Row> batch, Frequency frequency, int extras,
                                           int steps, IntervalsTable.Bounds bounds, int localSteps) {
        List<SeriesWindow> windows = new ArrayList<>(batch.size());
        for (Row row : batch) {
            windows.add(SlidingWindows.toWindow(row, extras));
        }
        double[][] forecasts = forecaster.forecast(windows, steps);
        List<Row> out = new ArrayList<>(batch.size() * steps);
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            SeriesWindow window = windows.get(i);
            LocalDateTime origin = (LocalDateTime) row.get(row.fieldIndex(SeriesColumns.TS));
            Double scale = bounds == null ? null : IntervalsTable.localScale(window.values(), localSteps);
            int choices = row.fieldIndex(FallbackTable.METHODS);
            List<String> methods = row.isNullAt(choices) ? null : row.getList(choices);
            double[] ets = etsForecasts(row, origin);
            for (int step = 1; step <= steps; step++) {
                Published published = publish(methods, row, window, step, forecasts[i][step - 1], ets);
                double[] interval = bounds == null ? null : bounds.interval(step, published.prediction(), scale);
                Double lower = interval == null ? null : interval[0];
                Double upper = interval == null ? null : interval[1];
                out.add(RowFactory.create(row.getString(row.fieldIndex(SeriesColumns.SERIES_ID)), origin, step,
                        frequency.plus(window.anchor(), window.endStep() + step), published.prediction(),
                        published.method().code(), lower, upper, null, null));
            }
        }
        return out;
    }

    /** A published forecast of one step and the method that made it. */
    private record Published(ForecastMethod method, double prediction) {
    }

    /**
     * What is published at a forecast step of a window's series: the method evaluate chose for
     * the step's horizon, or the model where that method cannot forecast the step (a history too
     * short for the baseline's season, no ETS forecast from the window's origin).
     *
     * @param methods the series' choices by horizon; null without choices
     * @param ets     the series' ETS forecasts from the window's origin; null without
     */
    private static Published publish(List<String> methods, Row row, SeriesWindow window, int step, double model,
                                     double[] ets) {
        Published byModel = new Published(ForecastMethod.MODEL, model);
        ForecastMethod method = methods == null ? ForecastMethod.MODEL
                : ForecastMethod.of(FallbackTable.methodAt(methods, step));
        if (method == ForecastMethod.MODEL || method.needsEts() && ets == null) {
            return byModel;
        }
        if (method == ForecastMethod.ETS) {
            return new Published(method, ets[step - 1]);
        }
        // A baseline, or the combination with the series' baseline at the step's horizon.
        int baselines = row.fieldIndex(FallbackTable.BASELINES);
        String code = method == ForecastMethod.COMBINED
                ? row.isNullAt(baselines) ? null : FallbackTable.methodAt(row.getList(baselines), step)
                : method.code();
        int season = row.getInt(row.fieldIndex(FallbackTable.SEASON));
        if (code == null || window.values().length < NaiveForecast.historyNeeded(season)) {
            return byModel;
        }
        double baseline = NaiveForecast.of(code).forecast(window.values(), season, step);
        return new Published(method, method == ForecastMethod.COMBINED
                ? ForecastCombination.of(model, ets[step - 1], baseline) : baseline);
    }

    /** The row's ETS forecasts, where they were made from the window's origin; null otherwise. */
    private static double[] etsForecasts(Row row, LocalDateTime origin) {
        int forecasts = row.fieldIndex(LatestEtsForecasts.FORECASTS);
        if (row.isNullAt(forecasts) || !origin.equals(row.get(row.fieldIndex(LatestEtsForecasts.ORIGIN)))) {
            return null;
        }
        List<Double> values = row.getList(forecasts);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
