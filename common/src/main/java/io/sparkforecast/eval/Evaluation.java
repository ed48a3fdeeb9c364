package io.sparkforecast.eval;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.storage.Storage;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** evaluate for the kind of model version it is given: a forecaster's backtest or a classifier's test. */
public final class Evaluation {
    private Evaluation() {
    }

    /** The job's result and the report it prints. */
    public record Outcome(JobResult result, String report) {
    }

    public static Outcome run(SparkSession spark, ForecastConfig config) {
        if (classifies(spark, config)) {
            ClassifierEvaluateJob.Result result = new ClassifierEvaluateJob(spark, config).run();
            return new Outcome(result, result.report());
        }
        EvaluateJob.Result result = new EvaluateJob(spark, config).run();
        return new Outcome(result, result.report());
    }

    public static List<String> dryRun(SparkSession spark, ForecastConfig config) {
        return classifies(spark, config) ? new ClassifierEvaluateJob(spark, config).dryRun()
                : new EvaluateJob(spark, config).dryRun();
    }

    /** Whether the version evaluate would use is a classifier (false when none is published: the job says so). */
    private static boolean classifies(SparkSession spark, ForecastConfig config) {
        ModelRegistry registry = new ModelRegistry(Storage.of(spark), config.output().models(), config.modelName());
        List<String> versions = registry.versions();
        String version = config.modelVersion() != null ? config.modelVersion()
                : versions.isEmpty() ? null : versions.get(versions.size() - 1);
        return version != null && versions.contains(version)
                && registry.metadata(version).shape().samples().classes() > 0;
    }
}
