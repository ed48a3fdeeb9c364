package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkforecast.model.ModelMetadata.EpochLoss;
import java.awt.image.BufferedImage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static void assertChart(byte[] png) {
        BufferedImage image = Pngs.decode(png);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void lossCurvesWithAndWithoutValidation() {
        List<EpochLoss> withValidation = new ArrayList<>();
        for (int epoch = 1; epoch <= 30; epoch++) {
            withValidation.add(new EpochLoss(epoch, 1.0 / epoch, 1.2 / epoch, 0.5, 100));
        }
        assertChart(Charts.lossCurves(withValidation));
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
        assertChart(Charts.forecastVsActual("s<1>", times, actual, forecast, lower, upper));
        assertChart(Charts.forecastVsActual("s1", times, actual, forecast, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.forecastVsActual("s1", times, new double[1], forecast, null, null));
    }

    @Test
    void barsKeepTheLabelsOfMissingValues() {
        assertChart(Charts.bars("validation loss per trial", List.of("trial 1", "trial 2", "trial 3"),
                new double[] {0.02, Double.NaN, 0.015}, "validation loss"));
        assertChart(Charts.bars("all failed", List.of("a", "b"), new double[] {Double.NaN, Double.NaN}, "loss"));
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", List.of("a"), new double[2], "y"));
    }
}
