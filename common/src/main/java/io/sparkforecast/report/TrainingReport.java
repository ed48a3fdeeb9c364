package io.sparkforecast.report;

import io.sparkforecast.model.ModelMetadata;
import io.sparkforecast.model.ModelMetadata.EpochLoss;
import io.sparkforecast.model.ModelMetadata.Training;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
        List<ModelMetadata.Member> members = training.members() == null ? List.of() : training.members();
        if (members.size() > 1) {
            report.heading("Ensemble")
                    .paragraph("The published network is the mean of " + members.size() + " networks trained with "
                            + "their own seeds and early stopping; the losses below are the first member's.")
                    .table(List.of("member", "seed", "published epoch", "validation loss", "epochs run", "seconds"),
                            memberRows(members));
        }
        List<String> header = List.of("epoch", "train loss", "validation loss", "seconds", "samples/s");
        report.heading(members.size() > 1 ? "Loss per epoch (member 1)" : "Loss per epoch")
                .image(LOSS_PNG, "train and validation loss per epoch", Charts.lossCurves(history))
                .table(withRole(header), milestones(history, training.bestEpoch()))
                .foldedTable("every epoch (" + history.size() + ")", header, rows(history))
                .heading("Network")
                .preformatted(model.network().summary() == null ? "" : model.network().summary());
        return report.files(REPORT_HTML);
    }

    private static List<List<String>> memberRows(List<ModelMetadata.Member> members) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ModelMetadata.Member member = members.get(i);
            rows.add(List.of(Integer.toString(i + 1), Long.toString(member.seed()),
                    member.bestEpoch() == 0 ? "0 (untrained)" : Integer.toString(member.bestEpoch()),
                    member.validationLoss() == null ? "" : String.format(Locale.ROOT, "%.6f", member.validationLoss()),
                    Integer.toString(member.epochsRun()), String.format(Locale.ROOT, "%.1f", member.seconds())));
        }
        return rows;
    }

    private static List<String> withRole(List<String> header) {
        List<String> columns = new ArrayList<>(List.of(""));
        columns.addAll(header);
        return columns;
    }

    /** The first epoch, the published one and the last, each once, labelled. */
    static List<List<String>> milestones(List<EpochLoss> history, int publishedEpoch) {
        Map<Integer, String> roles = new LinkedHashMap<>();
        if (!history.isEmpty()) {
            roles.merge(history.get(0).epoch(), "first", (a, b) -> a + ", " + b);
            roles.merge(publishedEpoch, "published", (a, b) -> a + ", " + b);
            roles.merge(history.get(history.size() - 1).epoch(), "last", (a, b) -> a + ", " + b);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> role : new TreeMap<>(roles).entrySet()) {
            history.stream().filter(e -> e.epoch() == role.getKey()).findFirst().ifPresentOrElse(
                    e -> rows.add(withRole(role.getValue(), rows(List.of(e)).get(0))),
                    () -> rows.add(List.of(role.getValue(), "0 (untrained)", "", "", "", "")));
        }
        return rows;
    }

    private static List<String> withRole(String role, List<String> row) {
        List<String> cells = new ArrayList<>(List.of(role));
        cells.addAll(row);
        return cells;
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
