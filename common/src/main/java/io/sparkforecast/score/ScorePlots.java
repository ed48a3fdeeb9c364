package io.sparkforecast.score;

import static org.apache.spark.sql.functions.col;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.report.ScoreReport.SeriesOutlook;
import io.sparkforecast.series.SlidingWindows;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The series score's report plots: their latest history and the forecasts score published for them. */
final class ScorePlots {
    static final int DEFAULT_SERIES = 3;

    private ScorePlots() {
    }

    /** The requested series, or when none are, the first few scored series in sort order. */
    static List<String> choose(Dataset<Row> scorable, List<String> requested) {
        if (!requested.isEmpty()) {
            return requested;
        }
        return scorable.select(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.SERIES_ID).limit(DEFAULT_SERIES)
                .collectAsList().stream().map(row -> row.getString(0)).toList();
    }

    /**
     * @param windows     the scored series' latest windows (series_id, step, anchor, history)
     * @param predictions the written predictions partition
     */
    static List<SeriesOutlook> collect(Dataset<Row> windows, Dataset<Row> predictions, List<String> ids,
                                       Frequency frequency) {
        Object[] wanted = ids.toArray();
        List<Row> latest = windows.filter(col(SeriesColumns.SERIES_ID).isin(wanted))
                .select(SeriesColumns.SERIES_ID, SeriesColumns.STEP, SeriesColumns.ANCHOR, SlidingWindows.HISTORY)
                .collectAsList();
        List<Row> published = predictions.filter(col(SeriesColumns.SERIES_ID).isin(wanted))
                .select(SeriesColumns.SERIES_ID, PredictionsTable.TARGET_TS, PredictionsTable.PREDICTION,
                        PredictionsTable.LOWER, PredictionsTable.UPPER, PredictionsTable.METHOD)
                .orderBy(SeriesColumns.SERIES_ID, PredictionsTable.STEP).collectAsList();
        List<SeriesOutlook> outlooks = new ArrayList<>();
        for (String id : ids) {
            Row window = latest.stream().filter(row -> row.getString(0).equals(id)).findFirst().orElse(null);
            List<Row> steps = published.stream().filter(row -> row.getString(0).equals(id)).toList();
            if (window == null || steps.isEmpty()) {
                continue;
            }
            long step = window.getLong(1);
            LocalDateTime anchor = window.getAs(SeriesColumns.ANCHOR);
            List<Double> values = window.getList(3);
            List<LocalDateTime> historyTimes = new ArrayList<>();
            double[] history = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                historyTimes.add(frequency.plus(anchor, step - (values.size() - 1) + i));
                history[i] = values.get(i);
            }
            boolean intervals = !steps.get(0).isNullAt(3);
            List<LocalDateTime> forecastTimes = new ArrayList<>();
            double[] forecast = new double[steps.size()];
            double[] lower = intervals ? new double[steps.size()] : null;
            double[] upper = intervals ? new double[steps.size()] : null;
            for (int i = 0; i < steps.size(); i++) {
                Row row = steps.get(i);
                forecastTimes.add(row.getAs(PredictionsTable.TARGET_TS));
                forecast[i] = row.getDouble(2);
                if (intervals) {
                    lower[i] = row.isNullAt(3) ? Double.NaN : row.getDouble(3);
                    upper[i] = row.isNullAt(4) ? Double.NaN : row.getDouble(4);
                }
            }
            outlooks.add(new SeriesOutlook(id, methods(steps.stream().map(row -> row.getString(5)).toList()),
                    historyTimes, history, forecastTimes,
                    forecast, lower, upper));
        }
        return outlooks;
    }

    /** The methods of a series' steps: "model", or by runs of steps: "model 1-3, persistence 4-12". */
    static String methods(List<String> byStep) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= byStep.size(); i++) {
            if (i == byStep.size() || !byStep.get(i).equals(byStep.get(start))) {
                runs.add(byStep.get(start) + (i - start == 1 ? " " + i : " " + (start + 1) + "-" + i));
                start = i;
            }
        }
        return runs.size() == 1 ? byStep.get(0) : String.join(", ", runs);
    }
}
