package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {
    private static SeriesForecast series(String id, boolean intervals) {
        List<LocalDateTime> times = List.of(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 2, 0, 0));
        return new SeriesForecast(id, times, new double[] {1, 2}, new double[] {1.1, 1.9},
                intervals ? new double[] {0.5, 1.5} : null, intervals ? new double[] {1.5, 2.5} : null);
    }

    @Test
    void onePlotPerSeriesBesideTheMetrics() {
        Map<String, byte[]> files = EvaluationReport.files("m", "v1", "method  rmse\nmodel  <1>", 0.9,
                List.of(series("a", true), series("b/c", false)), List.of("gone"));
        String html = new String(files.get(EvaluationReport.HTML), StandardCharsets.UTF_8);

        assertEquals(List.of(EvaluationReport.HTML, EvaluationReport.imageName("a"), EvaluationReport.imageName("b/c")),
                List.copyOf(files.keySet()));
        assertEquals(2, Pngs.imgTags(html));
        Pngs.embedded(html).forEach(Pngs::decode);
        assertTrue(html.contains("model  &lt;1&gt;"), html);
        assertTrue(html.contains("90% prediction interval"), html);
        assertTrue(html.contains("no test forecasts: gone"), html);
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
