package io.sparkforecast.eval;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Row;

/** The overall metrics as plain-text tables for the console. */
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
        for (ForecastMethod method : ForecastMethod.values()) {
            Row row = find(overall, method, null);
            if (row != null) {
                out.append(String.format(Locale.ROOT, "%-22s %8d %12.4f %12.4f %8s %8s %8s%n", method.code(),
                        row.getLong(row.fieldIndex(MetricsTable.TARGETS)),
                        row.getDouble(row.fieldIndex(MetricsTable.RMSE)),
                        row.getDouble(row.fieldIndex(MetricsTable.MAE)),
                        number(row, MetricsTable.MAPE, "%.2f"), number(row, MetricsTable.SMAPE, "%.2f"),
                        number(row, MetricsTable.MASE, "%.3f")));
            }
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
                            : String.format(Locale.ROOT, " %9.3f", row.getDouble(row.fieldIndex(MetricsTable.RMSE))));
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
        return out.toString();
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

    private static String number(Row row, String column, String format) {
        Object value = row.get(row.fieldIndex(column));
        return value == null ? "-" : String.format(Locale.ROOT, format, (Double) value);
    }
}
