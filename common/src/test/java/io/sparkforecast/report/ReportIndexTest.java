package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportIndexTest {
    @TempDir
    Path dir;

    private Path file(String relative) throws Exception {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "x");
    }

    @Test
    void versionsNewestFirstLinkOnlyThePagesThatExist() throws Exception {
        file("models/m/20260101T000000000Z/model.json");
        file("models/m/20260101T000000000Z/report.html");
        file("models/m/20260201T000000000Z/model.json");
        file("models/m/20260201T000000000Z/report.html");
        file("models/m/20260301T000000000Z/report.html"); // not published whole: no model.json
        file("reports/m/20260201T000000000Z/evaluate.html");
        file("reports/m/score/run_date=2026-02-02/score.html");
        file("reports/m/score/run_date=2026-02-03/score.html");
        Files.createDirectories(dir.resolve("reports/m/score/run_date=2026-02-04")); // no page

        String path = ReportIndex.refresh(new Storage(new Configuration()), dir.resolve("models").toString(),
                dir.resolve("reports").toString(), "m");

        assertEquals(dir.resolve("reports/m/index.html").toString(), path);
        String html = Files.readString(Path.of(path));
        assertTrue(html.indexOf("20260201T000000000Z") < html.indexOf("20260101T000000000Z"), "newest first");
        assertTrue(!html.contains("20260301T000000000Z"), "an incomplete version is not listed");
        assertEquals(2, html.split(">training</a>", -1).length - 1);
        assertEquals(1, html.split(">backtest</a>", -1).length - 1, "only the evaluated version links a backtest");
        assertTrue(html.indexOf("2026-02-03") < html.indexOf("2026-02-02") && !html.contains("2026-02-04"), html);
    }

    @Test
    void aModelWithNothingYetGetsAnEmptyIndex() throws Exception {
        String path = ReportIndex.refresh(new Storage(new Configuration()), dir.resolve("models").toString(),
                dir.resolve("reports").toString(), "none");
        assertTrue(Files.readString(Path.of(path)).contains("Reports of model none"));
    }
}
