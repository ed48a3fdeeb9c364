package io.sparkforecast.cli;

import io.sparkforecast.cli.JobCommandLine.KeyOption;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.eval.Evaluation;
import io.sparkforecast.generate.GenerateJob;
import io.sparkforecast.ops.Job;
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.prepare.PrepareJob;
import io.sparkforecast.score.ScoreJob;
import io.sparkforecast.train.TrainJob;
import io.sparkforecast.tune.TuneJob;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The jobs of the command line: name, one-line description, own options, and how the job is built. */
public enum ForecastJob {
    GENERATE("generate", "Write a synthetic series table (sine, random walk, echo, ...) as partitioned Parquet.",
            List.of(), GenerateJob::new),
    PREPARE("prepare", "Build windowed, split and scaled training samples from the series table.",
            List.of(Options.AS_OF), PrepareJob::new),
    TRAIN("train", "Train a stacked LSTM with dl4j-spark parameter averaging; publish a model version.",
            List.of(Options.RESUME), TrainJob::new),
    TUNE("tune", "Search hyperparameters: train a network per point of tune.space, rank by validation loss, "
            + "write the trials table and best.conf.",
            List.of(), TuneJob::new),
    SCORE("score", "Forecast every series from its latest window; write the run date's predictions.",
            List.of(Options.RUN_DATE, Options.MODEL_VERSION), ScoreJob::new),
    EVALUATE("evaluate", "Compare the model with baselines on the test split (a classifier: accuracy and "
            + "confusion matrix); write the metrics table.",
            List.of(Options.MODEL_VERSION), Evaluation::job),
    PIPELINE("pipeline", "Run prepare, train, evaluate and score in turn in one Spark application (a first try, "
            + "a local run; schedulers run them as separate tasks).",
            List.of(Options.RUN_DATE), null);

    /** The pipeline's jobs, in order. */
    private static final List<ForecastJob> PIPELINE_STEPS = List.of(PREPARE, TRAIN, EVALUATE, SCORE);

    /** Builds a job from its session and resolved configuration. */
    interface Factory {
        Job<?> create(SparkSession spark, ForecastConfig config);
    }

    private static final class Options {
        static final KeyOption AS_OF = new KeyOption("as-of", "<date>", "as_of",
                "use only rows up to this date (inclusive) or timestamp");
        static final KeyOption RUN_DATE = new KeyOption("run-date", "<yyyy-MM-dd>", "run_date",
                "logical date of the run: data up to it is used, its predictions partition is written");
        static final KeyOption RESUME = KeyOption.flag("resume", "training.resume",
                "continue from the last complete checkpoint of this model name");
        static final KeyOption MODEL_VERSION = new KeyOption("model-version", "<version>", "model_version",
                "model version to use; default: the latest");
    }

    private final String jobName;
    private final String description;
    private final List<KeyOption> options;
    private final Factory factory;

    ForecastJob(String jobName, String description, List<KeyOption> options, Factory factory) {
        this.jobName = jobName;
        this.description = description;
        this.options = options;
        this.factory = factory;
    }

    public static Optional<ForecastJob> named(String name) {
        return Arrays.stream(values()).filter(job -> job.jobName.equals(name)).findFirst();
    }

    public String jobName() {
        return jobName;
    }

    public String description() {
        return description;
    }

    public JobCommandLine commandLine() {
        return new JobCommandLine(jobName, description, options);
    }

    /** The jobs this command runs in one SparkSession, in order: itself, or the pipeline's. */
    List<ForecastJob> steps() {
        return this == PIPELINE ? PIPELINE_STEPS : List.of(this);
    }

    /** Runs the job and prints what it shows on the console (see {@link JobResult#console()}). */
    JobResult run(SparkSession spark, ForecastConfig config, PrintStream out) {
        JobResult result = factory.create(spark, config).run();
        out.print(result.console());
        return result;
    }

    List<String> dryRun(SparkSession spark, ForecastConfig config) {
        if (this == PIPELINE) {
            // Evaluate and score check the model version train publishes: nothing to check yet.
            List<String> plan = new ArrayList<>();
            for (ForecastJob step : List.of(PREPARE, TRAIN)) {
                step.dryRun(spark, config).forEach(line -> plan.add(step.jobName + ": " + line));
            }
            plan.add("then evaluate and score the version train publishes");
            return plan;
        }
        return factory.create(spark, config).dryRun();
    }
}
