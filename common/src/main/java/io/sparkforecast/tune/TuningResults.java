package io.sparkforecast.tune;

import io.sparkforecast.config.ConfigLoader;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.report.Charts;
import io.sparkforecast.report.HtmlReport;
import io.sparkforecast.report.ReportDirectory;
import io.sparkforecast.storage.CsvText;
import io.sparkforecast.storage.Storage;
import io.sparkforecast.tune.SearchSpace.Trial;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The outputs of a tuning run, in one directory replaced as a whole: the trials table
 * (Parquet under trials/, and trials.csv), ranked by final validation loss with failed trials
 * last; best.conf, the resolved config with the best trial's settings, which prepare and train
 * accept; and report.html with a bar chart of the trials' validation losses.
 */
public final class TuningResults {
    public static final String TABLE = "trials";
    public static final String CSV = "trials.csv";
    public static final String BEST_CONF = "best.conf";
    public static final String REPORT = "report.html";
    public static final StructType SCHEMA = new StructType()
            .add("rank", DataTypes.IntegerType, true)
            .add("trial", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, false)
            .add("validation_loss", DataTypes.DoubleType, true)
            .add("train_loss", DataTypes.DoubleType, true)
            .add("epochs", DataTypes.IntegerType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("mode", DataTypes.StringType, false)
            .add("settings", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true);

    private final ForecastConfig config;
    private final List<Trial> trials;
    private final List<TrialOutcome> ranked;

    TuningResults(ForecastConfig config, List<Trial> trials, Map<Integer, TrialOutcome> outcomes) {
        this.config = config;
        this.trials = trials;
        this.ranked = outcomes.values().stream()
                .sorted(Comparator.comparing((TrialOutcome o) -> !o.succeeded())
                        .thenComparing(o -> o.succeeded() ? o.validationLoss() : 0.0)
                        .thenComparing(TrialOutcome::trial))
                .toList();
    }

    public List<TrialOutcome> ranked() {
        return ranked;
    }

    public long succeeded() {
        return ranked.stream().filter(TrialOutcome::succeeded).count();
    }

    public Optional<TrialOutcome> bestOutcome() {
        return ranked.stream().filter(TrialOutcome::succeeded).findFirst();
    }

    public Optional<Trial> best() {
        return bestOutcome().map(o -> trials.get(o.trial() - 1));
    }

    /** The ranking as printed by the tune job. */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format("%-5s %-6s %-10s %16s %10s  %s%n", "rank", "trial",
                "status", "validation_loss", "seconds", "settings / error"));
        int rank = 0;
        for (TrialOutcome o : ranked) {
            text.append(String.format("%-5s %-6d %-10s %16s %10.1f  %s%n", o.succeeded() ? ++rank : "-", o.trial(),
                    o.succeeded() ? "succeeded" : "failed",
                    o.succeeded() ? String.format("%.6f", o.validationLoss()) : "-", o.seconds(),
                    String.join(", ", trials.get(o.trial() - 1).overrides())
                            + (o.error() == null ? "" : "  " + o.error())));
        }
        return text.toString();
    }

    /** Writes everything to a staging directory, then swaps it in for {@code dir}; returns dir. */
    String write(SparkSession spark, Storage storage, String dir) {
        return ReportDirectory.replace(storage, dir, staging -> {
            List<Row> rows = rows();
            spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                    .parquet(staging + "/" + TABLE);
            storage.writeAtomically(staging + "/" + CSV, csv(rows));
            bestOutcome().ifPresent(best -> storage.writeAtomically(staging + "/" + BEST_CONF, bestConf(best)));
            report().forEach((name, content) -> storage.writeAtomically(staging + "/" + name, content));
        });
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int rank = 0;
        for (TrialOutcome o : ranked) {
            rows.add(RowFactory.create(o.succeeded() ? ++rank : null, o.trial(), o.succeeded() ? "succeeded" : "failed",
                    o.validationLoss(), o.trainLoss(), o.epochs(), o.seconds(), o.mode(),
                    String.join(", ", trials.get(o.trial() - 1).overrides()), o.error()));
        }
        return rows;
    }

    private static byte[] csv(List<Row> rows) {
        CsvText csv = new CsvText(Arrays.asList(SCHEMA.fieldNames()));
        for (Row row : rows) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                cells.add(row.get(i));
            }
            csv.row(cells);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The resolved config with the best trial's settings. Trials trained in parallel ran on one
     * worker each, so the file sets training.workers = 1 to train the same way.
     */
    private byte[] bestConf(TrialOutcome outcome) {
        Trial trial = trials.get(outcome.trial() - 1);
        List<String> overrides = new ArrayList<>(trial.overrides());
        boolean single = outcome.mode().equals(TrialOutcome.PARALLEL);
        if (single) {
            overrides.add("training.workers=1");
        }
        String header = String.format("# Best of %d trials of tuning model '%s': trial %d %s%n# validation loss "
                        + "%.6f, train loss %s (the published epoch; %s). Use it with prepare, then train:%n"
                        + "#   scripts/forecast prepare --config best.conf && scripts/forecast train --config best.conf%n",
                trials.size(), config.modelName(), trial.number(), trial.settings(), outcome.validationLoss(),
                loss(outcome.trainLoss()), single ? "trained single-node, hence training.workers = 1"
                        : "distributed");
        return (header + ConfigLoader.render(config, overrides)).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, byte[]> report() {
        List<String> labels = new ArrayList<>();
        double[] losses = new double[trials.size()];
        List<List<String>> table = new ArrayList<>();
        for (Trial trial : trials) {
            labels.add("trial " + trial.number());
        }
        for (TrialOutcome o : ranked) {
            losses[o.trial() - 1] = o.succeeded() ? o.validationLoss() : Double.NaN;
            table.add(List.of(String.valueOf(o.trial()), o.succeeded() ? "succeeded" : "failed",
                    o.succeeded() ? String.format("%.6f", o.validationLoss()) : "",
                    o.succeeded() ? loss(o.trainLoss()) : "",
                    String.format("%.1f", o.seconds()), trials.get(o.trial() - 1).settings().toString(),
                    o.error() == null ? "" : o.error()));
        }
        return new HtmlReport("Tuning of model " + config.modelName())
                .paragraph(String.format("%d trials (%s search), ranked by the validation loss of the network each "
                                + "would publish; %d succeeded.",
                        trials.size(), config.tune().method(), succeeded()))
                .image("validation_loss.png", "validation loss per trial (published epoch)",
                        Charts.bars("Final validation loss per trial", labels, losses, "validation loss"))
                .table(List.of("trial", "status", "validation loss", "train loss", "seconds", "settings", "error"),
                        table)
                .files(REPORT);
    }

    /** A loss with six decimals; "-" for none (the untrained network has no train loss). */
    private static String loss(Double value) {
        return value == null ? "-" : String.format("%.6f", value);
    }
}
