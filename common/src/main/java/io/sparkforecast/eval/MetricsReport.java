package io.sparkforecast.eval;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** The overall metrics as a plain-text table for the console. */
public final class MetricsReport {
    private MetricsReport() {
    }

    /** @param overall rows of the metrics table with a null series_id */
    public static String format(String title, List<Row> overall) {
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "%-22s %8s %12s %12s %10s%n", "method", "targets", "rmse", "mae",
                "mape_%"));
        for (ForecastMethod method : ForecastMethod.values()) {
            for (Row row : overall) {
                if (row.getString(row.fieldIndex(MetricsTable.METHOD)).equals(method.code())) {
                    Object mape = row.get(row.fieldIndex(MetricsTable.MAPE));
                    out.append(String.format(Locale.ROOT, "%-22s %8d %12.4f %12.4f %10s%n", method.code(),
                            row.getLong(row.fieldIndex(MetricsTable.TARGETS)),
                            row.getDouble(row.fieldIndex(MetricsTable.RMSE)),
                            row.getDouble(row.fieldIndex(MetricsTable.MAE)),
                            mape == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) mape)));
                }
            }
        }
        return out.toString();
    }
}
