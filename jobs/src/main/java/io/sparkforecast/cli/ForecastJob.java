package io.sparkforecast.cli;

import io.sparkforecast.cli.JobCommandLine.KeyOption;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.eval.Evaluation;
import io.sparkforecast.generate.GenerateJob;
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.prepare.PrepareJob;
import io.sparkforecast.score.ScoreJob;
import io.sparkforecast.train.TrainJob;
import io.sparkforecast.train.TrainResult;
import io.sparkforecast.tune.TuneJob;
import io.sparkforecast.tune.TuneResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The jobs of the command line: name, one-line description, own options, its run and dry run. */
public enum ForecastJob {
    GENERATE("generate", "Write a synthetic series table (sine, random walk, echo, ...) as partitioned Parquet.",
            List.of(),
            (spark, config, out) -> new GenerateJob(spark, config).run(),
            (spark, config) -> new GenerateJob(spark, config).dryRun()),
    PREPARE("prepare", "Build windowed, split and scaled training samples from the series table.",
            List.of(Options.AS_OF),
            (spark, config, out) -> new PrepareJob(spark, config).run(),
            (spark, config) -> new PrepareJob(spark, config).dryRun()),
    TRAIN("train", "Train a stacked LSTM with dl4j-spark parameter averaging; publish a model version.",
            List.of(Options.RESUME),
            (spark, config, out) -> {
                TrainResult result = new TrainJob(spark, config).run();
                out.print(result.model().network().summary());
                return result;
            },
            (spark, config) -> new TrainJob(spark, config).dryRun()),
    TUNE("tune", "Search hyperparameters: train a network per point of tune.space, rank by validation loss, "
            + "write the trials table and best.conf.",
            List.of(),
            (spark, config, out) -> {
                TuneResult result = new TuneJob(spark, config).run();
                out.print(result.results().summary());
                return result;
            },
            (spark, config) -> new TuneJob(spark, config).dryRun()),
    SCORE("score", "Forecast every series from its latest window; write the run date's predictions.",
            List.of(Options.RUN_DATE, Options.MODEL_VERSION),
            (spark, config, out) -> new ScoreJob(spark, config).run(),
            (spark, config) -> new ScoreJob(spark, config).dryRun()),
    EVALUATE("evaluate", "Compare the model with baselines on the test split (a classifier: accuracy and "
            + "confusion matrix); write the metrics table.",
            List.of(Options.MODEL_VERSION),
            (spark, config, out) -> {
                Evaluation.Outcome outcome = Evaluation.run(spark, config);
                out.print(outcome.report());
                return outcome.result();
            },
            Evaluation::dryRun),
    PIPELINE("pipeline", "Run prepare, train, evaluate and score in turn in one Spark application (a first try, "
            + "a local run; schedulers run them as separate tasks).",
            List.of(Options.RUN_DATE), null, null);

    /** The pipeline's jobs, in order. */
    private static final List<ForecastJob> PIPELINE_STEPS = List.of(PREPARE, TRAIN, EVALUATE, SCORE);

    /** The work of a job, given its session and resolved configuration. */
    interface Body {
        JobResult run(SparkSession spark, ForecastConfig config, PrintStream out);
    }

    /** The checks and plan of a dry run. */
    interface DryRun {
        List<String> plan(SparkSession spark, ForecastConfig config);
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
    private final Body body;
    private final DryRun dryRun;

    ForecastJob(String jobName, String description, List<KeyOption> options, Body body, DryRun dryRun) {
        this.jobName = jobName;
        this.description = description;
        this.options = options;
        this.body = body;
        this.dryRun = dryRun;
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

    JobResult run(SparkSession spark, ForecastConfig config, PrintStream out) {
        return body.run(spark, config, out);
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
        return dryRun.plan(spark, config);
    }
}
