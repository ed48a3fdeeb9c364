package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.awt.image.BufferedImage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {
    /** Decodes a chart and checks its size and that something is drawn on it; returns its ink. */
    private static long assertChart(byte[] png) {
        BufferedImage image = Pngs.decode(png);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        long ink = ink(image);
        assertTrue(ink > image.getWidth() * image.getHeight() / 100, "a blank chart: " + ink + " drawn pixels");
        return ink;
    }

    /** Pixels that differ from the background (the most common colour). */
    private static long ink(BufferedImage image) {
        Map<Integer, Long> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.merge(image.getRGB(x, y), 1L, Long::sum);
            }
        }
        long background = colours.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return (long) image.getWidth() * image.getHeight() - background;
    }

    @Test
    void lossCurvesWithAndWithoutValidation() {
        List<EpochLoss> withValidation = new ArrayList<>();
        for (int epoch = 1; epoch <= 30; epoch++) {
            withValidation.add(new EpochLoss(epoch, 1.0 / epoch, 1.2 / epoch, 0.5, 100));
        }
        long twoCurves = assertChart(Charts.lossCurves(withValidation));
        long oneCurve = assertChart(Charts.lossCurves(withValidation.stream()
                .map(e -> new EpochLoss(e.epoch(), e.trainLoss(), null, 0.5, 100)).toList()));
        assertTrue(twoCurves > oneCurve, "the validation curve is drawn: " + twoCurves + " vs " + oneCurve);
        assertChart(Charts.lossCurves(List.of(new EpochLoss(1, 0.0, null, 0.5, 100))));
    }

    @Test
    void forecastVsActualWithAnIntervalWithGapsAndWithout() {
        int n = 24;
        List<LocalDateTime> times = new ArrayList<>();
        double[] actual = new double[n];
        double[] forecast = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            times.add(LocalDateTime.of(1958, 1, 1, 0, 0).plusMonths(i));
            actual[i] = 300 + 50 * Math.sin(i / 2.0);
            forecast[i] = actual[i] + 5;
            lower[i] = i == 3 ? Double.NaN : forecast[i] - 20;
            upper[i] = i == 3 ? Double.NaN : forecast[i] + 20;
        }
        long withBand = assertChart(Charts.forecastVsActual("s<1>", times, actual, forecast, lower, upper));
        long withoutBand = assertChart(Charts.forecastVsActual("s1", times, actual, forecast, null, null));
        assertTrue(withBand > withoutBand, "the interval band is drawn: " + withBand + " vs " + withoutBand);
        assertThrows(IllegalArgumentException.class,
                () -> Charts.forecastVsActual("s1", times, new double[1], forecast, null, null));
    }

    @Test
    void metricByHorizonDrawsOneLinePerMethodAndSkipsMissingPoints() {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("model", new double[] {1, 2, 3, 4});
        Map<String, double[]> two = new LinkedHashMap<>(one);
        two.put("persistence", new double[] {2, Double.NaN, 5, 6});
        long oneLine = assertChart(Charts.byHorizon("rmse by horizon", "rmse", one));
        long twoLines = assertChart(Charts.byHorizon("rmse by horizon", "rmse", two));
        assertTrue(twoLines > oneLine, "the second method is drawn: " + twoLines + " vs " + oneLine);
    }

    @Test
    void historyThenForecastWithItsBand() {
        List<LocalDateTime> past = new ArrayList<>();
        List<LocalDateTime> future = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            past.add(LocalDateTime.of(1958, 1, 1, 0, 0).plusMonths(i));
        }
        for (int i = 0; i < 12; i++) {
            future.add(LocalDateTime.of(1960, 1, 1, 0, 0).plusMonths(i));
        }
        double[] history = past.stream().mapToDouble(t -> 300 + 50 * Math.sin(t.getMonthValue())).toArray();
        double[] forecast = future.stream().mapToDouble(t -> 310 + 50 * Math.sin(t.getMonthValue())).toArray();
        double[] lower = java.util.Arrays.stream(forecast).map(v -> v - 30).toArray();
        double[] upper = java.util.Arrays.stream(forecast).map(v -> v + 30).toArray();
        long withBand = assertChart(Charts.historyAndForecast("s1", past, history, future, forecast, lower, upper));
        long withoutBand = assertChart(Charts.historyAndForecast("s1", past, history, future, forecast, null, null));
        assertTrue(withBand > withoutBand, "the interval band is drawn: " + withBand + " vs " + withoutBand);
        assertThrows(IllegalArgumentException.class,
                () -> Charts.historyAndForecast("s1", past, new double[1], future, forecast, null, null));
    }

    @Test
    void barsKeepTheLabelsOfMissingValues() {
        assertChart(Charts.bars("validation loss per trial", List.of("trial 1", "trial 2", "trial 3"),
                new double[] {0.02, Double.NaN, 0.015}, "validation loss"));
        assertChart(Charts.bars("all failed", List.of("a", "b"), new double[] {Double.NaN, Double.NaN}, "loss"));
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", List.of("a"), new double[2], "y"));
    }
}
