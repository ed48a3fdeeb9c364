package io.sparkforecast.report;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * score's report on a run date: what was scored and skipped, and for a few series the recent
 * history with the forecast score published (model or fallback baseline) and its interval.
 */
public final class ScoreReport {
    public static final String HTML = "score.html";
    /** The model version whose forecasts the page shows, for the report index. */
    public static final String VERSION = "model_version.txt";

    private ScoreReport() {
    }

    /**
     * One plotted series.
     *
     * @param method what produced the forecast: model, or the baseline score.fallback published
     * @param lower  interval bounds per forecast step; null without intervals
     */
    public record SeriesOutlook(String seriesId, String method, List<LocalDateTime> historyTimes, double[] history,
                                List<LocalDateTime> forecastTimes, double[] forecast, double[] lower,
                                double[] upper) {
    }

    /** @param counts what score did with the table's series: a label and a count per row */
    public static Map<String, byte[]> files(String modelName, String modelVersion, LocalDate runDate,
                                            ReportTable counts, List<SeriesOutlook> plotted, List<String> missing) {
        HtmlReport report = new HtmlReport("Forecasts of model " + modelName + " version " + modelVersion
                + " for run date " + runDate)
                .heading("Series")
                .table(counts.header(), counts.rows())
                .heading("Published forecasts")
                .paragraph("Each series' recent history and the forecast written to the predictions table for this "
                        + "run date, with its prediction interval (shaded) when score.intervals is on; the method "
                        + "says whether the model or the fallback baseline produced it.");
        if (!missing.isEmpty()) {
            report.paragraph("Not plotted, not scored: " + String.join(", ", missing) + ".");
        }
        for (SeriesOutlook series : plotted) {
            report.heading("Series " + series.seriesId() + " (" + series.method() + ")")
                    .image(EvaluationReport.imageName(series.seriesId()), "history and published forecast of series "
                            + series.seriesId(), Charts.historyAndForecast(series.seriesId(), series.historyTimes(),
                            series.history(), series.forecastTimes(), series.forecast(), series.lower(),
                            series.upper()));
        }
        Map<String, byte[]> files = new LinkedHashMap<>(report.files(HTML));
        files.put(VERSION, modelVersion.getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
