package io.sparkforecast.inference;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.input.SeriesLoader;
import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.prepare.ScalerTable;
import io.sparkforecast.series.LatestWindows;
import io.sparkforecast.series.RegularSeriesTable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** What a published model reads at scoring time: regular series rows and its scalers. */
public final class ModelInputs {
    /** About 0.5 MB of a task's serialized size (Spark warns from 1 MB). */
    private static final int SCALERS_PER_TASK = 15_000;
    private ModelInputs() {
    }

    /**
     * The series table with the model's extra feature columns, checked as the model accepts values
     * and made regular on the model's frequency grid; close it when done.
     *
     * @param cutoff exclusive upper bound on ts, or null for all rows
     */
    public static RegularSeriesTable series(SparkSession spark, ForecastConfig config, ModelMetadata model,
                                            LocalDateTime cutoff) {
        return RegularSeriesTable.load(spark, config.series(), checkedExtras(spark, config, model), cutoff,
                model.encoder().acceptedValues());
    }

    /**
     * The latest window of each series of the table, with its scalers (see {@link LatestWindows}).
     *
     * @param scalers from {@link #scalersOnExecutors}
     */
    public static Dataset<Row> latestWindows(SparkSession spark, ForecastConfig config, ModelMetadata model,
                                             LocalDateTime cutoff, int historyLength,
                                             Broadcast<Map<String, SeriesScalers>> scalers) {
        return LatestWindows.of(spark, config.series(), checkedExtras(spark, config, model), cutoff,
                model.encoder().acceptedValues(), historyLength, scalers);
    }

    /**
     * The model's scalers by series id, sent to the executors once; a series missing one of the
     * model's scaled features is left out (unknown to the model). Destroy it when done.
     */
    public static Broadcast<Map<String, SeriesScalers>> scalersOnExecutors(SparkSession spark, ModelMetadata model) {
        List<String> features = model.shape().samples().scaledFeatures();
        Map<String, double[][]> bounds = new HashMap<>();
        Map<String, Integer> found = new HashMap<>();
        for (ModelMetadata.Scaler scaler : model.scalers()) {
            int feature = features.indexOf(scaler.feature());
            if (feature < 0) {
                continue;
            }
            double[][] series = bounds.computeIfAbsent(scaler.seriesId(), id -> new double[2][features.size()]);
            series[0][feature] = scaler.min();
            series[1][feature] = scaler.max();
            found.merge(scaler.seriesId(), 1, Integer::sum);
        }
        Map<String, SeriesScalers> complete = new HashMap<>();
        bounds.forEach((id, series) -> {
            if (found.get(id) == features.size()) {
                complete.put(id, new SeriesScalers(series[0], series[1]));
            }
        });
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(complete);
    }

    /** The model's extra feature columns, once its frequency and the table's columns are checked against it. */
    private static List<String> checkedExtras(SparkSession spark, ForecastConfig config, ModelMetadata model) {
        Frequency trained = model.shape().samples().frequency();
        if (!trained.equals(config.series().frequency())) {
            throw JobFailure.usage("series.frequency is %s but model %s version %s was trained on %s data",
                    config.series().frequency(), model.modelName(), model.modelVersion(), trained);
        }
        List<String> extras = model.shape().samples().extraColumns();
        StructType schema = SeriesLoader.readSchema(spark, config.series());
        List<String> columns = List.of(schema.fieldNames());
        for (String extra : extras) {
            if (!columns.contains(extra)) {
                throw JobFailure.invalidInput("model %s version %s was trained with the extra feature column '%s'; "
                        + "series table %s has no such column (its columns are %s)", model.modelName(),
                        model.modelVersion(), extra, config.series().path(), SeriesLoader.columnNames(schema));
            }
        }
        return extras;
    }

    /** One row per series the model knows: series_id, scaler_min, scaler_max. */
    public static Dataset<Row> scalers(SparkSession spark, ModelMetadata model) {
        return ScalerTable.wide(scalerTable(spark, model.scalers()), model.shape().samples().scaledFeatures());
    }

    /**
     * The scalers of a model artifact as a table again (prepare's scalers table), for joins; in
     * slices of SCALERS_PER_TASK rows: as one local table, a model of 100,000 series put 3.5 MB
     * into one task and Spark warned about its size on every score.
     */
    private static Dataset<Row> scalerTable(SparkSession spark, List<ModelMetadata.Scaler> scalers) {
        List<Row> rows = new ArrayList<>(scalers.size());
        scalers.forEach(s -> rows.add(RowFactory.create(s.seriesId(), s.feature(), s.min(), s.max(), 0L)));
        int slices = Math.max(1, (rows.size() + SCALERS_PER_TASK - 1) / SCALERS_PER_TASK);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
                ScalerTable.SCHEMA);
    }
}
