package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreReportTest {
    private static ScoreReport.SeriesOutlook outlook(String id, String method, boolean intervals) {
        LocalDateTime origin = LocalDateTime.of(2020, 1, 3, 0, 0);
        return new ScoreReport.SeriesOutlook(id, method, List.of(origin.minusDays(2), origin.minusDays(1), origin),
                new double[] {1, 2, 3}, List.of(origin.plusDays(1), origin.plusDays(2)), new double[] {3.5, 4},
                intervals ? new double[] {3, 3.2} : null, intervals ? new double[] {4, 4.8} : null);
    }

    @Test
    void countsThenOnePlotPerSeriesNamingItsMethod() {
        ReportTable counts = new ReportTable(List.of("series", "count"),
                List.of(List.of("scored", "2"), List.of("skipped: unknown to the model", "1")));
        Map<String, byte[]> files = ScoreReport.files("m", "v1", LocalDate.of(2026, 11, 23), counts,
                List.of(outlook("a", "model", true), outlook("b", "seasonal_naive", false)), List.of("gone"));
        String html = new String(files.get(ScoreReport.HTML), StandardCharsets.UTF_8);

        assertEquals(List.of(ScoreReport.HTML, EvaluationReport.imageName("a"), EvaluationReport.imageName("b"),
                ScoreReport.VERSION), List.copyOf(files.keySet()));
        assertEquals("v1", new String(files.get(ScoreReport.VERSION), StandardCharsets.UTF_8));
        assertEquals(2, Pngs.imgTags(html));
        Pngs.embedded(html).forEach(Pngs::decode);
        assertTrue(html.contains("run date 2026-11-23"), html);
        assertTrue(html.contains("<td>skipped: unknown to the model</td><td>1</td>"), html);
        assertTrue(html.contains("Series a (model)") && html.contains("Series b (seasonal_naive)"), html);
        assertTrue(html.contains("Not plotted, not scored: gone"), html);
        assertFalse(html.contains("<pre>"));
    }
}
