package io.sparkforecast.config;

import io.sparkforecast.data.Frequency;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The resolved configuration of a job run: every key of conf/defaults.conf, typed and
 * validated. Built by {@link ConfigLoader}; immutable.
 *
 * @param modelVersion null selects the latest published version
 * @param resolvedJson the whole resolved configuration, for logs and the model artifact
 */
public record ForecastConfig(
        String modelName,
        String modelVersion,
        LocalDate runDate,
        SeriesSource series,
        WindowSpec window,
        SplitSpec split,
        TransformSpec transform,
        NetworkSpec network,
        TrainingSpec training,
        OutputPaths output,
        ScoreSpec score,
        EvaluateSpec evaluate,
        Map<String, String> sparkConf,
        String resolvedJson) {

    /** Where the series table is and how its columns are named. */
    public record SeriesSource(
            String path,
            String format,
            String idColumn,
            String timeColumn,
            String valueColumn,
            Frequency frequency) implements Serializable {
    }

    /** Inputs per sample (lookback) and targets per sample (horizon). */
    public record WindowSpec(int lookback, int horizon) implements Serializable {
    }

    /** Time-ordered shares of each series' rows; test gets the rest. */
    public record SplitSpec(double train, double validation) implements Serializable {
        public double test() {
            return 1.0 - train - validation;
        }
    }

    /** Value transform before scaling; differenceLag 0 means none. */
    public record TransformSpec(int differenceLag) implements Serializable {
    }

    /** Stacked LSTM shape; dropout is the probability of dropping an input. */
    public record NetworkSpec(List<Integer> layers, double dropout, double forgetGateBias)
            implements Serializable {
    }

    /** Optimisation and parameter-averaging settings. workers 0 = Spark's default parallelism. */
    public record TrainingSpec(
            int epochs,
            int batchSize,
            double learningRate,
            Optimizer optimizer,
            long seed,
            double gradientClipping,
            int averagingFrequency,
            int workers) implements Serializable {
    }

    /** The locations jobs read and write. */
    public record OutputPaths(
            String prepared, String models, String predictions, String metrics, String work)
            implements Serializable {
    }

    /** Forecast steps per series and windows per network call. */
    public record ScoreSpec(int horizon, int batchSize) implements Serializable {
    }

    /** Baseline season and optional bounds on the evaluated test targets (null = open). */
    public record EvaluateSpec(int season, LocalDateTime from, LocalDateTime to)
            implements Serializable {
    }

    /** The optimizers a network can be trained with. */
    public enum Optimizer {
        ADAM, RMSPROP, SGD
    }
}
