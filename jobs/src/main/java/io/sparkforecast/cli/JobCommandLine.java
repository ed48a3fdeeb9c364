package io.sparkforecast.cli;

import io.sparkforecast.core.JobFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;
import scala.util.Either;
import scopt.DefaultOParserSetup;
import scopt.OEffectSetup;
import scopt.OParser;
import scopt.OParserBuilder;
import scopt.Read$;

/**
 * The command line of one job: {@code forecast <job> --config FILE [--set key=value ...]
 * [--master URL]} plus the job's own options, each of which is a shorthand for one config key.
 * Parsing never exits the JVM: help comes back as text, errors as a usage {@link JobFailure}.
 */
public final class JobCommandLine {

    /**
     * A job-specific option that sets one config key, e.g. --run-date sets run_date; a flag
     * (valueName null), e.g. --resume, sets its key to true.
     */
    public record KeyOption(String name, String valueName, String configKey, String help) {
        public static KeyOption flag(String name, String configKey, String help) {
            return new KeyOption(name, null, configKey, help);
        }
    }

    /** What the command line asked for: the help text, or a run. */
    public sealed interface Parsed permits Help, Run {
    }

    public record Help(String text) implements Parsed {
    }

    public record Run(JobArguments arguments) implements Parsed {
    }

    private record State(String config, List<String> overrides, String master, boolean dryRun) {
        State with(String key, String value) {
            return withOverride(key + "=" + value);
        }

        State withOverride(String override) {
            List<String> next = new ArrayList<>(overrides);
            next.add(override);
            return new State(config, next, master, dryRun);
        }
    }

    private final String job;
    private final OParser<?, State> parser;

    public JobCommandLine(String job, String description, List<KeyOption> keyOptions) {
        this.job = job;
        this.parser = buildParser(job, description, keyOptions);
    }

    public Parsed parse(String[] args) {
        CollectedEffects effects = new CollectedEffects();
        Option<State> result = OParser.parse(parser,
                JavaConverters.asScalaBuffer(Arrays.asList(args)).toSeq(),
                new State(null, List.of(), null, false), new QuietSetup(), effects);
        if (effects.helpShown) {
            return new Help(effects.out.toString());
        }
        if (!effects.errors.isEmpty() || result.isEmpty()) {
            String first = effects.errors.isEmpty() ? "invalid arguments" : effects.errors.get(0);
            throw JobFailure.usage("%s (see: forecast %s --help)", first, job);
        }
        State state = result.get();
        return new Run(new JobArguments(Path.of(state.config()), state.overrides(), state.master(), state.dryRun()));
    }

    public String usage() {
        return OParser.usage(parser);
    }

    private static OParser<?, State> buildParser(String job, String description, List<KeyOption> keyOptions) {
        OParserBuilder<State> b = OParser.builder();
        List<OParser<?, State>> parts = new ArrayList<>();
        parts.add(b.head(JavaConverters.asScalaBuffer(List.of(description)).toSeq()));
        parts.add(b.opt("config", Read$.MODULE$.stringRead()).required().valueName("<file>")
                .action((value, s) -> new State(value, s.overrides(), s.master(), s.dryRun()))
                .text("job configuration (HOCON), e.g. conf/airline.conf; defaults: conf/defaults.conf"));
        parts.add(b.opt("set", Read$.MODULE$.stringRead()).unbounded().valueName("key=value")
                .action((value, s) -> s.withOverride(value))
                .text("override one config key, e.g. --set training.epochs=5 (repeatable)"));
        parts.add(b.opt("master", Read$.MODULE$.stringRead()).valueName("<url>")
                .action((value, s) -> new State(s.config(), s.overrides(), value, s.dryRun()))
                .text("Spark master, e.g. local[*]; default: spark-submit's, else local[*]"));
        parts.add(b.opt("summary", Read$.MODULE$.stringRead()).valueName("<file>")
                .action((value, s) -> s.with("summary_file", value))
                .text("write the job's JSON summary here (sets summary_file)"));
        parts.add(b.opt("dry-run", Read$.MODULE$.unitRead())
                .action((unit, s) -> new State(s.config(), s.overrides(), s.master(), true))
                .text("check the config, the input and output locations and the input schema; "
                        + "print what would be done; change nothing"));
        for (KeyOption option : keyOptions) {
            if (option.valueName() == null) {
                parts.add(b.opt(option.name(), Read$.MODULE$.unitRead())
                        .action((unit, s) -> s.with(option.configKey(), "true"))
                        .text(option.help() + " (sets " + option.configKey() + " = true)"));
            } else {
                parts.add(b.opt(option.name(), Read$.MODULE$.stringRead()).valueName(option.valueName())
                        .action((value, s) -> s.with(option.configKey(), value))
                        .text(option.help() + " (sets " + option.configKey() + ")"));
            }
        }
        parts.add(b.help("help").text("print this usage and exit"));
        return OParser.sequence(b.programName("forecast " + job),
                JavaConverters.asScalaBuffer(parts).toSeq());
    }

    /** Usage text only on --help; errors are reported as one line. */
    private static final class QuietSetup extends DefaultOParserSetup {
        @Override
        public Option<Object> showUsageOnError() {
            return Option.apply(Boolean.FALSE);
        }
    }

    /** Collects scopt's output instead of printing it or exiting the JVM. */
    private static final class CollectedEffects implements OEffectSetup {
        final StringBuilder out = new StringBuilder();
        final List<String> errors = new ArrayList<>();
        boolean helpShown;

        @Override
        public void displayToOut(String msg) {
            out.append(msg).append(System.lineSeparator());
            helpShown = true;
        }

        @Override
        public void displayToErr(String msg) {
            errors.add(msg);
        }

        @Override
        public void reportError(String msg) {
            errors.add(msg);
        }

        @Override
        public void reportWarning(String msg) {
            errors.add(msg);
        }

        @Override
        public void terminate(Either<String, BoxedUnit> exitState) {
            // Never exit from a parser: the caller decides what happens next.
        }
    }
}
