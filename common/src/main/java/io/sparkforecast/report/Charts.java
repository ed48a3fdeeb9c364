package io.sparkforecast.report;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts rendered in memory as PNG images (XChart), headless: drivers on servers have no display. */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 450;
    /** Above this many points, lines carry no markers: they would hide the line. */
    private static final int MARKERS_UP_TO = 60;
    /** More bars than this get their labels turned so they do not overlap. */
    private static final int UPRIGHT_LABELS_UP_TO = 8;
    private static final Color BAND = new Color(70, 130, 180, 60);
    /** Losses spanning less than this factor read better on a linear axis (a log axis labels decades). */
    private static final double LOG_SCALE_FROM_RATIO = 10;

    static {
        // Must be set before AWT loads; an explicit setting (e.g. -Djava.awt.headless=false) wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Train loss per epoch, and validation loss where it was measured; a log-scale y axis when
     * the losses are positive and fall by an order of magnitude or more.
     */
    public static byte[] lossCurves(List<EpochLoss> history) {
        XYChart chart = xyChart("Loss per epoch", "epoch", "loss");
        chart.getStyler().setXAxisDecimalPattern("#");
        double[] epochs = history.stream().mapToDouble(EpochLoss::epoch).toArray();
        double[] train = history.stream().mapToDouble(EpochLoss::trainLoss).toArray();
        List<EpochLoss> validated = history.stream().filter(e -> e.validationLoss() != null).toList();
        double[] validationEpochs = validated.stream().mapToDouble(EpochLoss::epoch).toArray();
        double[] validation = validated.stream().mapToDouble(EpochLoss::validationLoss).toArray();
        chart.getStyler().setYAxisLogarithmic(spansDecades(train, validation));
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        if (epochs.length > 0) {
            line(chart.addSeries("train", epochs, train), epochs.length);
        }
        if (validation.length > 0) {
            line(chart.addSeries("validation", validationEpochs, validation), validation.length);
        }
        return png(chart);
    }

    /**
     * Forecasts against actual values over time, with the prediction interval as a shaded band
     * when {@code lower} and {@code upper} are given (NaN bounds are left out of the band).
     */
    public static byte[] forecastVsActual(String seriesId, List<LocalDateTime> times, double[] actual,
                                          double[] forecast, double[] lower, double[] upper) {
        if (actual.length != times.size() || forecast.length != times.size()
                || (lower != null && lower.length != times.size()) || (upper != null && upper.length != times.size())) {
            throw new IllegalArgumentException("series " + seriesId + ": values do not match the " + times.size()
                    + " times");
        }
        XYChart chart = xyChart("Series " + seriesId + ": forecast vs actual", "time", "value");
        // Series times are wall-clock times; UTC labels show them as they are.
        chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
        List<Date> dates = times.stream().map(t -> Date.from(t.toInstant(ZoneOffset.UTC))).toList();
        if (lower != null && upper != null) {
            band(chart, dates, lower, upper);
        }
        if (!dates.isEmpty()) {
            line(chart.addSeries("actual", dates, boxed(actual)), dates.size());
            line(chart.addSeries("forecast", dates, boxed(forecast)), dates.size());
        }
        return png(chart);
    }

    /**
     * A series' recent history and the forecast published after it, with the prediction interval
     * as a shaded band when {@code lower} and {@code upper} are given.
     */
    public static byte[] historyAndForecast(String seriesId, List<LocalDateTime> historyTimes, double[] history,
                                            List<LocalDateTime> forecastTimes, double[] forecast, double[] lower,
                                            double[] upper) {
        if (history.length != historyTimes.size() || forecast.length != forecastTimes.size()
                || (lower != null && lower.length != forecast.length)
                || (upper != null && upper.length != forecast.length)) {
            throw new IllegalArgumentException("series " + seriesId + ": values do not match their times");
        }
        XYChart chart = xyChart("Series " + seriesId + ": history and forecast", "time", "value");
        chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
        List<Date> past = historyTimes.stream().map(t -> Date.from(t.toInstant(ZoneOffset.UTC))).toList();
        List<Date> future = forecastTimes.stream().map(t -> Date.from(t.toInstant(ZoneOffset.UTC))).toList();
        if (lower != null && upper != null && !future.isEmpty()) {
            band(chart, future, lower, upper);
        }
        if (!past.isEmpty()) {
            line(chart.addSeries("history", past, boxed(history)), past.size());
        }
        if (!future.isEmpty()) {
            line(chart.addSeries("forecast", future, boxed(forecast)), future.size());
        }
        return png(chart);
    }

    /**
     * A metric per forecast horizon, one line per method (e.g. each baseline and the model);
     * methods with no value at a horizon (NaN) leave that point out.
     */
    public static byte[] byHorizon(String title, String metric, Map<String, double[]> methods) {
        XYChart chart = xyChart(title, "horizon (steps ahead)", metric);
        chart.getStyler().setXAxisDecimalPattern("#");
        for (Map.Entry<String, double[]> method : methods.entrySet()) {
            List<Double> horizons = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int h = 0; h < method.getValue().length; h++) {
                if (Double.isFinite(method.getValue()[h])) {
                    horizons.add(h + 1.0);
                    values.add(method.getValue()[h]);
                }
            }
            if (!values.isEmpty()) {
                line(chart.addSeries(method.getKey(), horizons, values), values.size());
            }
        }
        return png(chart);
    }

    /**
     * One bar per label. Non-finite values (e.g. a failed trial) are drawn as empty bars whose
     * label says "(no value)", so every label keeps its place.
     */
    public static byte[] bars(String title, List<String> labels, double[] values, String yLabel) {
        if (labels.size() != values.length || labels.isEmpty()) {
            throw new IllegalArgumentException("bars: " + labels.size() + " labels and " + values.length
                    + " values; need the same number, at least one");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (labels.size() > UPRIGHT_LABELS_UP_TO) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        List<String> shown = new ArrayList<>(labels.size());
        List<Double> heights = new ArrayList<>(labels.size());
        for (int i = 0; i < values.length; i++) {
            boolean missing = !Double.isFinite(values[i]);
            shown.add(missing ? labels.get(i) + " (no value)" : labels.get(i));
            heights.add(missing ? 0.0 : values[i]);
        }
        chart.addSeries(yLabel, shown, heights);
        return png(chart);
    }

    private static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        // Below the plot: inside, the legend would hide data.
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void line(XYSeries series, int points) {
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        if (points > MARKERS_UP_TO) {
            series.setMarker(SeriesMarkers.NONE);
        }
    }

    /** The interval as one polygon: along the upper bounds, then back along the lower ones. */
    private static void band(XYChart chart, List<Date> dates, double[] lower, double[] upper) {
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                x.add(dates.get(i));
                y.add(upper[i]);
            }
        }
        for (int i = dates.size() - 1; i >= 0; i--) {
            if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                x.add(dates.get(i));
                y.add(lower[i]);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries("prediction interval", x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(BAND);
        series.setLineColor(BAND);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Whether all values are positive and span at least a factor of 10: a log scale then helps. */
    private static boolean spansDecades(double[]... series) {
        double[] values = Arrays.stream(series).flatMapToDouble(Arrays::stream).toArray();
        if (values.length == 0 || !Arrays.stream(values).allMatch(v -> v > 0 && Double.isFinite(v))) {
            return false;
        }
        return Arrays.stream(values).max().getAsDouble() >= LOG_SCALE_FROM_RATIO * Arrays.stream(values).min()
                .getAsDouble();
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }
}
