package io.sparkforecast.report;

import io.sparkforecast.core.Checksums;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * evaluate's report on a model version: the metrics as tables, a chart of the RMSE by horizon of
 * the model, what score publishes and the baselines, and for each chosen series its one-step-ahead
 * forecasts against the actual values over the test period.
 */
public final class EvaluationReport {
    public static final String HTML = "evaluate.html";
    private static final int MAX_NAME_CHARS = 80;

    private EvaluationReport() {
    }

    /** What the page shows about the backtest as a whole. */
    public record Backtest(String title, ReportTable overall, ReportTable byHorizon,
                           Map<String, double[]> rmseByHorizon, List<String> notes, ReportTable worstSeries) {
    }

    /**
     * @param intervalLevel the level of the plotted prediction intervals; 0 = none
     * @param missing       requested series without any test forecast
     */
    public static Map<String, byte[]> files(String modelName, String modelVersion, Backtest backtest,
                                            double intervalLevel, List<SeriesForecast> plotted, List<String> missing) {
        HtmlReport report = new HtmlReport("Backtest of model " + modelName + " version " + modelVersion)
                .paragraph(backtest.title());
        backtest.notes().forEach(report::paragraph);
        report.heading("Metrics over all horizons")
                .table(backtest.overall().header(), backtest.overall().rows());
        if (backtest.rmseByHorizon().values().stream().anyMatch(rmse -> rmse.length > 1)) {
            report.heading("RMSE by horizon")
                    .image("rmse-by-horizon.png", "test RMSE per horizon of the model, what score publishes and each "
                            + "baseline", Charts.byHorizon("Test RMSE by horizon", "rmse", backtest.rmseByHorizon()))
                    .table(backtest.byHorizon().header(), backtest.byHorizon().rows());
        }
        if (!backtest.worstSeries().rows().isEmpty()) {
            Set<String> ids = plotted.stream().map(SeriesForecast::seriesId).collect(Collectors.toSet());
            List<List<Object>> rows = new ArrayList<>();
            for (List<String> row : backtest.worstSeries().rows()) {
                List<Object> cells = new ArrayList<>(row);
                if (ids.contains(row.get(0))) {
                    cells.set(0, new HtmlReport.Link(row.get(0), "#" + anchor(row.get(0))));
                }
                rows.add(cells);
            }
            report.heading("Series the model does worst on")
                    .paragraph("Test RMSE over all horizons against the best baseline of each series, highest ratio "
                            + "first; plotted series link to their plot.")
                    .table(backtest.worstSeries().header(), rows);
        }
        report.heading("Forecasts one step ahead")
                .paragraph("The model's forecast of each test target from the step before it (horizon 1), against "
                        + "the actual value" + (intervalLevel > 0 ? String.format(Locale.ROOT,
                        ", with the %.0f%% prediction interval fitted on the backtest's errors (shaded)",
                        100 * intervalLevel) : "") + ".");
        if (!missing.isEmpty()) {
            report.paragraph("Not plotted, no test forecasts: " + String.join(", ", missing) + ".");
        }
        for (SeriesForecast series : plotted) {
            report.heading("Series " + series.seriesId(), anchor(series.seriesId()))
                    .image(imageName(series.seriesId()), "forecast vs actual of series " + series.seriesId(),
                            Charts.forecastVsActual(series.seriesId(), series.times(), series.actual(),
                                    series.forecast(), series.lower(), series.upper()));
        }
        return report.files(HTML);
    }

    private static String anchor(String seriesId) {
        return "series-" + imageName(seriesId).replace(".png", "");
    }

    /**
     * A file name for a series' plot that is safe on any file system: the id with anything but
     * letters, digits, '.', '_' and '-' replaced, plus a hash of the id when that changed it, so
     * two ids never share a file.
     */
    static String imageName(String seriesId) {
        String safe = seriesId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > MAX_NAME_CHARS) {
            safe = safe.substring(0, MAX_NAME_CHARS);
        }
        if (!safe.equals(seriesId)) {
            safe += "-" + Checksums.sha256(seriesId.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        }
        return "forecast-" + safe + ".png";
    }
}
