package io.sparkforecast.bench;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.config.ConfigLoader;
import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.data.PrepareJob;
import io.sparkforecast.eval.Evaluation;
import io.sparkforecast.eval.ForecastMethod;
import io.sparkforecast.eval.MetricsTable;
import io.sparkforecast.spark.SparkSessions;
import io.sparkforecast.train.TrainJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The accuracy benchmark behind scripts/bench-accuracy: ONE config (a config file, by default
 * conf/defaults.conf, plus --set overrides) run over every table of data/benchmark/tables.csv with
 * only its data settings (path, frequency, backtest horizon) on top: prepare, train, evaluate in
 * one local Spark session. Prints per table the summed one-step and 1..H RMSE of the model, what
 * score publishes and the best baseline, MASE, the share of series the model wins, and the interval
 * coverage; then the suite's totals.
 *   args: tables.csv output-dir config-file [key=value ...]
 */
public final class AccuracyBenchmark {
    private static final List<ForecastMethod> BASELINES = ForecastMethod.BASELINES;

    private AccuracyBenchmark() {
    }

    /** One table's figures at one horizon (1) or over all horizons (null). */
    record Figures(Map<ForecastMethod, Double> summedRmse, Map<ForecastMethod, Double> meanMase, int series,
                   int modelWins) {
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

    public static void main(String[] args) throws IOException {
        List<String[]> tables = Files.readAllLines(Path.of(args[0])).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.split(",", 4)).toList();
        String outputRoot = args[1];
        Path configFile = Path.of(args[2]);
        List<String> extra = List.of(args).subList(3, args.length);
        String only = System.getenv().getOrDefault("TABLES", "");
        // Evaluate the latest model of each table again (another fallback or interval setting)
        // without preparing or training.
        boolean reuseModels = "1".equals(System.getenv("REUSE_MODELS"));

        SparkSession spark = SparkSessions.create("bench-accuracy", "local[*]",
                Map.of("spark.sql.shuffle.partitions", "2", "spark.ui.enabled", "false"));
        List<String> lines = new ArrayList<>();
        int tablesWon = 0;
        int tablesRun = 0;
        double worstRatio = 0;
        double worstPublished = 0;
        double coverageSum = 0;
        int coverageTables = 0;
        lines.add(String.format("%-15s %6s | %9s %9s %-22s %6s %6s %6s %6s %5s | %3s %6s %6s %5s | %6s %6s",
                "table", "series", "h1 model", "baseline", "(best baseline)", "ratio", "publ", "mase", "mase_b", "wins",
                "H", "ratio", "publ", "wins", "cover", "train_s"));
        for (String[] table : tables) {
            String name = table[0];
            if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
                continue;
            }
            List<String> overrides = new ArrayList<>(List.of(
                    "series.path=" + Path.of(args[0]).getParent().resolve(name + ".csv"),
                    "series.frequency=" + table[1],
                    "evaluate.horizon=" + table[2],
                    "model_name=" + name,
                    "output.dir=" + outputRoot + "/" + name));
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
                Evaluation.Outcome evaluated = Evaluation.run(spark, config);
                String version = evaluated.result().modelVersion();
                List<Row> rows = spark.read().parquet(config.output().metrics())
                        .filter(col(MetricsTable.MODEL_VERSION).equalTo(version))
                        .filter(col(MetricsTable.SPLIT).equalTo("test"))
                        .filter(col("series_id").isNotNull()).collectAsList();
                Figures one = figures(rows, 1);
                Figures all = figures(rows, null);
                Object coverage = evaluated.result().metrics().get("interval_coverage");
                if (coverage != null) {
                    coverageSum += (Double) coverage;
                    coverageTables++;
                }
                tablesRun++;
                tablesWon += one.ratio() < 1 ? 1 : 0;
                worstRatio = Math.max(worstRatio, one.ratio());
                worstPublished = Math.max(worstPublished, one.ratio(ForecastMethod.PUBLISHED));
                ForecastMethod best = one.bestBaseline();
                lines.add(String.format(Locale.ROOT,
                        "%-15s %6d | %9.4g %9.4g %-22s %6.3f %6.3f %6.3f %6.3f %5s | %3s %6.3f %6.3f %5s | %6s %6.0f",
                        name, one.series(), one.summedRmse().get(ForecastMethod.MODEL), one.summedRmse().get(best),
                        "(" + best.code() + ")", one.ratio(), one.ratio(ForecastMethod.PUBLISHED),
                        one.meanMase().get(ForecastMethod.MODEL), one.meanMase().get(best),
                        one.modelWins() + "/" + one.series(), table[2], all.ratio(), all.ratio(ForecastMethod.PUBLISHED),
                        all.modelWins() + "/" + all.series(),
                        coverage == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * (Double) coverage),
                        trainSeconds));
            } catch (RuntimeException e) {
                lines.add(String.format("%-15s failed: %s", name, e.getMessage()));
            }
            System.err.println(lines.get(lines.size() - 1));
        }
        lines.add(String.format(Locale.ROOT, "model beats the best baseline (h1 summed RMSE) on %d of %d tables; "
                        + "worst ratio %.3f (published %.3f); mean 90%% interval coverage %.1f%%", tablesWon, tablesRun,
                worstRatio, worstPublished,
                coverageTables == 0 ? Double.NaN : 100 * coverageSum / coverageTables));
        spark.stop();
        String report = String.join("\n", lines) + "\n";
        Files.writeString(Path.of(outputRoot, "results.txt"), report);
        System.out.print(report);
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
        return new Figures(summed, mase, perSeries.size(), wins);
    }
}
