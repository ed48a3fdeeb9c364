package io.sparkforecast.eval;

import io.sparkforecast.inference.ForecastMethod;
import io.sparkforecast.report.ReportTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;

/** The overall metrics as plain-text tables for the console, and as tables for the report page. */
public final class MetricsReport {
    private MetricsReport() {
    }

    /**
     * @param overall rows of the metrics table with a null series_id: per horizon and all horizons
     */
    public static String format(String title, List<Row> overall, int horizons) {
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "%-22s %8s %12s %12s %8s %8s %8s%n", "method", "targets", "rmse", "mae",
                "mape_%", "smape_%", "mase"));
        for (List<String> row : overallTable(overall).rows()) {
            out.append(String.format(Locale.ROOT, "%-22s %8s %12s %12s %8s %8s %8s%n", row.toArray()));
        }
        if (horizons > 1) {
            out.append("rmse by horizon:").append(System.lineSeparator());
            out.append(String.format(Locale.ROOT, "%-22s", "method"));
            for (int h = 1; h <= horizons; h++) {
                out.append(String.format(Locale.ROOT, " %9s", "h" + h));
            }
            out.append(System.lineSeparator());
            for (ForecastMethod method : ForecastMethod.values()) {
                out.append(String.format(Locale.ROOT, "%-22s", method.code()));
                for (int h = 1; h <= horizons; h++) {
                    Row row = find(overall, method, h);
                    out.append(row == null ? String.format(Locale.ROOT, " %9s", "-")
                            : String.format(Locale.ROOT, " %9s", decimal(row.getDouble(row.fieldIndex(MetricsTable.RMSE)), 3)));
                }
                out.append(System.lineSeparator());
            }
            out.append(String.format(Locale.ROOT, "%-22s", "(targets)"));
            for (int h = 1; h <= horizons; h++) {
                Row row = find(overall, ForecastMethod.MODEL, h);
                out.append(String.format(Locale.ROOT, " %9s", row == null ? "-"
                        : Long.toString(row.getLong(row.fieldIndex(MetricsTable.TARGETS)))));
            }
            out.append(System.lineSeparator());
        }
        warnings(overall).forEach(warning -> out.append(warning).append(System.lineSeparator()));
        return out.toString();
    }

    /** Warnings about the metrics themselves: methods whose all-horizons RMSE or MAE is not finite. */
    public static List<String> warnings(List<Row> overall) {
        List<String> nonFinite = overall.stream()
                .filter(row -> row.get(row.fieldIndex(MetricsTable.HORIZON)) == null)
                .filter(row -> !Double.isFinite(row.getDouble(row.fieldIndex(MetricsTable.RMSE)))
                        || !Double.isFinite(row.getDouble(row.fieldIndex(MetricsTable.MAE))))
                .map(row -> row.getString(row.fieldIndex(MetricsTable.METHOD))).toList();
        return nonFinite.isEmpty() ? List.of() : List.of("WARNING: metrics of " + String.join(", ", nonFinite)
                + " are not finite: forecasts or targets exceed double precision (values near 1e308?); check the "
                + "series' values");
    }

    /** The all-horizons metrics per method, as the console table shows them. */
    public static ReportTable overallTable(List<Row> overall) {
        List<List<String>> rows = new ArrayList<>();
        for (ForecastMethod method : ForecastMethod.values()) {
            Row row = find(overall, method, null);
            if (row != null) {
                rows.add(List.of(method.code(), Long.toString(row.getLong(row.fieldIndex(MetricsTable.TARGETS))),
                        decimal(row.getDouble(row.fieldIndex(MetricsTable.RMSE)), 4),
                        decimal(row.getDouble(row.fieldIndex(MetricsTable.MAE)), 4),
                        number(row, MetricsTable.MAPE, 2), number(row, MetricsTable.SMAPE, 2),
                        number(row, MetricsTable.MASE, 3)));
            }
        }
        return new ReportTable(List.of("method", "targets", "rmse", "mae", "mape %", "smape %", "mase"), rows);
    }

    /** RMSE per horizon: one row per horizon, one column per method (narrow at any horizon count). */
    public static ReportTable horizonTable(List<Row> overall, int horizons) {
        List<String> header = new ArrayList<>(List.of("horizon"));
        List<ForecastMethod> methods = new ArrayList<>();
        for (ForecastMethod method : ForecastMethod.values()) {
            if (find(overall, method, null) != null) {
                methods.add(method);
                header.add(method.code());
            }
        }
        header.add("targets");
        List<List<String>> rows = new ArrayList<>();
        for (int h = 1; h <= horizons; h++) {
            List<String> cells = new ArrayList<>(List.of("h" + h));
            for (ForecastMethod method : methods) {
                Row row = find(overall, method, h);
                cells.add(row == null ? "-" : decimal(row.getDouble(row.fieldIndex(MetricsTable.RMSE)), 3));
            }
            Row model = find(overall, ForecastMethod.MODEL, h);
            cells.add(model == null ? "-" : Long.toString(model.getLong(model.fieldIndex(MetricsTable.TARGETS))));
            rows.add(cells);
        }
        return new ReportTable(header, rows);
    }

    /** Per method, its RMSE at horizons 1..horizons (NaN where it has none). */
    public static Map<String, double[]> rmseByHorizon(List<Row> overall, int horizons) {
        Map<String, double[]> methods = new LinkedHashMap<>();
        for (ForecastMethod method : ForecastMethod.values()) {
            if (find(overall, method, null) == null) {
                continue;
            }
            double[] rmse = new double[horizons];
            for (int h = 1; h <= horizons; h++) {
                Row row = find(overall, method, h);
                rmse[h - 1] = row == null ? Double.NaN : row.getDouble(row.fieldIndex(MetricsTable.RMSE));
            }
            methods.put(method.code(), rmse);
        }
        return methods;
    }

    /**
     * A metric with {@code decimals} places; scientific notation where fixed would be unreadably
     * long, and Infinity or NaN spelled out.
     */
    static String decimal(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value != 0 && (Math.abs(value) >= 1e9 || Math.abs(value) < 1e-4)) {
            return String.format(Locale.ROOT, "%." + decimals + "e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The row of a method at a horizon (null = all horizons). */
    static Row find(List<Row> overall, ForecastMethod method, Integer horizon) {
        for (Row row : overall) {
            Object h = row.get(row.fieldIndex(MetricsTable.HORIZON));
            if (row.getString(row.fieldIndex(MetricsTable.METHOD)).equals(method.code()) && Objects.equals(h, horizon)) {
                return row;
            }
        }
        return null;
    }

    private static String number(Row row, String column, int decimals) {
        Object value = row.get(row.fieldIndex(column));
        return value == null ? "-" : decimal((Double) value, decimals);
    }
}
