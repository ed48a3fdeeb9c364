package io.sparkforecast.config;

import io.sparkforecast.core.BaselineChoice;
import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.GenerateSpec;
import io.sparkforecast.core.TableFormat;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.core.IcebergCatalog;
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
 * @param asOf         exclusive upper time bound of the rows prepare reads (from as_of); null = all
 * @param season       the series' season length in steps (series.season; 1 = none)
 * @param summaryFile  where the job writes its JSON summary; null = output.summaries/&lt;job&gt;.json
 * @param resolvedJson the whole resolved configuration, for logs and the model artifact
 */
public record ForecastConfig(
        String modelName,
        String modelVersion,
        LocalDate runDate,
        LocalDateTime asOf,
        SeriesSource series,
        int season,
        FeatureSpec features,
        WindowSpec window,
        TaskSpec task,
        SplitSpec split,
        TransformSpec transform,
        NetworkSpec network,
        TrainingSpec training,
        OutputPaths output,
        ScoreSpec score,
        EvaluateSpec evaluate,
        InferenceSpec inference,
        ReportSpec report,
        TuneSpec tune,
        GenerateSpec generate,
        String summaryFile,
        Map<String, String> sparkConf,
        String resolvedJson) {

    /**
     * Where the series table is, how its columns are named, and how irregular rows are handled.
     *
     * @param partitionColumn a DATE partition column to prune on, or null
     */
    public record SeriesSource(
            String path,
            SeriesFormat format,
            String idColumn,
            String timeColumn,
            String valueColumn,
            Frequency frequency,
            String partitionColumn,
            GapPolicy gapPolicy,
            double maxRejectShare) implements Serializable {
    }

    /** Network inputs besides the value: calendar features and extra numeric columns. */
    public record FeatureSpec(List<CalendarFeature> calendar, List<String> extraColumns) implements Serializable {
        public FeatureSpec {
            calendar = List.copyOf(calendar);
            extraColumns = List.copyOf(extraColumns);
        }

        /** Inputs per time step: the value, then the calendar features, then the extra columns. */
        public int inputs() {
            return 1 + calendar.size() + extraColumns.size();
        }
    }

    /** Inputs per sample (lookback) and targets per sample (horizon). */
    public record WindowSpec(int lookback, int horizon) implements Serializable {
    }

    /**
     * What the network learns from a window: forecast (the next horizon values, regression) or
     * classify (the class of one value: one-hot inputs, softmax output, cross-entropy).
     *
     * @param classes    classify: series values are the classes 0 .. classes - 1
     * @param labelIndex classify: the window position whose value is the label (0 = oldest), or
     *                   null for the value after the window
     */
    public record TaskSpec(TaskType type, int classes, Integer labelIndex) implements Serializable {
        public boolean classify() {
            return type == TaskType.CLASSIFY;
        }
    }

    /** Time-ordered shares of each series' rows; test gets the rest. */
    public record SplitSpec(double train, double validation) implements Serializable {
        public double test() {
            return 1.0 - train - validation;
        }
    }

    /**
     * Value transform before scaling (differenceLag 0 means none), the scaling, and the naive
     * forecast a forecasting network corrects (auto: prepare chooses; none).
     */
    public record TransformSpec(int differenceLag, ValueScaling scaling, BaselineChoice baseline)
            implements Serializable {
    }

    /**
     * Stacked LSTM shape; dropout is the probability of dropping an input.
     *
     * @param implementation stock (DL4J's LSTM layer) or fast (the product's FastLstm: same cell
     *                       and parameters, fewer native calls)
     * @param windowAs       the window as lookback time steps, or as the features of one step
     * @param stateful       state carried through each series: trained on whole series with
     *                       truncated BPTT of lookback steps, forecasts walk the history
     * @param stateHistory   stateful: steps of history walked before each forecast (at most)
     * @param ensemble       networks of this shape trained with seeds seed, seed + 1, ... and
     *                       published as one network whose output is their mean
     */
    public record NetworkSpec(List<Integer> layers, double dropout, double forgetGateBias, LstmImplementation implementation,
                              WindowLayout windowAs, boolean stateful, int stateHistory, int ensemble)
            implements Serializable {

        /** The published network's shape: each layer holds every member's units side by side. */
        public NetworkSpec ensembleWide() {
            return new NetworkSpec(layers.stream().map(units -> units * ensemble).toList(), dropout, forgetGateBias,
                    implementation, windowAs, stateful, stateHistory, 1);
        }
    }

    /**
     * Optimisation, parameter-averaging and run settings.
     *
     * @param workers               parallel workers; 0 = Spark's default parallelism
     * @param earlyStoppingPatience stop after this many epochs without a better validation loss
     *                              and publish the best network; 0 = off
     * @param progressSeconds       at most one progress line per this many seconds within an epoch
     * @param resume                continue from the last complete checkpoint (train --resume)
     */
    public record TrainingSpec(
            int epochs,
            int batchSize,
            double learningRate,
            Optimizer optimizer,
            long seed,
            double gradientClipping,
            int averagingFrequency,
            int workers,
            int earlyStoppingPatience,
            int progressSeconds,
            boolean resume) implements Serializable {

        public TrainingSpec withSeed(long otherSeed) {
            return new TrainingSpec(epochs, batchSize, learningRate, optimizer, otherSeed, gradientClipping,
                    averagingFrequency, workers, earlyStoppingPatience, progressSeconds, resume);
        }
    }

    /** The locations jobs read and write. */
    public record OutputPaths(
            String prepared, String models, String registry, String predictions, String metrics, String intervals,
            String fallback, String confusion, String tuning, String work, String summaries, String reports,
            TableFormat tableFormat, IcebergCatalog iceberg)
            implements Serializable {
        /** Every location a job writes under, keyed by its setting (output.work included). */
        public Map<String, String> locations() {
            Map<String, String> locations = OutputLocations.outputs(this);
            locations.put("output.work", work);
            return locations;
        }
    }

    /**
     * Forecast steps per series, how they are produced, and whether evaluate's choices are published.
     *
     * @param method    auto (all network outputs per call), recursive (one step per call) or direct
     *                  (one call; the network must predict every step)
     * @param intervals add lower and upper bounds from the model version's evaluated intervals
     * @param fallback  whether to publish what evaluate chose per series and horizon on validation
     */
    public record ScoreSpec(int horizon, ScoreMethod method, boolean intervals, Fallback fallback)
            implements Serializable {
    }

    /** The network's forecasts in evaluate and score: windows per network call. */
    public record InferenceSpec(int batchSize) implements Serializable {
    }

    /** The reports of evaluate and score: the series they plot (empty = the first few in sort order). */
    public record ReportSpec(List<String> plotSeries) implements Serializable {
        public ReportSpec {
            plotSeries = List.copyOf(plotSeries);
        }
    }

    /** score.fallback: best_baseline publishes what evaluate chose per series and horizon; none, the model. */
    public enum Fallback {
        BEST_BASELINE, NONE
    }

    /**
     * Backtest horizon, prediction interval level (0 = none) and optional bounds on the evaluated
     * test targets (null = open).
     *
     * @param classical          the classical methods fitted per series and backtested beside the network
     * @param fallbackConfidence how sure the validation period must be of a method's win over the
     *                           default (the combination with ETS, else the baseline; one-sided paired
     *                           t-test on squared errors) for score to publish it instead; 0.5 = any win
     */
    public record EvaluateSpec(int horizon, double intervalLevel, LocalDateTime from, LocalDateTime to,
                               List<ClassicalMethod> classical, double fallbackConfidence)
            implements Serializable {
        public EvaluateSpec {
            classical = List.copyOf(classical);
        }
    }

    /**
     * The tune job's search.
     *
     * @param method             grid (every combination) or random (trials draws)
     * @param parallelMaxSamples trials run in parallel, single-node, up to this many train and
     *                           validation samples; one after another, distributed, above
     * @param space              config key -> its values as HOCON text
     */
    public record TuneSpec(TuneMethod method, int trials, long seed, long parallelMaxSamples,
                           Map<String, List<String>> space) implements Serializable {
        public TuneSpec {
            space = Map.copyOf(space);
        }
    }

    /** The optimizers a network can be trained with. */
    public enum Optimizer {
        ADAM, RMSPROP, SGD
    }
}
