package io.sparkforecast.score;

import io.sparkforecast.data.SeriesLoader;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.data.Frequency;
import io.sparkforecast.data.LatestWindows;
import io.sparkforecast.data.SampleEncoder;
import io.sparkforecast.data.SeriesColumns;
import io.sparkforecast.data.SeriesWindow;
import io.sparkforecast.data.SeriesWindows;
import io.sparkforecast.model.ModelArtifact;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.ops.Stages;
import io.sparkforecast.storage.Storage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * score: for every series, forecasts score.horizon steps from its latest window as of the run
 * date, with a published model version, into the predictions table partition of that date.
 */
public final class ScoreJob {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);
    private static final StructType FORECAST_SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(PredictionsTable.ORIGIN_TS, DataTypes.TimestampNTZType, false)
            .add(PredictionsTable.STEP, DataTypes.IntegerType, false)
            .add(PredictionsTable.TARGET_TS, DataTypes.TimestampNTZType, false)
            .add(PredictionsTable.PREDICTION, DataTypes.DoubleType, false);

    private final SparkSession spark;
    private final ForecastConfig config;

    public ScoreJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** What run() would do, after checking the model (if published yet), input and output. */
    public List<String> dryRun() {
        return List.of(
                "model: " + new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                        .describe(config.modelVersion()),
                "input: " + SeriesLoader.checkInput(spark, config.series(), config.features().extraColumns()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().predictions()),
                String.format("would forecast %d steps per series from its data up to %s into partition run_date=%s",
                        config.score().horizon(), config.runDate(), config.runDate()));
    }

    public ScoreResult run() {
        ModelArtifact model = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                .load(config.modelVersion());
        ModelMetadata metadata = model.metadata();
        SampleEncoder encoder = metadata.encoder();
        int extras = metadata.shape().extraColumns().size();

        LocalDateTime cutoff = config.runDate().plusDays(1).atStartOfDay();
        Dataset<Row> windows = LatestWindows.of(ModelInputs.series(spark, config, metadata, cutoff),
                        encoder.historyLength(), extras)
                .join(ModelInputs.scalers(spark, metadata), SeriesColumns.SERIES_ID, "left")
                .cache();
        Stages stages = new Stages(LOG, "score");
        long seriesCount = stages.time("read latest windows", windows::count);
        long unknown = windows.filter(col(SeriesWindows.SCALER_MIN).isNull()).count();
        long tooShort = windows.filter(col(LatestWindows.AVAILABLE).lt(encoder.historyLength())).count();
        if (unknown > 0 || tooShort > 0) {
            LOG.warn("score: not forecasting {} series the model was not trained on and {} series with fewer "
                    + "than {} regular steps up to {}", unknown, tooShort, encoder.historyLength(), config.runDate());
        }
        Dataset<Row> scorable = windows.filter(col(SeriesWindows.SCALER_MIN).isNotNull()
                .and(col(LatestWindows.AVAILABLE).equalTo(encoder.historyLength())));

        Broadcast<byte[]> modelZip = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model.modelZip());
        Dataset<Row> forecasts = scorable.mapPartitions(forecastFunction(metadata.modelZipSha256(), modelZip, encoder,
                Frequency.parse(metadata.shape().frequency()), extras, config.score().horizon(),
                config.score().batchSize()), Encoders.row(FORECAST_SCHEMA));
        Dataset<Row> predictions = forecasts
                .withColumn(PredictionsTable.MODEL_NAME, lit(metadata.modelName()))
                .withColumn(PredictionsTable.MODEL_VERSION, lit(metadata.modelVersion()))
                .withColumn(PredictionsTable.RUN_DATE, to_date(lit(config.runDate().toString())))
                .select(PredictionsTable.columns());
        long scored = seriesCount - unknown - tooShort;
        long rows = scored * config.score().horizon();
        stages.time("forecast and write", () -> PredictionsTable.write(
                predictions.repartition(PredictionsTable.filesFor(rows)), config.output().predictions()));
        windows.unpersist();
        modelZip.destroy();

        LOG.info("score: model {} version {}: {} series x {} steps = {} predictions for run_date={} in {}",
                metadata.modelName(), metadata.modelVersion(), scored, config.score().horizon(), rows,
                config.runDate(), config.output().predictions());
        return new ScoreResult(seriesCount, scored, unknown, tooShort, rows, metadata.modelVersion(),
                config.output().predictions() + "/" + PredictionsTable.RUN_DATE + "=" + config.runDate());
    }

    private static MapPartitionsFunction<Row, Row> forecastFunction(String sha256, Broadcast<byte[]> modelZip,
                                                                   SampleEncoder encoder, Frequency frequency,
                                                                   int extras, int steps, int batchSize) {
        return rows -> {
            Forecaster forecaster = new Forecaster(ExecutorModels.network(sha256, modelZip), encoder);
            return new BatchedIterator<>(rows, batchSize,
                    batch -> forecastBatch(forecaster, batch, frequency, extras, steps));
        };
    }

    private static List<Row> forecastBatch(Forecaster forecaster, List<Row> batch, Frequency frequency, int extras,
                                           int steps) {
        List<SeriesWindow> windows = new ArrayList<>(batch.size());
        for (Row row : batch) {
            windows.add(SeriesWindows.toWindow(row, extras));
        }
        double[][] forecasts = forecaster.forecast(windows, steps);
        List<Row> out = new ArrayList<>(batch.size() * steps);
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            SeriesWindow window = windows.get(i);
            LocalDateTime origin = (LocalDateTime) row.get(row.fieldIndex(SeriesColumns.TS));
            for (int step = 1; step <= steps; step++) {
                out.add(RowFactory.create(row.getString(row.fieldIndex(SeriesColumns.SERIES_ID)), origin, step,
                        frequency.plus(window.anchor(), window.endStep() + step), forecasts[i][step - 1]));
            }
        }
        return out;
    }
}
