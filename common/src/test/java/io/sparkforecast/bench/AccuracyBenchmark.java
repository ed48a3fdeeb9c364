package io.sparkforecast.bench;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.config.ConfigLoader;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.eval.Evaluation;
import io.sparkforecast.eval.MetricsTable;
import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.ops.JobResult;
import io.sparkforecast.prepare.PrepareJob;
import io.sparkforecast.spark.SparkSessions;
import io.sparkforecast.storage.Json;
import io.sparkforecast.train.TrainJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The accuracy benchmark behind scripts/bench-accuracy: ONE config (a config file, by default
 * conf/defaults.conf, plus --set overrides) run over every table of data/benchmark/tables.csv with
 * only its data settings (path, frequency, backtest horizon) on top: prepare, train, evaluate in
 * one local Spark session. Prints per table the summed one-step RMSE of the model, what score
 * publishes, the best naive rule in hindsight and R's ets() and auto.arima() (ClassicalPeer) on the
 * same targets, their ratios, MASE, the share of series the model wins, the same over horizons 1..H
 * and the interval coverage; then the suite's totals and worst ratios. Writes results.txt and
 * results.json to the output directory.
 *   args: tables.csv output-dir config-file [key=value ...]
 */
public final class AccuracyBenchmark {
    private static final List<ForecastMethod> BASELINES = ForecastMethod.BASELINES;

    private AccuracyBenchmark() {
    }

    /** One table's figures at one horizon (1) or over all horizons (null). */
    record Figures(Map<ForecastMethod, Double> summedRmse, Map<ForecastMethod, Double> meanMase, int series,
                   int modelWins, Map<String, Map<ForecastMethod, Double>> rmseBySeries) {
        ForecastMethod bestBaseline() {
            return BASELINES.stream().filter(summedRmse::containsKey)
                    .min((a, b) -> Double.compare(summedRmse.get(a), summedRmse.get(b))).orElseThrow();
        }

        double ratio() {
            return ratio(ForecastMethod.MODEL);
        }

        double ratio(ForecastMethod method) {
            return summedRmse.getOrDefault(method, Double.NaN) / summedRmse.get(bestBaseline());
        }
    }

    /** One table's row of the results: one-step ratios to the best naive rule and to R's ETS. */
    record TableResult(String table, int series, String bestBaseline, double baselineRmse, double model,
                       double published, double productEts, double productArima, double ets, double arima,
                       double modelOverEts, double publishedOverEts,
                       double modelMase, double baselineMase, int modelWins, int horizon,
                       double modelAllHorizons, double publishedAllHorizons, Double coverage, double trainSeconds,
                       Map<String, Map<ForecastMethod, Double>> oneStepRmseBySeries) {
        boolean panel() {
            return series > 1;
        }

        String line() {
            return String.format(Locale.ROOT,
                    "%-15s %6d | %9.4g %-22s %6.3f %6.3f %6.3f %6.3f | %6.3f %7.3f %7.3f %7.3f | %6.3f %6.3f %5s | %3d "
                            + "%6.3f %6.3f | %6s %6.0f",
                    table, series, baselineRmse, "(" + bestBaseline + ")", model, published, productEts, productArima,
                    ets, arima,
                    modelOverEts, publishedOverEts, modelMase, baselineMase, modelWins + "/" + series, horizon,
                    modelAllHorizons, publishedAllHorizons,
                    coverage == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * coverage), trainSeconds);
        }
    }

    private static final String HEADER = String.format(
            "%-15s %6s | %9s %-22s %6s %6s %6s %6s | %6s %7s %7s %7s | %6s %6s %5s | %3s %6s %6s | %6s %6s", "table",
            "series", "baseline", "(best naive rule)", "model", "publ", "ets", "arima", "R_ets", "R_arima", "m/R_ets",
            "p/R_ets", "mase", "mase_b", "wins", "H", "model", "publ", "cover", "train_s");

    public static void main(String[] args) throws IOException {
        Path tablesFile = Path.of(args[0]);
        List<String[]> tables = Files.readAllLines(tablesFile).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.split(",", 4)).toList();
        Path outputRoot = Path.of(args[1]);
        Path configFile = Path.of(args[2]);
        List<String> extra = List.of(args).subList(3, args.length);
        String only = System.getenv().getOrDefault("TABLES", "");
        // Evaluate the latest model of each table again (another fallback or interval setting)
        // without preparing or training.
        boolean reuseModels = "1".equals(System.getenv("REUSE_MODELS"));

        SparkSession spark = SparkSessions.create("bench-accuracy", "local[*]",
                Map.of("spark.sql.shuffle.partitions", "2", "spark.ui.enabled", "false"));
        List<TableResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        System.out.println(HEADER);
        for (String[] table : tables) {
            String name = table[0];
            if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
                continue;
            }
            List<String> overrides = new ArrayList<>(List.of(
                    "series.path=" + tablesFile.getParent().resolve(name + ".csv"),
                    "series.frequency=" + table[1],
                    "evaluate.horizon=" + table[2],
                    "model_name=" + name,
                    "output.dir=" + outputRoot.resolve(name)));
            overrides.addAll(extra);
            ForecastConfig config = ConfigLoader.load(configFile, overrides);
            try {
                double trainSeconds = 0;
                if (!reuseModels) {
                    new PrepareJob(spark, config).run();
                    long started = System.nanoTime();
                    new TrainJob(spark, config).run();
                    trainSeconds = (System.nanoTime() - started) / 1e9;
                }
                JobResult evaluated = Evaluation.job(spark, config).run();
                String version = evaluated.modelVersion();
                List<Row> rows = spark.read().parquet(config.output().metrics())
                        .filter(col(MetricsTable.MODEL_VERSION).equalTo(version))
                        .filter(col(MetricsTable.SPLIT).equalTo("test"))
                        .filter(col("series_id").isNotNull()).collectAsList();
                Figures one = figures(rows, 1);
                Figures all = figures(rows, null);
                ClassicalPeer peer = ClassicalPeer.read(tablesFile.getParent(), name);
                double ets = classicalRmse(peer, ClassicalPeer.Method.ETS, rows);
                double arima = classicalRmse(peer, ClassicalPeer.Method.ARIMA, rows);
                ForecastMethod best = one.bestBaseline();
                double bestRmse = one.summedRmse().get(best);
                Object coverage = evaluated.metrics().get("interval_coverage");
                TableResult result = new TableResult(name, one.series(), best.code(), bestRmse, one.ratio(),
                        one.ratio(ForecastMethod.PUBLISHED), one.ratio(ForecastMethod.ETS),
                        one.ratio(ForecastMethod.ARIMA), ets / bestRmse, arima / bestRmse,
                        one.summedRmse().get(ForecastMethod.MODEL) / ets,
                        one.summedRmse().get(ForecastMethod.PUBLISHED) / ets,
                        one.meanMase().get(ForecastMethod.MODEL), one.meanMase().get(best), one.modelWins(),
                        Integer.parseInt(table[2]), all.ratio(), all.ratio(ForecastMethod.PUBLISHED),
                        (Double) coverage, trainSeconds, one.rmseBySeries());
                results.add(result);
                System.out.println(result.line());
            } catch (RuntimeException e) {
                failures.add(name + ": " + e.getMessage());
                System.out.println(name + " failed: " + e.getMessage());
            }
        }
        spark.stop();
        // Losses first: the tables where the published forecast is furthest behind R's ets().
        List<String> lines = new ArrayList<>(List.of(HEADER));
        results.stream().sorted(Comparator.comparingDouble(TableResult::publishedOverEts).reversed())
                .forEach(r -> lines.add(r.line()));
        lines.addAll(summary(results, failures));
        String report = String.join("\n", lines) + "\n";
        Files.writeString(outputRoot.resolve("results.txt"), report);
        Files.writeString(outputRoot.resolve("results.json"), Json.write(Map.of("tables", results,
                "failed", failures)));
        System.out.print("\n" + report);
    }

    /** The suite's totals against the bars of the accuracy issue, and its worst ratios. */
    private static List<String> summary(List<TableResult> results, List<String> failures) {
        int n = results.size();
        List<TableResult> panels = results.stream().filter(TableResult::panel).toList();
        TableResult worstModel = worst(results, TableResult::model);
        TableResult worstPublished = worst(results, TableResult::published);
        TableResult worstOverEts = worst(results, TableResult::publishedOverEts);
        double coverage = results.stream().filter(r -> r.coverage() != null).mapToDouble(TableResult::coverage)
                .average().orElse(Double.NaN);
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "one-step ratios to the best naive rule in hindsight, over %d tables "
                + "(%d of them panels of several series)%s:", n, panels.size(),
                failures.isEmpty() ? "" : "; failed: " + String.join("; ", failures)));
        lines.add(String.format(Locale.ROOT, "  published <= 1.00 on %d of %d tables; worst %.3f (%s)",
                count(results, r -> atMost(r.published(), 1)), n, worstPublished.published(), worstPublished.table()));
        lines.add(String.format(Locale.ROOT, "  model     <= 1.00 on %d of %d tables, %d of %d panels; worst %.3f (%s)",
                count(results, r -> atMost(r.model(), 1)), n, count(panels, r -> atMost(r.model(), 1)), panels.size(),
                worstModel.model(), worstModel.table()));
        lines.add(String.format(Locale.ROOT, "  published <= R's ets() on %d of %d tables, <= auto.arima() on %d; "
                        + "worst published / ets %.3f (%s)", count(results, r -> atMost(r.publishedOverEts(), 1)), n,
                count(results, r -> atMost(r.published(), r.arima())), worstOverEts.publishedOverEts(),
                worstOverEts.table()));
        lines.add(String.format(Locale.ROOT, "  R's ets() <= 1.00 on %d of %d tables, auto.arima() on %d; "
                        + "mean 90%% interval coverage %.1f%%", count(results, r -> atMost(r.ets(), 1)), n,
                count(results, r -> atMost(r.arima(), 1)), 100 * coverage));
        lines.add(String.format(Locale.ROOT, "  the product's ets <= 1.00 on %d of %d tables, <= R's ets() on %d; "
                        + "its arima <= 1.00 on %d, <= R's auto.arima() on %d", count(results, r -> atMost(r.productEts(), 1)),
                n, count(results, r -> atMost(r.productEts(), r.ets())), count(results, r -> atMost(r.productArima(), 1)),
                count(results, r -> atMost(r.productArima(), r.arima()))));
        return lines;
    }

    /** a <= b as printed (three decimals): a ratio of 1.0000001 reads 1.000 and counts as no loss. */
    private static boolean atMost(double a, double b) {
        return Math.round(a * 1000) <= Math.round(b * 1000);
    }

    private static TableResult worst(List<TableResult> results, ToDoubleFunction<TableResult> ratio) {
        return results.stream().max(Comparator.comparingDouble(ratio)).orElse(null);
    }

    private static long count(List<TableResult> results, Predicate<TableResult> test) {
        return results.stream().filter(test).count();
    }

    /** R's summed one-step RMSE on the targets of the model's one-step test rows, series by series. */
    private static double classicalRmse(ClassicalPeer peer, ClassicalPeer.Method method, List<Row> rows) {
        double summed = 0;
        for (Row row : rows) {
            if (!Integer.valueOf(1).equals(row.get(row.fieldIndex(MetricsTable.HORIZON)))
                    || !ForecastMethod.MODEL.code().equals(row.getString(row.fieldIndex(MetricsTable.METHOD)))) {
                continue;
            }
            summed += peer.rmse(method, row.getString(row.fieldIndex("series_id")),
                    row.getAs(MetricsTable.FIRST_TARGET_TS), row.getAs(MetricsTable.LAST_TARGET_TS),
                    row.getLong(row.fieldIndex(MetricsTable.TARGETS)));
        }
        return summed;
    }

    /** Summed RMSE, mean MASE and wins per method at a horizon (null: all horizons together). */
    private static Figures figures(List<Row> rows, Integer horizon) {
        Map<ForecastMethod, Double> summed = new LinkedHashMap<>();
        Map<ForecastMethod, Double> mase = new LinkedHashMap<>();
        Map<ForecastMethod, Integer> counts = new LinkedHashMap<>();
        Map<String, Map<ForecastMethod, Double>> perSeries = new LinkedHashMap<>();
        for (Row row : rows) {
            Object h = row.get(row.fieldIndex(MetricsTable.HORIZON));
            if (horizon == null ? h != null : !horizon.equals(h)) {
                continue;
            }
            ForecastMethod method = ForecastMethod.valueOf(row.getString(row.fieldIndex(MetricsTable.METHOD))
                    .toUpperCase(Locale.ROOT));
            double rmse = row.getDouble(row.fieldIndex(MetricsTable.RMSE));
            Object m = row.get(row.fieldIndex(MetricsTable.MASE));
            summed.merge(method, rmse, Double::sum);
            mase.merge(method, m == null ? Double.NaN : (Double) m, Double::sum);
            counts.merge(method, 1, Integer::sum);
            perSeries.computeIfAbsent(row.getString(row.fieldIndex("series_id")), k -> new LinkedHashMap<>())
                    .put(method, rmse);
        }
        mase.replaceAll((method, sum) -> sum / counts.get(method));
        int wins = 0;
        for (Map<ForecastMethod, Double> series : perSeries.values()) {
            double bestBaseline = BASELINES.stream().filter(series::containsKey).mapToDouble(series::get).min()
                    .orElse(Double.NaN);
            wins += series.get(ForecastMethod.MODEL) < bestBaseline ? 1 : 0;
        }
        return new Figures(summed, mase, perSeries.size(), wins, perSeries);
    }
}
