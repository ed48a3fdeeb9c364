package io.sparkforecast.cli;

import io.sparkforecast.config.ConfigLoader;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.ops.JobSummaries;
import io.sparkforecast.ops.JobSummary;
import io.sparkforecast.spark.SparkSessions;
import io.sparkforecast.storage.Storage;
import io.sparkforecast.storage.UnreadableInput;
import io.sparkforecast.storage.WriteGuard;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code forecast <job> --config FILE [--set key=value ...] [--master URL] [--dry-run]}: parses,
 * loads the configuration, runs the job (or its dry run) in a SparkSession, writes the job's
 * JSON summary and maps the outcome to an exit code. The only place that exits the JVM.
 */
public final class ForecastCli {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastCli.class);
    /** Dry runs only read schemas and list directories: one local core is plenty. */
    private static final String DRY_RUN_MASTER = "local[1]";

    private ForecastCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err).code());
    }

    public static ExitCode run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(overview());
            return args.length == 0 ? ExitCode.USAGE : ExitCode.SUCCESS;
        }
        Optional<ForecastJob> job = ForecastJob.named(args[0]);
        if (job.isEmpty()) {
            err.println("forecast: unknown job '" + args[0] + "'; jobs: " + jobNames() + " (see: forecast --help)");
            return ExitCode.USAGE;
        }
        String name = job.get().jobName();
        JobArguments arguments;
        ForecastConfig config;
        try {
            JobCommandLine.Parsed parsed = job.get().commandLine().parse(Arrays.copyOfRange(args, 1, args.length));
            if (parsed instanceof JobCommandLine.Help help) {
                out.print(help.text());
                return ExitCode.SUCCESS;
            }
            arguments = ((JobCommandLine.Run) parsed).arguments();
            config = arguments.loadConfig();
        } catch (JobFailure failure) {
            err.println("forecast " + name + ": " + failure.getMessage());
            return failure.exitCode();
        }
        List<String> changes = ConfigLoader.changesFromDefaults(config);
        LOG.info("forecast {}: config {}: {} setting(s) differ from the defaults{}", name, arguments.configFile(),
                changes.size(), changes.stream().map(line -> "\n  " + line).collect(Collectors.joining()));
        LOG.debug("forecast {}: resolved config\n{}", name, config.resolvedJson());
        return arguments.dryRun() ? dryRun(job.get(), config, arguments, out, err)
                : execute(job.get(), config, arguments, out, err);
    }

    /** Runs the command's jobs in turn in one SparkSession, each with its summary; stops at the first failure. */
    private static ExitCode execute(ForecastJob command, ForecastConfig config, JobArguments arguments,
                                    PrintStream out, PrintStream err) {
        SparkSession spark = null;
        ExitCode code = ExitCode.SUCCESS;
        Instant started = Instant.now();
        List<String> timings = new ArrayList<>();
        try {
            spark = SparkSessions.create("forecast-" + command.jobName(), arguments.master(), config.sparkConf(),
                    config.series().path());
            for (ForecastJob job : command.steps()) {
                Instant jobStarted = Instant.now();
                code = runJob(spark, job, config, arguments, out, err);
                timings.add(String.format("%s %.1f s", job.jobName(), seconds(jobStarted)));
                if (code != ExitCode.SUCCESS) {
                    break;
                }
            }
        } catch (Exception | Error failure) {
            // Only the session's creation gets here: runJob reports its own failures.
            code = report(command.jobName(), failure, err);
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        if (command.steps().size() > 1) {
            LOG.info("forecast {}: {} in {} s ({})", command.jobName(), code == ExitCode.SUCCESS ? "done" : "stopped",
                    String.format("%.1f", seconds(started)), String.join(", ", timings));
        }
        return code;
    }

    private static ExitCode runJob(SparkSession spark, ForecastJob job, ForecastConfig config, JobArguments arguments,
                                   PrintStream out, PrintStream err) {
        String name = job.jobName();
        String configFile = arguments.configFile().toString();
        Instant started = Instant.now();
        JobSummary summary;
        ExitCode code;
        try (WriteGuard guard = WriteGuard.install(Storage.of(spark), ownedLocations(job, config))) {
            summary = JobSummaries.succeeded(name, started, configFile, config, job.run(spark, config, out));
            code = ExitCode.SUCCESS;
            LOG.info("forecast {}: done in {} s; peak heap {} MB of {} MB (pool peaks); summary {}", name,
                    String.format("%.1f", summary.seconds()), PeakHeap.usedMegabytes(),
                    Runtime.getRuntime().maxMemory() >> 20, JobSummaries.location(name, config));
        } catch (Exception | Error failure) {
            code = report(name, failure, err);
            summary = JobSummaries.failed(name, started, configFile, config, code.code(), message(failure));
        }
        writeSummary(spark, name, config, summary);
        return code;
    }

    /** Where the job may delete and replace: its outputs and output.work, and for generate the series table it writes. */
    private static List<String> ownedLocations(ForecastJob job, ForecastConfig config) {
        List<String> owned = new ArrayList<>(config.output().locations().values());
        if (job == ForecastJob.GENERATE) {
            owned.add(config.series().path());
        }
        return owned;
    }

    /** Prints a failure as one line (a bug also logs its stack trace) and maps it to its exit code. */
    private static ExitCode report(String name, Throwable failure, PrintStream err) {
        if (failure instanceof JobFailure jobFailure) {
            err.println("forecast " + name + ": " + jobFailure.getMessage());
            return jobFailure.exitCode();
        }
        // Spark and Scala code also throw checked exceptions (IOException) undeclared.
        Optional<JobFailure> input = UnreadableInput.from(failure);
        if (input.isPresent()) {
            LOG.debug("forecast {}: unreadable input", name, failure);
            err.println("forecast " + name + ": " + input.get().getMessage());
            return input.get().exitCode();
        }
        LOG.error("forecast {} failed", name, failure);
        err.println("forecast " + name + ": failed: " + failure + " (stack trace in the log above)");
        return ExitCode.RUNTIME_FAILURE;
    }

    /** The failure as the summary records it: the message users saw, or the bug's description. */
    private static String message(Throwable failure) {
        if (failure instanceof JobFailure jobFailure) {
            return jobFailure.getMessage();
        }
        return UnreadableInput.from(failure).map(Throwable::getMessage).orElse(failure.toString());
    }

    private static double seconds(Instant since) {
        return java.time.Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static ExitCode dryRun(ForecastJob job, ForecastConfig config, JobArguments arguments, PrintStream out,
                                   PrintStream err) {
        SparkSession spark = SparkSessions.create("forecast-" + job.jobName() + "-dry-run", DRY_RUN_MASTER,
                config.sparkConf());
        try {
            out.println("forecast " + job.jobName() + " (dry run, nothing changed): config " + arguments.configFile());
            for (String line : job.dryRun(spark, config)) {
                out.println("  " + line);
            }
            for (ForecastJob step : job.steps()) {
                out.println("  summary: " + JobSummaries.location(step.jobName(), config));
            }
            return ExitCode.SUCCESS;
        } catch (JobFailure failure) {
            err.println("forecast " + job.jobName() + " (dry run): " + failure.getMessage());
            return failure.exitCode();
        } catch (Exception | Error bug) {
            Optional<JobFailure> input = UnreadableInput.from(bug);
            if (input.isPresent()) {
                err.println("forecast " + job.jobName() + " (dry run): " + input.get().getMessage());
                return input.get().exitCode();
            }
            LOG.error("forecast {} dry run failed", job.jobName(), bug);
            err.println("forecast " + job.jobName() + " (dry run): failed: " + bug + " (stack trace in the log above)");
            return ExitCode.RUNTIME_FAILURE;
        } finally {
            spark.stop();
        }
    }

    /** Best effort: a summary that cannot be written is logged, not allowed to change the exit code. */
    private static void writeSummary(SparkSession spark, String job, ForecastConfig config, JobSummary summary) {
        String path = JobSummaries.location(job, config);
        try {
            JobSummaries.write(Storage.of(spark), path, summary);
            if (summary.exitCode() != 0) {
                // A successful run's "done" line already names the summary.
                LOG.info("forecast {}: summary written to {}", job, path);
            }
        } catch (Exception e) {
            LOG.warn("forecast {}: cannot write the summary to {}: {}", job, path, e.toString());
        }
    }

    private static String overview() {
        StringBuilder text = new StringBuilder("Usage: forecast <job> --config <file> [--set key=value ...] "
                + "[--master <url>] [--dry-run] [--summary <file>] [job options]\n\nJobs:\n");
        for (ForecastJob job : ForecastJob.values()) {
            text.append(String.format("  %-10s %s%n", job.jobName(), job.description()));
        }
        text.append("\nforecast <job> --help lists a job's options.\n");
        return text.toString();
    }

    private static String jobNames() {
        return String.join(", ", Arrays.stream(ForecastJob.values()).map(ForecastJob::jobName).toList());
    }
}
