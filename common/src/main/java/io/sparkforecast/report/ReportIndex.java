package io.sparkforecast.report;

import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.storage.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <output.reports>/<model_name>/index.html}: one row per model version (newest first)
 * linking its training report, its evaluation and its latest scoring report, then score's
 * reports by run date (newest first). Rebuilt from what is on storage by each job that writes a report, so it never lists a
 * page that is not there.
 */
public final class ReportIndex {
    public static final String HTML = "index.html";
    private static final String SCORE = "score";
    private static final String NONE = "-";
    private static final Logger LOG = LoggerFactory.getLogger(ReportIndex.class);

    private ReportIndex() {
    }

    /** Rewrites the index of {@code modelName}; returns its path, or null (with a warning) when it cannot. */
    public static String refresh(Storage storage, String modelsDir, String reportsDir, String modelName) {
        try {
            return write(storage, modelsDir, reportsDir, modelName);
        } catch (RuntimeException e) {
            LOG.warn("reports: index of model {} not written: {}", modelName, e.toString());
            return null;
        }
    }

    private static String write(Storage storage, String modelsDir, String reportsDir, String modelName) {
        String root = reportsDir + "/" + modelName;
        String index = root + "/" + HTML;
        ModelRegistry registry = new ModelRegistry(storage, modelsDir, modelName);
        List<List<Object>> scores = new ArrayList<>();
        Map<String, Object> latestScore = new HashMap<>();
        List<String> runDates = new ArrayList<>(storage.exists(root + "/" + SCORE)
                ? storage.listDirectoryNames(root + "/" + SCORE) : List.of());
        runDates.sort(Comparator.reverseOrder());
        for (String runDate : runDates) {
            String dir = root + "/" + SCORE + "/" + runDate;
            String page = dir + "/" + ScoreReport.HTML;
            if (storage.exists(page)) {
                String version = storage.exists(dir + "/" + ScoreReport.VERSION)
                        ? storage.readString(dir + "/" + ScoreReport.VERSION).strip() : "";
                String date = runDate.replace("run_date=", "");
                scores.add(List.of(date, version, link(storage, index, page, "forecasts")));
                latestScore.putIfAbsent(version, link(storage, index, page, date));
            }
        }
        List<List<Object>> versions = new ArrayList<>();
        List<String> ordered = new ArrayList<>(storage.exists(modelsDir + "/" + modelName) ? registry.versions()
                : List.of());
        ordered.sort(Comparator.reverseOrder());
        for (String version : ordered) {
            String training = modelsDir + "/" + modelName + "/" + version + "/" + TrainingReport.REPORT_HTML;
            String evaluation = root + "/" + version + "/" + EvaluationReport.HTML;
            versions.add(List.of(version, link(storage, index, training, "training"), link(storage, index, evaluation, "backtest"),
                    latestScore.getOrDefault(version, NONE)));
        }
        String html = new HtmlReport("Reports of model " + modelName)
                .heading("Model versions")
                .table(List.of("version", "training", "evaluation", "latest scoring"), versions)
                .heading("Scoring runs")
                .table(List.of("run date", "model version", "published forecasts"), scores)
                .html();
        storage.mkdirs(root);
        storage.writeAtomically(index, html);
        return index;
    }

    /**
     * A link to {@code page} when it exists, else a dash: relative to the index where both lie on
     * one file system, so the reports still link each other once copied to a web server or
     * another bucket.
     */
    private static Object link(Storage storage, String index, String page, String label) {
        if (!storage.exists(page)) {
            return NONE;
        }
        URI from = URI.create(storage.qualify(index));
        URI to = URI.create(storage.qualify(page));
        boolean sameStore = Objects.equals(from.getScheme(), to.getScheme())
                && Objects.equals(from.getAuthority(), to.getAuthority());
        String href = sameStore ? Path.of(from.getPath()).getParent().relativize(Path.of(to.getPath())).toString()
                : to.toString();
        return new HtmlReport.Link(label, href);
    }
}
