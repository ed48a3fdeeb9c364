package io.sparkforecast.report;

import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.storage.Storage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        ModelRegistry registry = new ModelRegistry(storage, modelsDir, modelName);
        List<List<String>> scores = new ArrayList<>();
        Map<String, String> latestScore = new HashMap<>();
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
                scores.add(List.of(date, HtmlReport.escape(version), link(storage, page, "forecasts")));
                latestScore.putIfAbsent(version, link(storage, page, date));
            }
        }
        List<List<String>> versions = new ArrayList<>();
        List<String> ordered = new ArrayList<>(storage.exists(modelsDir + "/" + modelName) ? registry.versions()
                : List.of());
        ordered.sort(Comparator.reverseOrder());
        for (String version : ordered) {
            String training = modelsDir + "/" + modelName + "/" + version + "/" + "report.html";
            String evaluation = root + "/" + version + "/" + EvaluationReport.HTML;
            versions.add(List.of(version, link(storage, training, "training"), link(storage, evaluation, "backtest"),
                    latestScore.getOrDefault(version, "-")));
        }
        StringBuilder body = new StringBuilder();
        body.append("<h2>Model versions</h2>\n");
        table(body, List.of("version", "training", "evaluation", "latest scoring"), versions);
        body.append("<h2>Scoring runs</h2>\n");
        table(body, List.of("run date", "model version", "published forecasts"), scores);
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Reports of model "
                + HtmlReport.escape(modelName) + "</title>\n<style>\nbody { font-family: sans-serif; margin: 2em; }\n"
                + "table { border-collapse: collapse; }\nth, td { border: 1px solid #ccc; padding: 2px 8px; }\n"
                + "</style>\n</head>\n<body>\n<h1>Reports of model " + HtmlReport.escape(modelName) + "</h1>\n" + body
                + "</body>\n</html>\n";
        String path = root + "/" + HTML;
        storage.mkdirs(root);
        storage.writeAtomically(path, html);
        return path;
    }

    /** A link to {@code page} when it exists, else a dash. */
    private static String link(Storage storage, String page, String label) {
        return storage.exists(page) ? "<a href=\"" + HtmlReport.escape(storage.qualify(page)) + "\">" + label + "</a>"
                : "-";
    }

    private static void table(StringBuilder body, List<String> header, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        header.forEach(cell -> body.append("<th>").append(HtmlReport.escape(cell)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr><td>").append(HtmlReport.escape(row.get(0))).append("</td>");
            row.subList(1, row.size()).forEach(cell -> body.append("<td>").append(cell).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }
}
