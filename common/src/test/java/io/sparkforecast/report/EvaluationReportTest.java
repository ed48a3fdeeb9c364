package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {
    private static SeriesForecast series(String id, boolean intervals) {
        List<LocalDateTime> times = List.of(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 2, 0, 0));
        return new SeriesForecast(id, times, new double[] {1, 2}, new double[] {1.1, 1.9},
                intervals ? new double[] {0.5, 1.5} : null, intervals ? new double[] {1.5, 2.5} : null);
    }

    private static EvaluationReport.Backtest backtest(int horizons) {
        List<List<String>> byHorizon = new ArrayList<>();
        Map<String, double[]> rmse = new LinkedHashMap<>();
        rmse.put("model", new double[horizons]);
        rmse.put("persistence", new double[horizons]);
        for (int h = 1; h <= horizons; h++) {
            byHorizon.add(List.of("h" + h, "1.000", "2.000", "46"));
            rmse.get("model")[h - 1] = h;
            rmse.get("persistence")[h - 1] = 2 * h;
        }
        return new EvaluationReport.Backtest("backtest of model m version v1",
                new ReportTable(List.of("method", "rmse"), List.of(List.of("model <1>", "1.0"))),
                new ReportTable(List.of("horizon", "model", "persistence", "targets"), byHorizon), rmse,
                List.of("the model beats the best baseline on 1 of 2 series", "WARNING: the model loses"),
                new ReportTable(List.of("series", "model rmse", "best baseline", "its rmse", "ratio"),
                        List.of(List.of("a", "2.0", "persistence", "1.0", "2.000"),
                                List.of("z", "1.1", "persistence", "1.0", "1.100"))));
    }

    @Test
    void metricsAsTablesAChartByHorizonAndOnePlotPerSeries() {
        Map<String, byte[]> files = EvaluationReport.files("m", "v1", backtest(48), 0.9,
                List.of(series("a", true), series("b/c", false)), List.of("gone"));
        String html = new String(files.get(EvaluationReport.HTML), StandardCharsets.UTF_8);

        assertEquals(List.of(EvaluationReport.HTML, "rmse-by-horizon.png", EvaluationReport.imageName("a"),
                EvaluationReport.imageName("b/c")), List.copyOf(files.keySet()));
        assertEquals(3, Pngs.imgTags(html));
        Pngs.embedded(html).forEach(Pngs::decode);
        assertTrue(html.contains("<td>model &lt;1&gt;</td>"), html);
        assertTrue(html.contains("<td>h48</td>"), "one row per horizon, so 48 horizons stay narrow");
        assertTrue(html.contains("WARNING: the model loses"), html);
        assertTrue(html.contains("90% prediction interval"), html);
        assertTrue(html.contains("no test forecasts: gone"), html);
        assertFalse(html.contains("<pre>"), "no preformatted block to scroll sideways");
        String anchor = "series-" + EvaluationReport.imageName("a").replace(".png", "");
        assertTrue(html.contains("<td><a href=\"#" + anchor + "\">a</a></td>")
                && html.contains("<h2 id=\"" + anchor + "\">Series a</h2>"), "a plotted worst series links its plot");
        assertTrue(html.contains("<td>z</td>"), "a series without a plot is listed without a link");
    }

    @Test
    void oneHorizonNeedsNoHorizonChart() {
        Map<String, byte[]> files = EvaluationReport.files("m", "v1", backtest(1), 0, List.of(), List.of());
        assertEquals(List.of(EvaluationReport.HTML), List.copyOf(files.keySet()));
    }

    @Test
    void imageNamesAreSafeAndDistinct() {
        assertEquals("forecast-airline.png", EvaluationReport.imageName("airline"));
        for (String id : List.of("a/b", "../x", "a b:c*?", "ü", "x".repeat(300))) {
            String name = EvaluationReport.imageName(id);
            assertTrue(name.matches("forecast-[A-Za-z0-9._-]+\\.png") && name.length() < 120, name);
        }
        assertNotEquals(EvaluationReport.imageName("a/b"), EvaluationReport.imageName("a:b"));
        assertNotEquals(EvaluationReport.imageName("a/b"), EvaluationReport.imageName("a_b"));
    }
}
