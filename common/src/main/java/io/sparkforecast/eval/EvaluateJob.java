package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.inference.IntervalsTable;
import io.sparkforecast.inference.ModelOnExecutors;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesLoader;
import io.sparkforecast.model.ModelArtifact;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.model.RegistryTable;
import io.sparkforecast.ops.Job;
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.report.EvaluationReport;
import io.sparkforecast.report.OptionalReport;
import io.sparkforecast.report.ReportIndex;
import io.sparkforecast.report.SeriesForecast;
import io.sparkforecast.series.TimeSplit;
import io.sparkforecast.spark.Cached;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.PublicationSet;
import io.sparkforecast.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * evaluate: a rolling-origin backtest over the test period. Every step from the last one
 * before each series' test part on is an origin; the model (recursively, as score does) and
 * the baselines forecast 1..evaluate.horizon steps from it, and every forecast of an observed
 * test row within the configured bounds is compared with it, in original units. Writes the
 * metrics table (per series and overall, per horizon and all horizons) and prints a report.
 */
public final class EvaluateJob implements Job<EvaluateJob.Result> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);
    /** Series listed in the report's table of the model's worst. */
    private static final int WORST_SERIES_LISTED = 10;

    private final SparkSession spark;
    private final ForecastConfig config;
    private final Stages stages = new Stages(LOG, "evaluate");

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
        public String console() {
            return report;
        }

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

    /** What run() would do, after checking the model (if published yet), input and output. */
    @Override
    public List<String> dryRun() {
        return List.of(
                "model: " + new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                        .describe(config.modelVersion()),
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().metrics()),
                "report: " + Storage.of(spark).checkWritableDirectory(config.output().reports()),
                String.format("would backtest the model against persistence and seasonal baselines (season %d) at "
                        + "horizons 1..%d over the test period", config.season(), config.evaluate().horizon()));
    }

    @Override
    public Result run() {
        checkOutputsWritable();
        ModelArtifact model = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                .load(config.modelVersion());
        ModelMetadata metadata = model.metadata();
        RegistryTable.ensureListed(spark, tables(), config.output().models(), config.output().registry(),
                metadata.modelName(), metadata.modelVersion());
        try (Cached cached = new Cached();
             ModelOnExecutors network = ModelOnExecutors.broadcast(spark, model, config.inference().batchSize())) {
            Backtest backtest = Backtest.run(spark, config, metadata, network, cached);
            Dataset<Row> choices = stages.time("choose fallbacks on validation", () -> cached.of(
                    backtest.fallbackChoices(config.season(), config.evaluate().fallbackConfidence())));
            Dataset<Row> published = backtest.published(choices);
            Dataset<Row> metrics = cached.of(MetricsTable.complete(cached.of(MetricsTable.aggregate(
                    backtest.forecasts())).unionByName(MetricsTable.aggregate(published)), metadata.modelName(),
                    metadata.modelVersion()));
            Dataset<Row> testMetrics = metrics.filter(col(MetricsTable.SPLIT).equalTo(TimeSplit.TEST));
            List<Row> overall = overallOrFail(testMetrics, metadata);
            Dataset<Row> bounds = config.evaluate().intervalLevel() > 0 ? cached.of(IntervalsTable.fit(published,
                    config.evaluate().intervalLevel(), config.season())) : null;
            List<Row> intervals = bounds == null ? List.of()
                    : stages.time("fit prediction intervals", bounds::collectAsList);
            Findings findings = findings(metadata, overall, testMetrics, choices, intervals);
            String reportDir = publish(metadata, choices, bounds, metrics, findings, backtest, intervals);
            String path = tables().partitionLocation(config.output().metrics(), MetricsTable.MODEL_VERSION,
                    metadata.modelVersion());
            return new Result(overall, findings.wins(), findings.report(), metadata.modelVersion(), path,
                    findings.coverage(), reportDir);
        }
    }

    /** Fails before any work when an output cannot be written (as the dry run does). */
    private void checkOutputsWritable() {
        for (String output : List.of(config.output().metrics(), config.output().reports(), config.output().intervals(),
                config.output().fallback())) {
            Storage.of(spark).checkWritableDirectory(output);
        }
    }

    private OutputTables tables() {
        return OutputTables.of(spark, config.output().tableFormat(), config.output().iceberg());
    }

    /**
     * The overall test metrics (no series); checked before anything is written, so an evaluate
     * with nothing to measure leaves the previous outputs.
     */
    private List<Row> overallOrFail(Dataset<Row> testMetrics, ModelMetadata metadata) {
        List<Row> overall = testMetrics.filter(col(SeriesColumns.SERIES_ID).isNull()).collectAsList();
        if (overall.isEmpty()) {
            throw JobFailure.invalidInput("no test targets to evaluate in %s (test share %.2f, bounds %s..%s); "
                            + "the previous metrics, intervals and fallbacks of version %s are unchanged",
                    config.series().path(), metadata.shape().split().test(),
                    config.evaluate().from(), config.evaluate().to(), metadata.modelVersion());
        }
        return overall;
    }

    /** What the report says: the printed tables and findings, and the page's parts. */
    private record Findings(SeriesWins wins, String report, EvaluationReport.Backtest page, Double coverage) {
    }

    private Findings findings(ModelMetadata metadata, List<Row> overall, Dataset<Row> testMetrics,
                              Dataset<Row> choices, List<Row> intervals) {
        Map<String, Long> firstStep = new TreeMap<>();
        choices.filter(col(FallbackTable.HORIZON).equalTo(1)).groupBy(FallbackTable.METHOD).count().collectAsList()
                .forEach(row -> firstStep.put(row.getString(0), row.getLong(1)));
        SeriesWins wins = SeriesWins.of(testMetrics, overall,
                choices.filter(col(FallbackTable.METHOD).notEqual(ForecastMethod.MODEL.code()))
                        .select(SeriesColumns.SERIES_ID).distinct().count(), firstStep);
        int horizon = config.evaluate().horizon();
        String title = String.format("backtest of model %s version %s on the test period, horizons 1..%d (season %d):",
                metadata.modelName(), metadata.modelVersion(), horizon, config.season());
        String findings = wins.describe();
        Double coverage = IntervalsTable.overallCoverage(intervals);
        if (coverage != null) {
            findings += String.format("prediction intervals (%.0f%%): coverage %.1f%% of the later half of the test "
                    + "targets with bounds fitted on the earlier half%n", 100 * config.evaluate().intervalLevel(),
                    100 * coverage);
        }
        List<String> notes = new ArrayList<>(MetricsReport.warnings(overall));
        notes.addAll(findings.lines().toList());
        EvaluationReport.Backtest page = new EvaluationReport.Backtest(title, MetricsReport.overallTable(overall),
                MetricsReport.horizonTable(overall, horizon), MetricsReport.rmseByHorizon(overall, horizon), notes,
                SeriesWins.worst(testMetrics, WORST_SERIES_LISTED));
        return new Findings(wins, MetricsReport.format(title, overall, horizon) + findings, page, coverage);
    }

    /**
     * Publishes the metrics, fallback choices, intervals and report as one set (see
     * {@link PublicationSet}); returns the report's directory, null where it was not rendered.
     */
    private String publish(ModelMetadata metadata, Dataset<Row> choices, Dataset<Row> bounds, Dataset<Row> metrics,
                           Findings findings, Backtest backtest, List<Row> intervals) {
        String reportDir;
        try (PublicationSet set = PublicationSet.begin(spark, tables(),
                FallbackTable.evaluationSets(config.output().work(), metadata.modelName()))) {
            stages.time("stage metrics, fallbacks and intervals", () -> {
                FallbackTable.write(set, choices, config.output().fallback(), metadata.modelVersion());
                if (bounds != null) {
                    IntervalsTable.write(set, bounds, config.output().intervals(), metadata.modelVersion());
                }
                MetricsTable.write(set, metrics, config.output().metrics(), metadata.modelVersion());
            });
            reportDir = stages.time("render report", () -> stageReport(set, metadata, findings.page(),
                    backtest.modelTestForecasts(), intervals));
            stages.time("publish metrics, fallbacks, intervals and report", set::commit);
        }
        if (reportDir != null) {
            LOG.info("evaluate: report written to {}/{}", reportDir, EvaluationReport.HTML);
            ReportIndex.refresh(Storage.of(spark), config.output().models(), config.output().reports(),
                    metadata.modelName());
        }
        return reportDir;
    }

    /**
     * Stages evaluate.html and its plots as {@code <output.reports>/<model_name>/<model_version>},
     * replacing a previous run's; returns that directory, or null (and the set removes any
     * previous report, which would describe another run) when the driver cannot render them.
     */
    private String stageReport(PublicationSet set, ModelMetadata metadata, EvaluationReport.Backtest page,
                               Dataset<Row> modelForecasts, List<Row> intervals) {
        String dir = config.output().reports() + "/" + metadata.modelName() + "/" + metadata.modelVersion();
        List<String> plottedIds = BacktestPlots.choose(modelForecasts, config.report().plotSeries());
        List<SeriesForecast> plotted = BacktestPlots.collect(modelForecasts, plottedIds,
                IntervalsTable.bounds(intervals));
        List<String> missing = plottedIds.stream()
                .filter(id -> plotted.stream().noneMatch(series -> series.seriesId().equals(id))).toList();
        if (!missing.isEmpty()) {
            LOG.warn("evaluate: no test forecasts to plot for series {}", missing);
        }
        Map<String, byte[]> files = OptionalReport.render("report " + dir, () -> EvaluationReport.files(
                metadata.modelName(), metadata.modelVersion(), page,
                intervals.isEmpty() ? 0 : config.evaluate().intervalLevel(), plotted, missing));
        set.replaceDirectory(Storage.of(spark).qualify(dir), files);
        return files.isEmpty() ? null : dir;
    }
}
