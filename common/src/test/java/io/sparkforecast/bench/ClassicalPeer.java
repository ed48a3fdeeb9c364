package io.sparkforecast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R's classical one-step forecasts of one benchmark table (data/benchmark/classical/TABLE.csv, written
 * by scripts/export-benchmark-data: ets() and auto.arima() fitted per series before the test split,
 * applied unchanged to the whole series) with the table's actual values, so that their errors are
 * measured on exactly the targets the product's backtest scored.
 */
final class ClassicalPeer {
    /** The classical methods R forecast; the column of each in the CSV. */
    enum Method {
        ETS("ets"), ARIMA("arima");

        final String column;

        Method(String column) {
            this.column = column;
        }
    }

    /** One forecast target of a series: its time, R's forecast per method and the actual value. */
    private record Target(LocalDateTime ts, double[] forecasts, double actual) {
    }

    private final Map<String, List<Target>> targetsBySeries;

    private ClassicalPeer(Map<String, List<Target>> targetsBySeries) {
        this.targetsBySeries = targetsBySeries;
    }

    /** The forecasts of {@code table} under {@code benchmarkDir}/classical, with the actual values. */
    static ClassicalPeer read(Path benchmarkDir, String table) throws IOException {
        Map<String, Double> actuals = new HashMap<>();
        List<String> rows = Files.readAllLines(benchmarkDir.resolve(table + ".csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            actuals.put(cells[0] + "," + cells[1], Double.parseDouble(cells[2]));
        }
        Path file = benchmarkDir.resolve("classical").resolve(table + ".csv");
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int[] columns = new int[Method.values().length];
        for (Method method : Method.values()) {
            columns[method.ordinal()] = header.indexOf(method.column);
            if (columns[method.ordinal()] < 0) {
                throw new IllegalArgumentException(file + " has no column " + method.column);
            }
        }
        Map<String, List<Target>> targets = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Double actual = actuals.get(cells[0] + "," + cells[1]);
            if (actual == null) {
                throw new IllegalArgumentException(file + ": no actual value in " + table + ".csv for " + cells[0]
                        + " at " + cells[1]);
            }
            double[] forecasts = new double[columns.length];
            for (int m = 0; m < columns.length; m++) {
                forecasts[m] = Double.parseDouble(cells[columns[m]]);
            }
            targets.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(new Target(timestamp(cells[1]), forecasts,
                    actual));
        }
        return new ClassicalPeer(targets);
    }

    /**
     * The RMSE of {@code method} over the series' targets from {@code first} to {@code last}
     * (inclusive); fails unless there are exactly {@code expectedTargets} of them, so that a split
     * that differs from the product's cannot pass unnoticed.
     */
    double rmse(Method method, String seriesId, LocalDateTime first, LocalDateTime last, long expectedTargets) {
        double squares = 0;
        long count = 0;
        for (Target target : targetsBySeries.getOrDefault(seriesId, List.of())) {
            if (!target.ts().isBefore(first) && !target.ts().isAfter(last)) {
                double error = target.forecasts()[method.ordinal()] - target.actual();
                squares += error * error;
                count++;
            }
        }
        if (count != expectedTargets) {
            throw new IllegalStateException("R's forecasts of series " + seriesId + " cover " + count
                    + " of the backtest's " + expectedTargets + " test targets " + first + " .. " + last
                    + ": run scripts/export-benchmark-data again after changing the split or the series");
        }
        return Math.sqrt(squares / count);
    }

    private static LocalDateTime timestamp(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
    }
}
