package io.sparkforecast.classical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's real series with what R's ets() made of them (data/benchmark/classical, written
 * by scripts/export-benchmark-data): the form, parameters and initial states fitted on the rows
 * before the test split, its AICc there, and its one-step forecasts of the test rows.
 */
public record RSeries(String table, String seriesId, double[] values, int fittedRows, int period, String etsForm,
               double aicc, double alpha, double beta, double gamma, double phi, double[] initialStates,
               double[] testForecasts) {
    private static final Path BENCHMARK = Path.of(System.getProperty("forecast.repo", "..")).resolve("data/benchmark");

    public double[] fitted() {
        return java.util.Arrays.copyOf(values, fittedRows);
    }

    /** R's model, as this product's EtsModel. */
    public EtsModel model() {
        EtsSpec spec = EtsSpec.parse(etsForm, period);
        double level = initialStates[0];
        double trend = spec.hasTrend() ? initialStates[1] : 0;
        double[] season = java.util.Arrays.copyOfRange(initialStates, spec.hasTrend() ? 2 : 1, initialStates.length);
        double damping = spec.trend() == EtsSpec.Trend.DAMPED ? phi : spec.hasTrend() ? 1 : 0;
        return new EtsModel(spec, alpha, spec.hasTrend() ? beta : 0, spec.hasSeason() ? gamma : 0, damping,
                new EtsModel.EtsState(level, trend, spec.hasSeason() ? season : new double[0]));
    }

    public static List<RSeries> all() {
        try {
            List<String> lines = Files.readAllLines(BENCHMARK.resolve("classical").resolve("models.csv"));
            List<String> header = List.of(lines.get(0).split(","));
            Map<String, Map<String, List<Double>>> tables = new HashMap<>();
            Map<String, Map<String, List<Double>>> forecasts = new HashMap<>();
            List<RSeries> series = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                String table = cells[header.indexOf("table")];
                String id = cells[header.indexOf("series_id")];
                double[] values = tables.computeIfAbsent(table, t -> column(t + ".csv", "value"))
                        .get(id).stream().mapToDouble(Double::doubleValue).toArray();
                double[] test = forecasts.computeIfAbsent(table, t -> column("classical/" + t + ".csv", "ets"))
                        .get(id).stream().mapToDouble(Double::doubleValue).toArray();
                double[] states = java.util.Arrays.stream(cells[header.indexOf("ets_initial_states")].split(" "))
                        .mapToDouble(Double::parseDouble).toArray();
                series.add(new RSeries(table, id, values, Integer.parseInt(cells[header.indexOf("fitted_rows")]),
                        Integer.parseInt(cells[header.indexOf("season")]), cells[header.indexOf("ets")]
                                .replaceAll("ETS\\((.)(A?d?|N)(.)\\)", "ETS($1,$2,$3)"),
                        number(cells[header.indexOf("ets_aicc")]), number(cells[header.indexOf("alpha")]),
                        number(cells[header.indexOf("beta")]), number(cells[header.indexOf("gamma")]),
                        number(cells[header.indexOf("phi")]), states, test));
            }
            return series;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One series of a benchmark table, in time order. */
    public static double[] values(String table, String seriesId) {
        return column(table + ".csv", "value").get(seriesId).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double number(String cell) {
        return cell.isEmpty() || cell.equals("NA") ? Double.NaN : Double.parseDouble(cell);
    }

    /** A column of a benchmark CSV by series, in file order (the files are sorted by time within a series). */
    private static Map<String, List<Double>> column(String file, String name) {
        try {
            List<String> lines = Files.readAllLines(BENCHMARK.resolve(file));
            int index = List.of(lines.get(0).split(",")).indexOf(name);
            Map<String, List<Double>> byId = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                byId.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(Double.parseDouble(cells[index]));
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
