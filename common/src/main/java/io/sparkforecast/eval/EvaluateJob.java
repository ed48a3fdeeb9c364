package io.sparkforecast.eval;

import io.sparkforecast.data.SeriesLoader;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.JobFailure;
import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.data.SampleEncoder;
import io.sparkforecast.data.SeriesColumns;
import io.sparkforecast.data.SeriesWindow;
import io.sparkforecast.data.SeriesWindows;
import io.sparkforecast.data.TimeSplit;
import io.sparkforecast.model.ModelArtifact;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.score.BatchedIterator;
import io.sparkforecast.score.ExecutorModels;
import io.sparkforecast.score.Forecaster;
import io.sparkforecast.score.ModelInputs;
import io.sparkforecast.storage.Storage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * evaluate: one-step-ahead forecasts of every test target (the rows after each series' train
 * and validation parts, as split for training) by the model and by the baselines, compared
 * with the actual values in original units; writes the metrics table and prints the overall
 * metrics.
 */
public final class EvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);
    private static final StructType FORECAST_SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(MetricsTable.METHOD, DataTypes.StringType, false)
            .add(MetricsTable.TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(MetricsTable.ACTUAL, DataTypes.DoubleType, false)
            .add(MetricsTable.PREDICTION, DataTypes.DoubleType, false);
    private static final int BATCH_SIZE = 1024;

    private final SparkSession spark;
    private final ForecastConfig config;

    public EvaluateJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** The evaluation's result: overall metric rows and the printed report. */
    public record Result(List<Row> overall, String report, String modelVersion, String path) implements JobResult {
        @Override
        public Map<String, Object> counts() {
            return Map.of("targets", overall.get(0).getLong(overall.get(0).fieldIndex(MetricsTable.TARGETS)));
        }

        /** Per method: rmse, mae, mape. */
        @Override
        public Map<String, Object> metrics() {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Row row : overall) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String name : List.of(MetricsTable.RMSE, MetricsTable.MAE, MetricsTable.MAPE)) {
                    values.put(name, row.get(row.fieldIndex(name)));
                }
                metrics.put(row.getString(row.fieldIndex(MetricsTable.METHOD)), values);
            }
            return metrics;
        }

        @Override
        public Map<String, String> paths() {
            return Map.of("metrics", path);
        }
    }

    /** What run() would do, after checking the model (if published yet), input and output. */
    public List<String> dryRun() {
        return List.of(
                "model: " + new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                        .describe(config.modelVersion()),
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().metrics()),
                String.format("would compare the model with persistence and seasonal baselines (season %d) "
                        + "on the test targets", config.evaluate().season()));
    }

    public Result run() {
        ModelArtifact model = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                .load(config.modelVersion());
        ModelMetadata metadata = model.metadata();
        SampleEncoder encoder = metadata.encoder();
        int extras = metadata.shape().extraColumns().size();
        int season = config.evaluate().season();
        int historyLength = Math.max(encoder.historyLength(), Baselines.historyNeeded(season));
        TimeSplit split = new TimeSplit(new SplitSpec(metadata.shape().trainShare(), metadata.shape().validationShare()));

        Dataset<Row> rows = ModelInputs.series(spark, config, metadata, null)
                .withColumn(MetricsTable.TARGET_TS, lead(col(SeriesColumns.TS), 1).over(
                        Window.partitionBy(SeriesColumns.SERIES_ID, SeriesColumns.SEGMENT).orderBy(SeriesColumns.STEP)));
        Dataset<Row> targets = SeriesWindows.windows(rows, historyLength, 1, extras)
                .filter(size(col(SeriesWindows.FUTURE)).equalTo(1).and(not(col(SeriesWindows.FUTURE_FILLED))))
                .filter(col(SeriesColumns.POSITION).plus(1).geq(split.testStart(col(SeriesColumns.SERIES_LENGTH))))
                .filter(withinBounds())
                .join(ModelInputs.scalers(spark, metadata), SeriesColumns.SERIES_ID);

        Broadcast<byte[]> modelZip = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model.modelZip());
        Dataset<Row> forecasts = targets.mapPartitions(
                forecastFunction(metadata.modelZipSha256(), modelZip, encoder, extras, season),
                Encoders.row(FORECAST_SCHEMA));
        Dataset<Row> metrics = MetricsTable.complete(MetricsTable.aggregate(forecasts), metadata.modelName(),
                metadata.modelVersion(), TimeSplit.TEST, 1).cache();
        new Stages(LOG, "evaluate").time("forecast, compare and write metrics",
                () -> MetricsTable.write(metrics.coalesce(1), config.output().metrics()));
        List<Row> overall = metrics.filter(col(SeriesColumns.SERIES_ID).isNull()).collectAsList();
        metrics.unpersist();
        modelZip.destroy();

        if (overall.isEmpty()) {
            throw JobFailure.invalidInput(
                    "no test targets to evaluate in %s (test share %.2f, bounds %s..%s)", config.series().path(),
                    1 - metadata.shape().trainShare() - metadata.shape().validationShare(),
                    config.evaluate().from(), config.evaluate().to());
        }
        String report = MetricsReport.format(String.format("test metrics, one step ahead, model %s version %s:",
                metadata.modelName(), metadata.modelVersion()), overall);
        LOG.info("evaluate: {} targets per method; metrics table written to {}",
                overall.get(0).getLong(overall.get(0).fieldIndex(MetricsTable.TARGETS)), config.output().metrics());
        return new Result(overall, report, metadata.modelVersion(), config.output().metrics());
    }

    private Column withinBounds() {
        LocalDateTime from = config.evaluate().from();
        LocalDateTime to = config.evaluate().to();
        Column target = col(MetricsTable.TARGET_TS);
        Column bounds = lit(true);
        if (from != null) {
            bounds = bounds.and(target.geq(lit(from)));
        }
        if (to != null) {
            bounds = bounds.and(target.leq(lit(to)));
        }
        return bounds;
    }

    private static MapPartitionsFunction<Row, Row> forecastFunction(String sha256, Broadcast<byte[]> modelZip,
                                                                   SampleEncoder encoder, int extras, int season) {
        return rows -> {
            Forecaster forecaster = new Forecaster(ExecutorModels.network(sha256, modelZip), encoder);
            return new BatchedIterator<>(rows, BATCH_SIZE, batch -> forecastBatch(forecaster, batch, extras, season));
        };
    }

    private static List<Row> forecastBatch(Forecaster forecaster, List<Row> batch, int extras, int season) {
        List<SeriesWindow> windows = new ArrayList<>(batch.size());
        for (Row row : batch) {
            windows.add(SeriesWindows.toWindow(row, extras));
        }
        double[][] model = forecaster.forecast(windows, 1);
        List<Row> out = new ArrayList<>(batch.size() * ForecastMethod.values().length);
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            double[] history = windows.get(i).values();
            double[] predictions = {
                model[i][0],
                Baselines.persistence(history),
                Baselines.seasonalNaive(history, season),
                Baselines.seasonalNaiveWithDrift(history, season)
            };
            String seriesId = row.getString(row.fieldIndex(SeriesColumns.SERIES_ID));
            Object targetTs = row.get(row.fieldIndex(MetricsTable.TARGET_TS));
            double actual = (Double) row.getList(row.fieldIndex(SeriesWindows.FUTURE)).get(0);
            for (ForecastMethod method : ForecastMethod.values()) {
                out.add(RowFactory.create(seriesId, method.code(), targetTs, actual, predictions[method.ordinal()]));
            }
        }
        return out;
    }
}
