package io.sparkforecast.eval;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.inference.Classifier;
import io.sparkforecast.inference.ModelInputs;
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
import io.sparkforecast.report.ClassificationReport;
import io.sparkforecast.report.OptionalReport;
import io.sparkforecast.series.SlidingWindows;
import io.sparkforecast.series.TimeSplit;
import io.sparkforecast.spark.Cached;
import io.sparkforecast.storage.OutputTables;
import io.sparkforecast.storage.Storage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * evaluate for a classification model: classifies every window of the series table whose
 * label falls in the test period (as prepare splits samples) and writes accuracy, overall and
 * per series, to the metrics table and the confusion matrix to the confusion table.
 */
public final class ClassifierEvaluateJob implements Job<ClassifierEvaluateJob.Result> {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierEvaluateJob.class);
    private static final StructType CLASSIFIED_SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(ClassificationTables.ACTUAL, DataTypes.IntegerType, false)
            .add(ClassificationTables.PREDICTED, DataTypes.IntegerType, false);

    private final SparkSession spark;
    private final ForecastConfig config;

    public ClassifierEvaluateJob(SparkSession spark, ForecastConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** Accuracy overall and the confusion matrix (rows: actual class, columns: predicted class). */
    public record Result(long windows, double accuracy, long[][] confusion, String report, String modelVersion,
                         Map<String, String> paths) implements JobResult {
        @Override
        public String console() {
            return report;
        }

        @Override
        public Map<String, Object> counts() {
            return Map.of("windows", windows);
        }

        @Override
        public Map<String, Object> metrics() {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("accuracy", accuracy);
            metrics.put("confusion", confusion);
            return metrics;
        }
    }

    @Override
    public List<String> dryRun() {
        return List.of(
                "model: " + new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                        .describe(config.modelVersion()),
                "input: " + SeriesLoader.checkInput(spark, config.series(), List.of()),
                "output: " + Storage.of(spark).checkWritableDirectory(config.output().metrics()),
                "would classify every window whose label is in the test period and write accuracy and the "
                        + "confusion matrix");
    }

    @Override
    public Result run() {
        // Fail before any work when an output cannot be written (as the dry run does).
        Storage.of(spark).checkWritableDirectory(config.output().metrics());
        ModelArtifact model = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName())
                .load(config.modelVersion());
        ModelMetadata metadata = model.metadata();
        OutputTables tables = OutputTables.of(spark, config.output().tableFormat(), config.output().iceberg());
        RegistryTable.ensureListed(spark, tables, config.output().models(), config.output().registry(),
                metadata.modelName(), metadata.modelVersion());
        SampleEncoder encoder = metadata.encoder();
        try (Cached cached = new Cached();
             ModelOnExecutors network = ModelOnExecutors.broadcast(spark, model, config.inference().batchSize())) {
            Dataset<Row> classified = cached.cache(testWindows(metadata, cached)
                    .mapPartitions(network.inBatches(classify(encoder)), Encoders.row(CLASSIFIED_SCHEMA)));
            Stages stages = new Stages(LOG, "evaluate");
            long count = stages.time("classify test windows", classified::count);
            if (count == 0) {
                throw JobFailure.invalidInput("no test windows to classify in %s (test share %.2f); nothing was "
                        + "written", config.series().path(), metadata.shape().split().test());
            }
            String version = metadata.modelVersion();
            Dataset<Row> accuracy = cached.cache(ClassificationTables.accuracy(classified, metadata.modelName(),
                    TimeSplit.TEST));
            Dataset<Row> confusion = cached.cache(ClassificationTables.confusion(classified, metadata.modelName()));
            String metricsPath = stages.time("write metrics", () -> ClassificationTables.write(tables,
                    accuracy, config.output().metrics(), version));
            String confusionPath = ClassificationTables.write(tables, confusion, config.output().confusion(), version);
            Row overall = accuracy.filter(col(SeriesColumns.SERIES_ID).isNull()).first();
            long[][] matrix = matrix(confusion.collectAsList(), encoder.classes());

            double accuracyValue = overall.getDouble(overall.fieldIndex(ClassificationTables.ACCURACY));
            String report = report(metadata, count, accuracyValue, matrix);
            String reportDir = OptionalReport.publish(Storage.of(spark), config.output().reports() + "/"
                    + metadata.modelName() + "/" + version,
                    () -> ClassificationReport.files(metadata.modelName(), version, report, matrix));
            LOG.info("evaluate: accuracy {} on {} test windows; metrics in {}, confusion matrix in {}, report in {}",
                    accuracyValue, count, metricsPath, confusionPath, reportDir == null ? "(none)" : reportDir);
            Map<String, String> paths = new LinkedHashMap<>(Map.of("metrics", metricsPath, "confusion", confusionPath));
            if (reportDir != null) {
                paths.put("report", reportDir);
            }
            return new Result(count, accuracyValue, matrix, report, version, paths);
        }
    }

    /** Each test window (from the last step before the test part) whose next value was observed, not filled, with its series' scalers. */
    private Dataset<Row> testWindows(ModelMetadata metadata, Cached cached) {
        int windowLength = metadata.encoder().windowLength();
        TimeSplit split = new TimeSplit(metadata.shape().split());
        return cached.closing(ModelInputs.series(spark, config, metadata, null))
                .windows(windowLength, windowLength, 1, length -> split.testStart(length) - 1)
                .filter(size(col(SlidingWindows.FUTURE)).equalTo(1)
                        .and(not(array_contains(col(SlidingWindows.FUTURE_FILLED), true))))
                .join(ModelInputs.scalers(spark, metadata), SeriesColumns.SERIES_ID);
    }

    private static long[][] matrix(List<Row> confusion, int classes) {
        long[][] matrix = new long[classes][classes];
        for (Row row : confusion) {
            matrix[row.getInt(row.fieldIndex(ClassificationTables.ACTUAL))]
                    [row.getInt(row.fieldIndex(ClassificationTables.PREDICTED))] =
                    row.getLong(row.fieldIndex(ClassificationTables.WINDOWS));
        }
        return matrix;
    }

    private static String report(ModelMetadata metadata, long windows, double accuracy, long[][] matrix) {
        StringBuilder text = new StringBuilder(String.format("classification test of model %s version %s: "
                        + "accuracy %.4f on %d test windows (chance %.4f)%nconfusion matrix (rows: actual class, "
                        + "columns: predicted class):%n", metadata.modelName(), metadata.modelVersion(), accuracy,
                windows, 1.0 / matrix.length));
        text.append(String.format("%8s", ""));
        for (int c = 0; c < matrix.length; c++) {
            text.append(String.format("%8d", c));
        }
        text.append(System.lineSeparator());
        for (int a = 0; a < matrix.length; a++) {
            text.append(String.format("%8d", a));
            for (long cell : matrix[a]) {
                text.append(String.format("%8d", cell));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static ModelOnExecutors.BatchFunction classify(SampleEncoder encoder) {
        return network -> {
            Classifier classifier = new Classifier(network, encoder);
            return batch -> classifier.classifyRows(batch).stream()
                    .map(c -> RowFactory.create(c.row().getString(c.row().fieldIndex(SeriesColumns.SERIES_ID)),
                            encoder.label(c.window().values(),
                                    SamplesTable.toDoubles(c.row().getList(c.row().fieldIndex(SlidingWindows.FUTURE)))),
                            c.prediction().label()))
                    .toList();
        };
    }
}
