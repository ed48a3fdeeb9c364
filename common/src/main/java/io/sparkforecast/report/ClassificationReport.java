package io.sparkforecast.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * evaluate's report on a classification model: the accuracy and confusion matrix as evaluate
 * prints them, and a bar chart of each actual class's share predicted correctly.
 */
public final class ClassificationReport {
    public static final String HTML = EvaluationReport.HTML;
    static final String PER_CLASS_PNG = "accuracy-per-class.png";

    private ClassificationReport() {
    }

    /**
     * @param metrics   the accuracy and confusion matrix as printed by evaluate
     * @param confusion rows: actual class, columns: predicted class
     */
    public static Map<String, byte[]> files(String modelName, String modelVersion, String metrics,
                                            long[][] confusion) {
        List<String> classes = new ArrayList<>(confusion.length);
        double[] recall = new double[confusion.length];
        for (int actual = 0; actual < confusion.length; actual++) {
            long total = 0;
            for (long windows : confusion[actual]) {
                total += windows;
            }
            classes.add(Integer.toString(actual));
            recall[actual] = total == 0 ? Double.NaN : (double) confusion[actual][actual] / total;
        }
        return new HtmlReport("Classification test of model " + modelName + " version " + modelVersion)
                .heading("Metrics")
                .preformatted(metrics)
                .heading("Accuracy per class")
                .paragraph("The share of each actual class's test windows that the model classified correctly "
                        + "(classes without test windows have no value).")
                .image(PER_CLASS_PNG, "accuracy per actual class",
                        Charts.bars("accuracy per actual class", classes, recall, "accuracy"))
                .files(HTML);
    }
}
