package io.sparkforecast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.sparkforecast.config.ForecastConfig.EvaluateSpec;
import io.sparkforecast.config.ForecastConfig.FeatureSpec;
import io.sparkforecast.config.ForecastConfig.InferenceSpec;
import io.sparkforecast.config.ForecastConfig.NetworkSpec;
import io.sparkforecast.config.ForecastConfig.Optimizer;
import io.sparkforecast.config.ForecastConfig.OutputPaths;
import io.sparkforecast.config.ForecastConfig.ReportSpec;
import io.sparkforecast.config.ForecastConfig.ScoreSpec;
import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.config.ForecastConfig.TaskSpec;
import io.sparkforecast.config.ForecastConfig.TrainingSpec;
import io.sparkforecast.config.ForecastConfig.TransformSpec;
import io.sparkforecast.config.ForecastConfig.TuneSpec;
import io.sparkforecast.config.ForecastConfig.WindowSpec;
import io.sparkforecast.core.BaselineChoice;
import io.sparkforecast.core.CalendarFeature;
import io.sparkforecast.core.EncodingRules;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.GeneratePartitioning;
import io.sparkforecast.core.GenerateSpec;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.SeriesFamily;
import io.sparkforecast.core.TableFormat;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.core.IcebergCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads a job configuration: the --set overrides, then the job's HOCON file, then the
 * defaults (conf/defaults.conf, carried in the jar). Unknown keys and bad values are usage
 * errors that name the key.
 */
public final class ConfigLoader {
    static final String ROOT = "forecast";
    private static final String DEFAULTS_RESOURCE = "io/sparkforecast/config/defaults.conf";
    /** Sections whose keys are the user's: Spark settings and the tuning search space. */
    private static final List<String> FREE_FORM_SECTIONS = List.of(ROOT + ".spark.conf", ROOT + ".tune.space");

    /** Forecast steps at most: ten thousand steps ahead is decades of days, years of hours. */
    static final int MAX_HORIZON = 10_000;
    /** Seeds at most: the ensemble's members take seed, seed + 1, ... (exact as doubles, far from overflow). */
    static final long MAX_SEED = 1L << 50;

    private ConfigLoader() {
    }

    public static ForecastConfig load(Path configFile, List<String> overrides) {
        if (!Files.isRegularFile(configFile)) {
            throw JobFailure.usage("config file not found: %s", configFile);
        }
        return load(parseFile(configFile), overrides, configFile.toString());
    }

    /**
     * A resolved configuration with more overrides (key=value as for --set) on top, e.g. one
     * tuning trial's settings; its output paths stay as they were resolved.
     */
    public static ForecastConfig withOverrides(ForecastConfig base, List<String> overrides) {
        return load(ConfigFactory.parseString(base.resolvedJson()).atPath(ROOT), overrides, "the resolved config");
    }

    /** HOCON text of a resolved configuration with overrides on top, loadable as a job's --config file. */
    public static String render(ForecastConfig base, List<String> overrides) {
        return parseOverrides(overrides).withFallback(ConfigFactory.parseString(base.resolvedJson()).atPath(ROOT))
                .root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    /**
     * The settings of {@code config} that differ from the defaults, one "key = value" each in key
     * order (keys without the "forecast." prefix): what a log needs to say about a run.
     */
    public static List<String> changesFromDefaults(ForecastConfig config) {
        Config resolved = ConfigFactory.parseString(config.resolvedJson());
        Config plainDefaults = defaults().resolve().getConfig(ROOT);
        // Output paths that follow output.dir are not changes of their own.
        Config defaults = defaults().withValue(ROOT + ".output.dir", resolved.getValue("output.dir")).resolve()
                .getConfig(ROOT);
        Map<String, String> changes = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : resolved.entrySet()) {
            String key = entry.getKey();
            Config reference = key.equals("output.dir") ? plainDefaults : defaults;
            if (!reference.hasPath(key) || !plain(reference.getValue(key)).equals(plain(entry.getValue()))) {
                changes.put(key, entry.getValue().valueType() == ConfigValueType.STRING
                        ? plain(entry.getValue()) : entry.getValue().render(ConfigRenderOptions.concise()));
            }
        }
        for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
            if (resolved.hasPathOrNull(entry.getKey()) && resolved.getIsNull(entry.getKey())) {
                changes.put(entry.getKey(), "null");
            }
        }
        return changes.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
    }

    /** A value as text, so that 7 given on the command line ("7") equals the default 7. */
    private static String plain(ConfigValue value) {
        return String.valueOf(value.unwrapped());
    }

    private static Config defaults() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(),
                DEFAULTS_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
    }

    private static ForecastConfig load(Config fromFile, List<String> overrides, String origin) {
        Config defaults = defaults();
        Config user = parseOverrides(overrides).withFallback(fromFile);
        Config merged;
        try {
            merged = user.withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw JobFailure.usage("config file %s: %s", origin, e.getMessage());
        }
        // The merged keys are the user's and the defaults': any not in the defaults is the user's.
        // (Resolving the user's config on its own against the merged one broke on an included
        // base file overridden by ${?VAR}: Typesafe Config's BugOrBroken.)
        merged = ConfigAliases.renamed(merged, defaults.resolve(), origin);
        rejectUnknownKeys(merged, defaults);
        return toForecastConfig(merged);
    }

    private static Config parseFile(Path configFile) {
        try {
            return ConfigFactory.parseFile(configFile.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw JobFailure.usage("config file %s cannot be parsed: %s", configFile, e.getMessage());
        }
    }

    /** key=value pairs; the "forecast." prefix is optional. Values are plain text unless they
     *  start with [ { or a quote (parsed as HOCON) or are exactly null. */
    static Config parseOverrides(List<String> overrides) {
        Config config = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw JobFailure.usage("--set expects key=value, got '%s'", override);
            }
            String key = override.substring(0, eq).trim();
            String raw = override.substring(eq + 1).trim();
            if (!key.equals(ROOT) && !key.startsWith(ROOT + ".")) {
                key = ROOT + "." + key;
            }
            try {
                config = config.withValue(key, overrideValue(raw));
            } catch (ConfigException e) {
                throw JobFailure.usage("--set %s: %s", override, e.getMessage());
            }
        }
        return config;
    }

    private static ConfigValue overrideValue(String raw) {
        if (raw.equals("null")) {
            return ConfigValueFactory.fromAnyRef(null);
        }
        if (raw.startsWith("[") || raw.startsWith("{") || raw.startsWith("\"")) {
            return ConfigFactory.parseString("v = " + raw).getValue("v");
        }
        return ConfigValueFactory.fromAnyRef(raw);
    }

    private static void rejectUnknownKeys(Config user, Config defaults) {
        for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
            String key = entry.getKey();
            if (FREE_FORM_SECTIONS.stream().anyMatch(section -> key.startsWith(section + "."))) {
                continue;
            }
            if (!defaults.hasPathOrNull(key)) {
                throw JobFailure.usage("unknown config key %s (conf/defaults.conf lists every key)", key);
            }
        }
    }

    private static ForecastConfig toForecastConfig(Config merged) {
        ConfigReader r = new ConfigReader(merged);
        String p = ROOT + ".";
        LocalDate runDate = r.optionalDate(p + "run_date");
        SeriesSource series = series(r, p);
        FeatureSpec features = new FeatureSpec(
                r.stringList(p + "features.calendar", codes(CalendarFeature.values(), CalendarFeature::code))
                        .stream().map(CalendarFeature::of).toList(),
                r.stringList(p + "features.extra_columns", null));
        WindowSpec window = new WindowSpec(r.intAtLeast(p + "window.lookback", 1),
                r.intAtLeast(p + "window.horizon", 1));
        TransformSpec transform = new TransformSpec(r.intAtLeast(p + "transform.difference_lag", 0),
                ValueScaling.of(r.oneOf(p + "transform.scaling", scalingCodes())),
                BaselineChoice.of(r.oneOf(p + "transform.baseline", codes(BaselineChoice.values(),
                        BaselineChoice::code))));
        TaskSpec task = task(r, p, window, features, transform);
        transform = checkedTransform(transform, task, p);
        ForecastConfig.OutputPaths output = output(r, p);
        OutputLocations.checkApart(series.path(), output);
        OutputLocations.checkTableNames(output);
        return new ForecastConfig(
                r.name(p + "model_name"),
                r.optionalString(p + "model_version"),
                runDate != null ? runDate : LocalDate.now(ZoneOffset.UTC),
                r.optionalCutoff(p + "as_of"),
                series, season(r, p, series.frequency()), features, window, task, split(r, p), transform,
                network(r, p, task, transform, window), training(r, p), output, score(r, p), evaluate(r, p),
                new InferenceSpec(r.intAtLeast(p + "inference.batch_size", 1)),
                new ReportSpec(r.stringList(p + "report.plot_series", null)), tune(r, p),
                generate(r, p),
                r.optionalString(p + "summary_file"),
                r.stringMap(p + "spark.conf"),
                merged.getConfig(ROOT).root().render(ConfigRenderOptions.concise().setFormatted(true)));
    }

    private static SeriesSource series(ConfigReader r, String p) {
        return new SeriesSource(
                r.requiredString(p + "series.path"),
                r.option(p + "series.format", SeriesFormat.class),
                r.string(p + "series.id_column"),
                r.string(p + "series.time_column"),
                r.string(p + "series.value_column"),
                frequency(r, p + "series.frequency"),
                r.optionalString(p + "series.partition_column"),
                r.option(p + "series.gap_policy", GapPolicy.class),
                r.doubleIn(p + "series.max_reject_share", 0.0, 1.0));
    }

    private static SplitSpec split(ConfigReader r, String p) {
        SplitSpec split = new SplitSpec(r.doubleIn(p + "split.train", 0.01, 0.99),
                r.doubleIn(p + "split.validation", 0.0, 0.98));
        if (split.test() <= 0.0) {
            throw JobFailure.usage("config keys %ssplit.train (%s) + %ssplit.validation (%s) leave no test "
                    + "share; their sum must be below 1", p, split.train(), p, split.validation());
        }
        return split;
    }

    private static NetworkSpec network(ConfigReader r, String p, TaskSpec task, TransformSpec transform,
                                       WindowSpec window) {
        NetworkSpec network = new NetworkSpec(r.positiveIntList(p + "network.layers"),
                r.doubleIn(p + "network.dropout", 0.0, 0.95),
                r.doubleIn(p + "network.forget_gate_bias", -10.0, 10.0),
                r.option(p + "network.lstm", LstmImplementation.class),
                r.option(p + "network.window_as", WindowLayout.class),
                r.bool(p + "network.stateful"), r.intAtLeast(p + "network.state_history", 1),
                r.intAtLeast(p + "network.ensemble", 1));
        if (network.stateful() && !EncodingRules.statefulTakes(transform.scaling(), task.classify(),
                network.windowAs(), network.stateHistory(), window.lookback())) {
            throw JobFailure.usage("network.stateful = true walks each series step by step: it needs task.type = "
                    + "forecast (is %s), transform.scaling = minmax (is %s), network.window_as = time_steps (is %s) "
                    + "and network.state_history >= window.lookback (is %d, lookback %d)", task.type(),
                    transform.scaling().code(), network.windowAs().code(), network.stateHistory(), window.lookback());
        }
        if (network.dropout() > 0 && network.implementation() == LstmImplementation.STOCK) {
            // DL4J's LastTimeStep wrapper shares its layer's dropout mask between the workers of one JVM.
            throw JobFailure.usage("network.dropout = %s needs network.lstm = fast: DL4J's stock LSTM shares its "
                    + "last layer's dropout mask between workers in one JVM and fails in training", network.dropout());
        }
        return network;
    }

    private static TrainingSpec training(ConfigReader r, String p) {
        return new TrainingSpec(
                r.intAtLeast(p + "training.epochs", 1),
                r.intAtLeast(p + "training.batch_size", 1),
                r.positiveDouble(p + "training.learning_rate"),
                r.option(p + "training.optimizer", Optimizer.class),
                r.longIn(p + "training.seed", 0, MAX_SEED),
                r.doubleIn(p + "training.gradient_clipping", 0.0, Double.MAX_VALUE),
                r.intAtLeast(p + "training.averaging_frequency", 0),
                r.intAtLeast(p + "training.workers", 0),
                r.intAtLeast(p + "training.early_stopping_patience", 0),
                r.intAtLeast(p + "training.progress_seconds", 1),
                r.bool(p + "training.resume"));
    }

    private static OutputPaths output(ConfigReader r, String p) {
        return new OutputPaths(r.string(p + "output.prepared"), r.string(p + "output.models"),
                r.string(p + "output.registry"), r.string(p + "output.predictions"), r.string(p + "output.metrics"),
                r.string(p + "output.intervals"), r.string(p + "output.fallback"), r.string(p + "output.confusion"),
                r.string(p + "output.tuning"), r.string(p + "output.work"), r.string(p + "output.summaries"),
                r.string(p + "output.reports"), r.option(p + "output.table_format", TableFormat.class),
                new IcebergCatalog(r.name(p + "output.iceberg.catalog"), r.name(p + "output.iceberg.namespace"),
                        r.string(p + "output.iceberg.warehouse")));
    }

    private static ScoreSpec score(ConfigReader r, String p) {
        return new ScoreSpec(r.intIn(p + "score.horizon", 1, MAX_HORIZON),
                r.option(p + "score.method", ScoreMethod.class),
                r.bool(p + "score.intervals"),
                r.option(p + "score.fallback", ForecastConfig.Fallback.class));
    }

    private static int season(ConfigReader r, String p, Frequency frequency) {
        Integer season = r.autoOrIntAtLeast(p + "series.season", 1);
        return season == null ? frequency.defaultSeason() : season;
    }

    private static EvaluateSpec evaluate(ConfigReader r, String p) {
        return new EvaluateSpec(r.intIn(p + "evaluate.horizon", 1, MAX_HORIZON),
                r.doubleIn(p + "evaluate.interval_level", 0.0, 0.999),
                r.optionalDateTime(p + "evaluate.from"), r.optionalDateTime(p + "evaluate.to"),
                r.options(p + "evaluate.classical", ClassicalMethod.class),
                r.doubleIn(p + "evaluate.fallback_confidence", 0.5, 0.999));
    }

    private static GenerateSpec generate(ConfigReader r, String p) {
        return new GenerateSpec(
                r.option(p + "generate.family", SeriesFamily.class),
                r.intAtLeast(p + "generate.series", 1),
                r.intAtLeast(p + "generate.steps", 1),
                r.requiredDateTime(p + "generate.start"),
                r.longIn(p + "generate.seed", 0, MAX_SEED),
                r.intAtLeast(p + "generate.period", 2),
                r.doubleIn(p + "generate.noise", 0.0, 1e6),
                r.intAtLeast(p + "generate.classes", 2),
                r.option(p + "generate.partition_by", GeneratePartitioning.class),
                r.intAtLeast(p + "generate.buckets", 1));
    }

    /**
     * The transform as a forecasting task uses it: a classification takes plain values (the value
     * scalings and baselines are forecasting settings), relative scaling cannot take differences,
     * and a named baseline needs a per-window scaling.
     */
    private static TransformSpec checkedTransform(TransformSpec transform, TaskSpec task, String p) {
        if (transform.scaling() == ValueScaling.RELATIVE
                && !EncodingRules.scalingTakes(transform.scaling(), transform.differenceLag(), task.classify())) {
            throw JobFailure.usage("transform.scaling = relative scales each window by its first value: it needs "
                    + "transform.difference_lag = 0 (is %d) and task.type = forecast (is %s)",
                    transform.differenceLag(), task.type());
        }
        if (task.classify()) {
            return new TransformSpec(transform.differenceLag(), ValueScaling.MINMAX, BaselineChoice.NONE);
        }
        if (transform.baseline().fixed() != null && !EncodingRules.baselineTakes(transform.scaling())) {
            throw JobFailure.usage("%stransform.baseline = %s corrects a naive forecast in window units: it needs a "
                    + "per-window transform.scaling (standard, robust or mean_abs; is %s)", p,
                    transform.baseline().code(), transform.scaling().code());
        }
        return transform;
    }

    /** Scaling codes, with "window", the old name of relative scaling. */
    private static Set<String> scalingCodes() {
        Set<String> codes = codes(ValueScaling.values(), ValueScaling::code);
        codes.add("window");
        return codes;
    }

    /** The search space: each key must be a config key, each value a non-empty list of its values. */
    private static TuneSpec tune(ConfigReader r, String p) {
        Config space = r.config(p + "tune.space");
        Map<String, List<String>> values = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : space.entrySet()) {
            String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
            if (!(entry.getValue() instanceof ConfigList list) || list.isEmpty()) {
                throw JobFailure.usage("config key %stune.space: \"%s\" must be a non-empty list of values", p, key);
            }
            values.put(key.startsWith(ROOT + ".") ? key.substring(ROOT.length() + 1) : key,
                    list.stream().map(v -> v.render(ConfigRenderOptions.concise())).toList());
        }
        return new TuneSpec(r.option(p + "tune.method", TuneMethod.class), r.intAtLeast(p + "tune.trials", 1),
                r.longIn(p + "tune.seed", 0, MAX_SEED), r.longValue(p + "tune.parallel_max_samples"), values);
    }

    /** The task; classify needs plain one-hot inputs and one label per window. */
    private static TaskSpec task(ConfigReader r, String p, WindowSpec window, FeatureSpec features,
                                 TransformSpec transform) {
        TaskSpec task = new TaskSpec(r.option(p + "task.type", TaskType.class),
                r.intAtLeast(p + "task.classes", 2), r.optionalInt(p + "task.label_index"));
        if (!task.classify()) {
            return task;
        }
        if (task.labelIndex() != null && (task.labelIndex() < 0 || task.labelIndex() >= window.lookback())) {
            throw JobFailure.usage("config key %stask.label_index = %d must be a window position 0..%d "
                    + "(window.lookback - 1), or null for the value after the window", p, task.labelIndex(),
                    window.lookback() - 1);
        }
        if (window.horizon() != 1 || transform.differenceLag() != 0 || features.inputs() != 1) {
            throw JobFailure.usage("task.type = classify takes one-hot values only: it needs window.horizon = 1 "
                    + "(is %d), transform.difference_lag = 0 (is %d) and no calendar or extra features (%s, %s)",
                    window.horizon(), transform.differenceLag(), features.calendar(), features.extraColumns());
        }
        return task;
    }

    private static <T> Set<String> codes(T[] values, Function<T, String> code) {
        return Arrays.stream(values).map(code).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Frequency frequency(ConfigReader r, String key) {
        String text = r.string(key);
        try {
            return Frequency.parse(text);
        } catch (IllegalArgumentException e) {
            throw JobFailure.usage("config key %s: %s", key, e.getMessage());
        }
    }
}
