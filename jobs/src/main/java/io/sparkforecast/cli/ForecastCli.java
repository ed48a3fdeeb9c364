package io.sparkforecast.cli;

import io.sparkforecast.config.ExitCode;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.JobArguments;
import io.sparkforecast.config.JobCommandLine;
import io.sparkforecast.config.JobFailure;
import io.sparkforecast.spark.SparkSessions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code forecast <job> --config FILE [--set key=value ...] [--master URL]}: parses, loads the
 * configuration, runs the job in a SparkSession and maps the outcome to an exit code. The only
 * place that exits the JVM.
 */
public final class ForecastCli {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastCli.class);

    private ForecastCli() {
    }

    public static void main(String[] args) {
        PeakHeap.startSampling();
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
        try {
            JobCommandLine.Parsed parsed = job.get().commandLine().parse(Arrays.copyOfRange(args, 1, args.length));
            if (parsed instanceof JobCommandLine.Help help) {
                out.print(help.text());
                return ExitCode.SUCCESS;
            }
            JobArguments arguments = ((JobCommandLine.Run) parsed).arguments();
            ForecastConfig config = arguments.loadConfig();
            LOG.info("forecast {}: config {} resolved to\n{}", name, arguments.configFile(), config.resolvedJson());
            long started = System.nanoTime();
            SparkSession spark = SparkSessions.create("forecast-" + name, arguments.master(), config.sparkConf());
            try {
                job.get().run(spark, config, out);
            } finally {
                spark.stop();
            }
            LOG.info("forecast {}: done in {} s; peak heap {} MB of {} MB (sampled)", name,
                    String.format("%.1f", (System.nanoTime() - started) / 1e9), PeakHeap.usedMegabytes(),
                    Runtime.getRuntime().maxMemory() >> 20);
            return ExitCode.SUCCESS;
        } catch (JobFailure failure) {
            err.println("forecast " + name + ": " + failure.getMessage());
            return failure.exitCode();
        } catch (RuntimeException | Error bug) {
            LOG.error("forecast {} failed", name, bug);
            err.println("forecast " + name + ": failed: " + bug + " (stack trace in the log above)");
            return ExitCode.RUNTIME_FAILURE;
        }
    }

    private static String overview() {
        StringBuilder text = new StringBuilder("Usage: forecast <job> --config <file> [--set key=value ...] "
                + "[--master <url>] [job options]\n\nJobs:\n");
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
