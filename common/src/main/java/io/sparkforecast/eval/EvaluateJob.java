package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.sparkforecast.config.ClassicalMethod;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.inference.ForecastMethod;
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
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.report.EvaluationReport;
import io.sparkforecast.report.OptionalReport;
import io.sparkforecast.report.ReportIndex;
import io.sparkforecast.report.ReportTable;
import io.sparkforecast.report.SeriesForecast;
import io.sparkforecast.series.BaselineSelection;
import io.sparkforecast.series.MaseScale;
import io.sparkforecast.series.SlidingWindows;
import io.sparkforecast.series.TimeSplit;
import io.sparkforecast.spark.Materialized;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.PublicationSet;
import io.sparkforecast.storage.Storage;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * evaluate: a rolling-origin backtest over the test period. Every step from the last one
 * before each series' test part on is an origin; the model (recursively, as score does) and
 * the baselines forecast 1..evaluate.horizon steps from it, and every forecast of an observed
 * test row within the configured bounds is compared with it, in original units. Writes the
 * metrics table (per series and overall, per horizon and all horizons) and prints a report.
 */
public final class EvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);
    private static final StructType FORECAST_SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(MetricsTable.METHOD, DataTypes.StringType, false)
            .add(MetricsTable.HORIZON, DataTypes.IntegerType, false)
            .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(MetricsTable.ACTUAL, DataTypes.DoubleType, false)
            .add(MetricsTable.PREDICTION, DataTypes.DoubleType, false)
            .add(MetricsTable.SCALE, DataTypes.DoubleType, true)
            .add(MetricsTable.SPLIT, DataTypes.StringType, false)
            .add(IntervalsTable.SCALE, DataTypes.DoubleType, true);
    private static final String VALIDATION_START = "validation_start";
    /** Series listed in the report's table of the model's worst. */
    private static final int WORST_SERIES_LISTED = 10;

    private final SparkSession spark;
    private final ForecastConfig config;

    public EvaluateJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /**
     * The evaluation's result: overall metric rows and the printed report.
     *
     * @param reportDir where evaluate.html and its plots are; null when they could not be rendered
     */
    public record Result(List<Row> overall, SeriesWins wins, String report, String modelVersion, String path,
                         Double intervalCoverage, String reportDir) implements JobResult {
        @Override
        public Map<String, Object> counts() {
            long targets = overall.stream().filter(r -> r.isNullAt(r.fieldIndex(MetricsTable.HORIZON))
                    && r.getString(r.fieldIndex(MetricsTable.METHOD)).equals(ForecastMethod.MODEL.code()))
                    .mapToLong(r -> r.getLong(r.fieldIndex(MetricsTable.TARGETS))).sum();
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("forecasts_per_method", targets);
            counts.put("series", wins.series());
            counts.put("series_model_wins", wins.modelWins());
            counts.put("series_published_other_than_model", wins.fallbacks());
            return counts;
        }

        /** Per method over all horizons: rmse, mae, mape, smape, mase. */
        @Override
        public Map<String, Object> metrics() {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (ForecastMethod method : ForecastMethod.values()) {
                Row row = MetricsReport.find(overall, method, null);
                if (row != null) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (String name : List.of(MetricsTable.RMSE, MetricsTable.MAE, MetricsTable.MAPE,
                            MetricsTable.SMAPE, MetricsTable.MASE)) {
                        values.put(name, row.get(row.fieldIndex(name)));
                    }
                    metrics.put(method.code(), values);
                }
            }
            if (intervalCoverage != null) {
                metrics.put("interval_coverage", intervalCoverage);
            }
            return metrics;
        }

        @Override
        public Map<String, String> paths() {
            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("metrics", path);
            if (reportDir != null) {
                paths.put("report", reportDir + "/" + EvaluationReport.HTML);
            }
            return paths;
        }
    }

    /** What the backtest compares: bounds on target times and the forecast settings. */
    private record Plan(Frequency frequency, int horizon, int season, int extras, int localSteps, LocalDateTime from,
                        LocalDateTime to) implements Serializable {
        boolean inBounds(LocalDateTime target) {
            return (from == null || !target.isBefore(from)) && (to == null || !target.isAfter(to));
        }
    }

    /** What run() would do, after checking the model (if published yet), input and output. */
    public List<String> dryRun() {
        return List.of(
                "model: " + new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                        .describe(config.modelVersion()),
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().metrics()),
                "report: " + Storage.of(spark).checkWritableDirectory(config.output().reports()),
                String.format("would backtest the model against persistence and seasonal baselines (season %d) at "
                        + "horizons 1..%d over the test period", config.evaluate().season(), config.evaluate().horizon()));
    }

    public Result run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.output().metrics());
        Storage.of(spark).checkWritableDirectory(config.output().reports());
        Storage.of(spark).checkWritableDirectory(config.output().intervals());
        Storage.of(spark).checkWritableDirectory(config.output().fallback());
        ModelArtifact model = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                .load(config.modelVersion());
        ModelMetadata metadata = model.metadata();
        RegistryTable.ensureListed(spark, OutputTables.of(spark, config.output().tableFormat(), config.output().iceberg()),
                config.output().models(), config.output().registry(), metadata.modelName(), metadata.modelVersion());
        SampleEncoder encoder = metadata.encoder();
        Plan plan = new Plan(metadata.shape().samples().frequency(), config.evaluate().horizon(),
                config.evaluate().season(), metadata.shape().samples().extraColumns().size(), encoder.windowLength(),
                config.evaluate().from(),
                config.evaluate().to());
        int historyLength = Math.max(encoder.historyLength(), NaiveForecast.historyNeeded(plan.season()));
        int minimumHistory = Math.max(encoder.windowLength(), NaiveForecast.historyNeeded(plan.season()));
        TimeSplit split = new TimeSplit(metadata.shape().split());

        Dataset<Row> rows = Materialized.of(ModelInputs.series(spark, config, metadata, null));
        // Origins from the last step before the validation part on: validation targets decide
        // score's fallback, test targets are what this report measures.
        Dataset<Row> origins = SlidingWindows
                .windows(rows, historyLength, minimumHistory, plan.horizon(), plan.extras())
                .withColumn(VALIDATION_START, split.trainRows(col(SeriesColumns.SERIES_LENGTH)))
                .withColumn(TimeSplit.TEST_START, split.testStart(col(SeriesColumns.SERIES_LENGTH)))
                .filter(col(SeriesColumns.POSITION).plus(1).geq(col(VALIDATION_START))
                        .and(size(col(SlidingWindows.FUTURE)).geq(1)))
                .join(ModelInputs.scalers(spark, metadata), SeriesColumns.SERIES_ID)
                .join(MaseScale.of(rows, plan.season(), split), SeriesColumns.SERIES_ID, "left");

        ModelOnExecutors network = ModelOnExecutors.broadcast(spark, model, config.score().batchSize());
        Dataset<Row> networkAndBaselines = Materialized.of(origins.mapPartitions(
                network.inBatches(forecast(encoder, plan)), Encoders.row(FORECAST_SCHEMA)));
        Dataset<Row> baselines = Materialized.of(BaselineSelection.perHorizon(rows, plan.season(), split,
                plan.horizon()));
        // ETS per series, and where it forecast, the combination; cached apart from the backtest
        // (the union with the cached backtest costs nothing to redo).
        Dataset<Row> ets = config.evaluate().classical().contains(ClassicalMethod.ETS)
                ? Materialized.of(EtsForecasts.of(rows, split, plan.horizon(), plan.season())) : null;
        Dataset<Row> classical = ets == null ? null
                : Materialized.of(etsAndCombined(networkAndBaselines, ets, baselines));
        Dataset<Row> forecasts = classical == null ? networkAndBaselines : networkAndBaselines.unionByName(classical);
        Stages stages = new Stages(LOG, "evaluate");
        Dataset<Row> backtest = Materialized.of(MetricsTable.aggregate(forecasts));
        Dataset<Row> fallbackChoices = stages.time("choose fallbacks on validation", () -> Materialized.of(
                withEtsForms(FallbackChoice.choose(forecasts.filter(col(MetricsTable.SPLIT).equalTo(TimeSplit.VALIDATION)),
                        baselines, BaselineSelection.BEST, plan.season(), config.score().fallbackConfidence()), ets)));
        Dataset<Row> fallback = fallbackChoices.select(SeriesColumns.SERIES_ID, FallbackTable.HORIZON,
                FallbackTable.METHOD);
        Dataset<Row> published = PublishedForecasts.of(forecasts.filter(col(MetricsTable.SPLIT).equalTo(TimeSplit.TEST)),
                fallback);
        Dataset<Row> metrics = Materialized.of(MetricsTable.complete(backtest.unionByName(MetricsTable.aggregate(published)),
                metadata.modelName(), metadata.modelVersion()));
        Dataset<Row> testMetrics = metrics.filter(col(MetricsTable.SPLIT).equalTo(TimeSplit.TEST));
        List<Row> overall = testMetrics.filter(col(SeriesColumns.SERIES_ID).isNull()).collectAsList();
        // Checked before anything is written: a failed evaluate leaves the previous outputs.
        if (overall.isEmpty()) {
            throw JobFailure.invalidInput("no test targets to evaluate in %s (test share %.2f, bounds %s..%s); "
                            + "the previous metrics, intervals and fallbacks of version %s are unchanged",
                    config.series().path(), metadata.shape().split().test(),
                    config.evaluate().from(), config.evaluate().to(), metadata.modelVersion());
        }
        Map<String, Long> firstStep = new TreeMap<>();
        fallback.filter(col(FallbackTable.HORIZON).equalTo(1)).groupBy(FallbackTable.METHOD).count().collectAsList()
                .forEach(row -> firstStep.put(row.getString(0), row.getLong(1)));
        SeriesWins wins = SeriesWins.of(testMetrics, overall,
                fallback.filter(col(FallbackTable.METHOD).notEqual(ForecastMethod.MODEL.code()))
                        .select(SeriesColumns.SERIES_ID).distinct().count(), firstStep);
        ReportTable worstSeries = SeriesWins.worst(testMetrics, WORST_SERIES_LISTED);
        Dataset<Row> bounds = config.evaluate().intervalLevel() > 0
                ? Materialized.of(IntervalsTable.fit(published, config.evaluate().intervalLevel(),
                        config.evaluate().season()))
                : null;
        List<Row> intervals = bounds == null ? List.of()
                : stages.time("fit prediction intervals", bounds::collectAsList);
        Dataset<Row> modelForecasts = forecasts.filter(col(MetricsTable.SPLIT).equalTo(TimeSplit.TEST)
                .and(col(MetricsTable.METHOD).equalTo(ForecastMethod.MODEL.code())));
        List<String> plottedIds = BacktestPlots.choose(modelForecasts, config.evaluate().plotSeries());
        List<SeriesForecast> plotted = stages.time("collect plotted series",
                () -> BacktestPlots.collect(modelForecasts, plottedIds, IntervalsTable.bounds(intervals)));

        String title = String.format("backtest of model %s version %s on the test period, horizons 1..%d (season %d):",
                metadata.modelName(), metadata.modelVersion(), plan.horizon(), plan.season());
        String tables = MetricsReport.format(title, overall, plan.horizon());
        String findings = wins.describe();
        Double coverage = IntervalsTable.overallCoverage(intervals);
        if (coverage != null) {
            findings += String.format("prediction intervals (%.0f%%): coverage %.1f%% of the later half of the test "
                    + "targets with bounds fitted on the earlier half%n", 100 * config.evaluate().intervalLevel(),
                    100 * coverage);
        }
        String report = tables + findings;
        List<String> notes = new ArrayList<>(MetricsReport.warnings(overall));
        notes.addAll(findings.lines().toList());
        OutputTables outputTables = OutputTables.of(spark, config.output().tableFormat(), config.output().iceberg());
        String reportDir;
        try (PublicationSet set = PublicationSet.begin(spark, outputTables,
                FallbackTable.evaluationSets(config.output().work(), metadata.modelName()))) {
            stages.time("stage metrics, fallbacks and intervals", () -> {
                FallbackTable.write(set, fallbackChoices, config.output().fallback(), metadata.modelVersion());
                if (bounds != null) {
                    IntervalsTable.write(set, bounds, config.output().intervals(), metadata.modelVersion());
                }
                MetricsTable.write(set, metrics, config.output().metrics(), metadata.modelVersion());
            });
            backtest.unpersist();
            fallbackChoices.unpersist();
            if (bounds != null) {
                bounds.unpersist();
            }
            metrics.unpersist();
            if (ets != null) {
                ets.unpersist();
                classical.unpersist();
            }
            baselines.unpersist();
            networkAndBaselines.unpersist();
            rows.unpersist();
            network.close();
            EvaluationReport.Backtest page = new EvaluationReport.Backtest(title, MetricsReport.overallTable(overall),
                    MetricsReport.horizonTable(overall, plan.horizon()), MetricsReport.rmseByHorizon(overall,
                    plan.horizon()), notes, worstSeries);
            reportDir = stages.time("render report", () -> stageReport(set, metadata, page, plottedIds, plotted,
                    intervals.isEmpty()));
            stages.time("publish metrics, fallbacks, intervals and report", set::commit);
        }
        String path = outputTables.partitionLocation(config.output().metrics(), MetricsTable.MODEL_VERSION,
                metadata.modelVersion());
        LOG.debug("evaluate: metrics table partition written to {}", path);
        if (reportDir != null) {
            LOG.info("evaluate: report written to {}/{}", reportDir, EvaluationReport.HTML);
            ReportIndex.refresh(Storage.of(spark), config.output().models(), config.output().reports(),
                    metadata.modelName());
        }
        return new Result(overall, wins, report, metadata.modelVersion(), path, coverage, reportDir);
    }

    /**
     * Stages evaluate.html and its plots as {@code <output.reports>/<model_name>/<model_version>},
     * replacing a previous run's; returns that directory, or null (and the set removes any
     * previous report, which would describe another run) when the driver cannot render them.
     */
    private String stageReport(PublicationSet set, ModelMetadata metadata, EvaluationReport.Backtest backtest,
                               List<String> plottedIds, List<SeriesForecast> plotted, boolean noIntervals) {
        String dir = config.output().reports() + "/" + metadata.modelName() + "/" + metadata.modelVersion();
        List<String> missing = plottedIds.stream()
                .filter(id -> plotted.stream().noneMatch(series -> series.seriesId().equals(id))).toList();
        if (!missing.isEmpty()) {
            LOG.warn("evaluate: no test forecasts to plot for series {}", missing);
        }
        Map<String, byte[]> files = OptionalReport.render("report " + dir, () -> EvaluationReport.files(
                metadata.modelName(), metadata.modelVersion(), backtest,
                noIntervals ? 0 : config.evaluate().intervalLevel(), plotted, missing));
        set.replaceDirectory(Storage.of(spark).qualify(dir), files);
        return files.isEmpty() ? null : dir;
    }

    /**
     * ETS's forecasts of the targets the network forecast, with their actual values, scales and
     * splits, and the combination's: the mean of the model's, ETS's and the series' best baseline's
     * forecasts of a target (at that horizon) where all three forecast it.
     *
     * @param ets {@link EtsForecasts}
     */
    private static Dataset<Row> etsAndCombined(Dataset<Row> forecasts, Dataset<Row> ets, Dataset<Row> baselines) {
        String[] target = {SeriesColumns.SERIES_ID, MetricsTable.HORIZON, MetricsTable.TARGET_TS};
        String modelPrediction = "model_prediction";
        String etsPrediction = "ets_prediction";
        String baselinePrediction = "baseline_prediction";
        Dataset<Row> model = forecasts.filter(col(MetricsTable.METHOD).equalTo(ForecastMethod.MODEL.code()))
                .drop(MetricsTable.METHOD).withColumnRenamed(MetricsTable.PREDICTION, modelPrediction);
        Dataset<Row> withEts = model.join(ets.select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON),
                col(MetricsTable.TARGET_TS), col(MetricsTable.PREDICTION).as(etsPrediction)), target);
        Dataset<Row> baseline = forecasts.join(baselines, new String[] {SeriesColumns.SERIES_ID, MetricsTable.HORIZON})
                .filter(col(MetricsTable.METHOD).equalTo(col(BaselineSelection.BEST)))
                .select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON), col(MetricsTable.TARGET_TS),
                        col(MetricsTable.PREDICTION).as(baselinePrediction));
        Column[] columns = Arrays.stream(FORECAST_SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
        Dataset<Row> etsRows = withEts.withColumn(MetricsTable.PREDICTION, col(etsPrediction))
                .withColumn(MetricsTable.METHOD, lit(ForecastMethod.ETS.code())).select(columns);
        Dataset<Row> combined = withEts.join(baseline, target)
                .withColumn(MetricsTable.PREDICTION, col(modelPrediction).plus(col(etsPrediction))
                        .plus(col(baselinePrediction)).divide(3))
                .withColumn(MetricsTable.METHOD, lit(ForecastMethod.COMBINED.code())).select(columns);
        return etsRows.unionByName(combined);
    }

    /** The choices with each series' ETS form (null without ETS). */
    private static Dataset<Row> withEtsForms(Dataset<Row> choices, Dataset<Row> ets) {
        if (ets == null) {
            return choices;
        }
        Dataset<Row> forms = ets.groupBy(SeriesColumns.SERIES_ID).agg(functions.first(FallbackTable.ETS_FORM)
                .as(FallbackTable.ETS_FORM));
        return choices.drop(FallbackTable.ETS_FORM).join(forms, SeriesColumns.SERIES_ID, "left")
                .select(Arrays.stream(FallbackTable.SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new));
    }

    private static ModelOnExecutors.BatchFunction forecast(SampleEncoder encoder, Plan plan) {
        return network -> {
            Forecaster forecaster = new Forecaster(network, encoder);
            return batch -> forecastBatch(forecaster, batch, plan);
        };
    }

    private static List<Row> forecastBatch(Forecaster forecaster, List<Row> batch, Plan plan) {
        List<SeriesWindow> windows = new ArrayList<>(batch.size());
        for (Row row : batch) {
            windows.add(SlidingWindows.toWindow(row, plan.extras()));
        }
        double[][] model = forecaster.forecast(windows, plan.horizon());
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            SeriesWindow window = windows.get(i);
            double[] history = window.values();
            List<Double> future = row.getList(row.fieldIndex(SlidingWindows.FUTURE));
            List<Boolean> filled = row.getList(row.fieldIndex(SlidingWindows.FUTURE_FILLED));
            String seriesId = row.getString(row.fieldIndex(SeriesColumns.SERIES_ID));
            Object scale = row.get(row.fieldIndex(MetricsTable.SCALE));
            Double localScale = IntervalsTable.localScale(history, plan.localSteps());
            long testStart = ((Number) row.get(row.fieldIndex(TimeSplit.TEST_START))).longValue();
            long position = ((Number) row.get(row.fieldIndex(SeriesColumns.POSITION))).longValue();
            for (int h = 1; h <= future.size(); h++) {
                LocalDateTime target = plan.frequency().plus(window.anchor(), window.endStep() + h);
                boolean test = position + h >= testStart;
                if (filled.get(h - 1) || test && !plan.inBounds(target)) {
                    continue;
                }
                for (ForecastMethod method : ForecastMethod.BACKTESTED) {
                    double prediction = method.baseline() == null ? model[i][h - 1]
                            : method.baseline().forecast(history, plan.season(), h);
                    out.add(RowFactory.create(seriesId, method.code(), h, target, future.get(h - 1), prediction,
                            scale, test ? TimeSplit.TEST : TimeSplit.VALIDATION, localScale));
                }
            }
        }
        return out;
    }
}
