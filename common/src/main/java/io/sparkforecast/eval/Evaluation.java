package io.sparkforecast.eval;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.ops.Job;
import io.sparkforecast.storage.Storage;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** evaluate for the kind of model version it is given: a forecaster's backtest or a classifier's test. */
public final class Evaluation {
    private Evaluation() {
    }

    /** The evaluate job for the model version: a classifier's test, else a forecaster's backtest. */
    public static Job<?> job(SparkSession spark, ForecastConfig config) {
        return classifies(spark, config) ? new ClassifierEvaluateJob(spark, config) : new EvaluateJob(spark, config);
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
