package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.sparkforecast.config.ClassicalMethod;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.inference.ForecastCombination;
import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.inference.Forecaster;
import io.sparkforecast.inference.IntervalsTable;
import io.sparkforecast.inference.ModelInputs;
import io.sparkforecast.inference.ModelOnExecutors;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.series.BaselineSelection;
import io.sparkforecast.series.MaseScale;
import io.sparkforecast.series.RegularSeriesTable;
import io.sparkforecast.series.SlidingWindows;
import io.sparkforecast.series.TimeSplit;
import io.sparkforecast.spark.Cached;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * evaluate's forecasts. Every step from the last one before each series' validation part on is
 * an origin; the model (recursively, as score does), the baselines and, with ETS among
 * evaluate.classical, ETS and the combination forecast 1..evaluate.horizon steps from it. Each
 * forecast of an observed target (test targets within evaluate's bounds) is one row with its
 * actual value, scales and split: validation targets decide score's fallback, test targets are
 * what the report measures.
 */
final class Backtest {
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

    /** What the backtest compares: bounds on target times and the forecast settings. */
    record Plan(Frequency frequency, int horizon, int season, int extras, int localSteps, LocalDateTime from,
                        LocalDateTime to) implements Serializable {
        boolean inBounds(LocalDateTime target) {
            return (from == null || !target.isBefore(from)) && (to == null || !target.isAfter(to));
        }
    }

    private final Dataset<Row> forecasts;
    private final Dataset<Row> baselines;
    private final Dataset<Row> ets;

    private Backtest(Dataset<Row> forecasts, Dataset<Row> baselines, Dataset<Row> ets) {
        this.forecasts = forecasts;
        this.baselines = baselines;
        this.ets = ets;
    }

    /** Forecasts the model version's targets; what it materialises is released with {@code cached}. */
    static Backtest run(SparkSession spark, ForecastConfig config, ModelMetadata metadata, ModelOnExecutors network,
                        Cached cached) {
        SampleEncoder encoder = metadata.encoder();
        Plan plan = new Plan(metadata.shape().samples().frequency(), config.evaluate().horizon(),
                config.season(), metadata.shape().samples().extraColumns().size(), encoder.windowLength(),
                config.evaluate().from(), config.evaluate().to());
        int historyLength = Math.max(encoder.historyLength(), NaiveForecast.historyNeeded(plan.season()));
        int minimumHistory = Math.max(encoder.windowLength(), NaiveForecast.historyNeeded(plan.season()));
        TimeSplit split = new TimeSplit(metadata.shape().split());

        RegularSeriesTable table = cached.closing(ModelInputs.series(spark, config, metadata, null));
        Dataset<Row> rows = cached.of(table.rows());
        // Every step from the last one before the validation part on is an origin.
        Dataset<Row> origins = table.windows(historyLength, minimumHistory, plan.horizon(),
                        length -> split.trainRows(length) - 1)
                .withColumn(TimeSplit.TEST_START, split.testStart(col(SeriesColumns.SERIES_LENGTH)))
                .filter(size(col(SlidingWindows.FUTURE)).geq(1))
                .join(ModelInputs.scalers(spark, metadata), SeriesColumns.SERIES_ID)
                .join(MaseScale.of(rows, plan.season(), split), SeriesColumns.SERIES_ID, "left");
        Dataset<Row> networkAndBaselines = cached.of(origins.mapPartitions(
                network.inBatches(forecast(encoder, plan)), Encoders.row(FORECAST_SCHEMA)));
        Dataset<Row> baselines = cached.of(BaselineSelection.perHorizon(rows, plan.season(), split, plan.horizon()));
        Dataset<Row> forecasts = networkAndBaselines;
        Dataset<Row> ets = null;
        // Each classical method per series, and with ETS the combination; cached apart from the
        // backtest (the union with the cached backtest costs nothing to redo).
        for (ClassicalMethod method : config.evaluate().classical()) {
            Dataset<Row> fitted = cached.of(ClassicalForecasts.of(rows, method, split, plan.horizon(), plan.season()));
            Dataset<Row> classical = method == ClassicalMethod.ETS
                    ? etsAndCombined(networkAndBaselines, fitted, baselines)
                    : methodRows(networkAndBaselines, fitted, ForecastMethod.ARIMA);
            forecasts = forecasts.unionByName(cached.of(classical));
            ets = method == ClassicalMethod.ETS ? fitted : ets;
        }
        return new Backtest(forecasts, baselines, ets);
    }

    /** Every method's forecasts of the validation and test targets ({@link #FORECAST_SCHEMA}). */
    Dataset<Row> forecasts() {
        return forecasts;
    }

    /** The model's forecasts of the test targets. */
    Dataset<Row> modelTestForecasts() {
        return test().filter(col(MetricsTable.METHOD).equalTo(ForecastMethod.MODEL.code()));
    }

    /**
     * What score publishes per series and horizon, chosen on the validation targets
     * ({@link FallbackChoice}), with each series' ETS form.
     */
    Dataset<Row> fallbackChoices(int season, double confidence) {
        Dataset<Row> choices = FallbackChoice.choose(forecasts.filter(col(MetricsTable.SPLIT)
                .equalTo(TimeSplit.VALIDATION)), baselines, BaselineSelection.BEST, season, confidence);
        return withEtsForms(choices, ets);
    }

    /** The test forecasts of the methods the choices publish. */
    Dataset<Row> published(Dataset<Row> choices) {
        return PublishedForecasts.of(test(), choices.select(SeriesColumns.SERIES_ID, FallbackTable.HORIZON,
                FallbackTable.METHOD));
    }

    private Dataset<Row> test() {
        return forecasts.filter(col(MetricsTable.SPLIT).equalTo(TimeSplit.TEST));
    }

    /**
     * ETS's forecasts of the targets the network forecast, with their actual values, scales and
     * splits, and the combination's ({@link ForecastCombination} of the model's, ETS's and the series'
     * best baseline's forecasts of a target at that horizon) where all three forecast it.
     *
     * @param ets {@link ClassicalForecasts} of ETS
     */
    private static Dataset<Row> etsAndCombined(Dataset<Row> forecasts, Dataset<Row> ets, Dataset<Row> baselines) {
        String[] target = {SeriesColumns.SERIES_ID, MetricsTable.HORIZON, MetricsTable.TARGET_TS};
        String modelPrediction = "model_prediction";
        String etsPrediction = "ets_prediction";
        String baselinePrediction = "baseline_prediction";
        Dataset<Row> withEts = withClassical(forecasts, ets, etsPrediction)
                .withColumnRenamed(MetricsTable.PREDICTION, modelPrediction);
        Dataset<Row> baseline = forecasts.join(baselines, new String[] {SeriesColumns.SERIES_ID, MetricsTable.HORIZON})
                .filter(col(MetricsTable.METHOD).equalTo(col(BaselineSelection.BEST)))
                .select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON), col(MetricsTable.TARGET_TS),
                        col(MetricsTable.PREDICTION).as(baselinePrediction));
        Column[] columns = Arrays.stream(FORECAST_SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
        Dataset<Row> etsRows = withEts.withColumn(MetricsTable.PREDICTION, col(etsPrediction))
                .withColumn(MetricsTable.METHOD, lit(ForecastMethod.ETS.code())).select(columns);
        Dataset<Row> combined = withEts.join(baseline, target)
                .withColumn(MetricsTable.PREDICTION, ForecastCombination.of(col(modelPrediction), col(etsPrediction),
                        col(baselinePrediction)))
                .withColumn(MetricsTable.METHOD, lit(ForecastMethod.COMBINED.code())).select(columns);
        return etsRows.unionByName(combined);
    }

    /**
     * A classical method's forecasts of the targets the network forecast, with their actual values,
     * scales and splits.
     */
    private static Dataset<Row> methodRows(Dataset<Row> forecasts, Dataset<Row> classical, ForecastMethod method) {
        String prediction = method.code() + "_prediction";
        Column[] columns = Arrays.stream(FORECAST_SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
        return withClassical(forecasts, classical, prediction).drop(MetricsTable.PREDICTION)
                .withColumnRenamed(prediction, MetricsTable.PREDICTION)
                .withColumn(MetricsTable.METHOD, lit(method.code())).select(columns);
    }

    /** The model's forecast rows (without the method) with the classical method's prediction of the same targets beside them. */
    private static Dataset<Row> withClassical(Dataset<Row> forecasts, Dataset<Row> classical, String prediction) {
        String[] target = {SeriesColumns.SERIES_ID, MetricsTable.HORIZON, MetricsTable.TARGET_TS};
        Dataset<Row> model = forecasts.filter(col(MetricsTable.METHOD).equalTo(ForecastMethod.MODEL.code()))
                .drop(MetricsTable.METHOD);
        return model.join(classical.select(col(SeriesColumns.SERIES_ID), col(MetricsTable.HORIZON),
                col(MetricsTable.TARGET_TS), col(MetricsTable.PREDICTION).as(prediction)), target);
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
