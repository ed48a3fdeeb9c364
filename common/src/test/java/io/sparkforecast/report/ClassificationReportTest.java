package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
    @Test
    void metricsAndAPerClassAccuracyChart() {
        long[][] confusion = {{8, 2, 0}, {0, 5, 0}, {0, 0, 0}};
        Map<String, byte[]> files = ClassificationReport.files("echo", "v1", "accuracy 0.8667 <of 15>", confusion);
        String html = new String(files.get(ClassificationReport.HTML), StandardCharsets.UTF_8);

        assertEquals(List.of(ClassificationReport.HTML, ClassificationReport.PER_CLASS_PNG),
                List.copyOf(files.keySet()));
        assertEquals(1, Pngs.imgTags(html));
        Pngs.embedded(html).forEach(Pngs::decode);
        assertTrue(html.contains("accuracy 0.8667 &lt;of 15&gt;"), html);
        assertTrue(html.contains("Classification test of model echo version v1"), html);
    }
}
