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
        return file(relative, "x");
    }

    private Path file(String relative, String content) throws Exception {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
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
        file("reports/m/score/run_date=2026-02-02/model_version.txt", "20260201T000000000Z");
        file("reports/m/score/run_date=2026-02-03/score.html");
        file("reports/m/score/run_date=2026-02-03/model_version.txt", "20260201T000000000Z\n");
        file("reports/m/score/run_date=2026-01-15/score.html");
        file("reports/m/score/run_date=2026-01-15/model_version.txt", "20260101T000000000Z");
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
        String newest = html.substring(html.indexOf("<tr><td>20260201T000000000Z"));
        assertTrue(newest.substring(0, newest.indexOf("</tr>")).contains(">2026-02-03</a>"),
                "each version links its latest scoring report: " + html);
        String oldest = html.substring(html.indexOf("<tr><td>20260101T000000000Z"));
        assertTrue(oldest.substring(0, oldest.indexOf("</tr>")).contains(">2026-01-15</a>"), html);
        assertTrue(html.contains("href=\"../../models/m/20260201T000000000Z/report.html\"")
                && html.contains("href=\"20260201T000000000Z/evaluate.html\"")
                && html.contains("href=\"score/run_date=2026-02-03/score.html\""), "relative links: " + html);
        assertTrue(!html.contains("file:"), html);
    }

    @Test
    void aModelWithNothingYetGetsAnEmptyIndex() throws Exception {
        String path = ReportIndex.refresh(new Storage(new Configuration()), dir.resolve("models").toString(),
                dir.resolve("reports").toString(), "none");
        assertTrue(Files.readString(Path.of(path)).contains("Reports of model none"));
    }
}
