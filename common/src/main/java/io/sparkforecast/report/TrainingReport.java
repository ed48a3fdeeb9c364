package io.sparkforecast.report;

import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelMetadata.EpochLoss;
import io.sparkforecast.model.ModelMetadata.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report published inside a model version: its loss per epoch (table and plot) and network. */
public final class TrainingReport {
    public static final String LOSS_PNG = "loss.png";
    public static final String REPORT_HTML = "report.html";

    private TrainingReport() {
    }

    /** report.html and loss.png of a published model version. */
    public static Map<String, byte[]> files(ModelMetadata model) {
        Training training = model.training();
        List<EpochLoss> history = training.lossHistory();
        HtmlReport report = new HtmlReport("Model " + model.modelName() + " version " + model.modelVersion());
        report.paragraph(String.format(Locale.ROOT, "Created %s by code version %s: %,d parameters, trained on "
                        + "%,d train samples (%,d validation) for %d of %d epochs in %.1f s.",
                model.identity().createdAt(), model.identity().codeVersion(), model.network().parameters(),
                training.trainSamples(), training.validationSamples(),
                history.size(), training.epochs(), training.seconds()));
        if (training.bestEpoch() == 0) {
            report.paragraph("No epoch lowered the validation loss of the untrained network: the published network "
                    + "forecasts its baseline.");
        } else if (training.bestEpoch() < history.size()) {
            report.paragraph("The published network is the one of epoch " + training.bestEpoch()
                    + ", the lowest validation loss.");
        }
        if (training.resumedFromEpoch() > 0) {
            report.paragraph("The run resumed from the checkpoint of epoch " + training.resumedFromEpoch() + ".");
        }
        report.heading("Loss per epoch")
                .image(LOSS_PNG, "train and validation loss per epoch", Charts.lossCurves(history))
                .table(List.of("epoch", "train loss", "validation loss", "seconds", "samples/s"), rows(history))
                .heading("Network")
                .preformatted(model.network().summary() == null ? "" : model.network().summary());
        return report.files(REPORT_HTML);
    }

    private static List<List<String>> rows(List<EpochLoss> history) {
        List<List<String>> rows = new ArrayList<>(history.size());
        for (EpochLoss e : history) {
            rows.add(List.of(Integer.toString(e.epoch()), String.format(Locale.ROOT, "%.6g", e.trainLoss()),
                    e.validationLoss() == null ? "" : String.format(Locale.ROOT, "%.6g", e.validationLoss()),
                    String.format(Locale.ROOT, "%.2f", e.seconds()),
                    String.format(Locale.ROOT, "%.0f", e.samplesPerSecond())));
        }
        return rows;
    }
}
