package io.sparkforecast.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparkforecast.core.Checksums;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.storage.CsvText;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Publisher;
import io.sparkforecast.storage.Storage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The model versions of one model name, each an immutable directory
 * {@code <models>/<name>/<version>/} with model.zip, model.json and loss_history.csv (plus any
 * extra files the caller passes, such as the training report).
 * Versions are UTC creation times (sortable); a version is published whole (see {@link Publisher}),
 * so a listed version is always complete.
 */
public final class ModelRegistry {
    public static final String MODEL_ZIP = "model.zip";
    public static final String MODEL_JSON = "model.json";
    public static final String LOSS_HISTORY = "loss_history.csv";
    private static final DateTimeFormatter VERSION_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");

    private final Storage storage;
    private final String root;

    public ModelRegistry(Storage storage, String modelsDir, String modelName) {
        this.storage = storage;
        this.root = modelsDir + "/" + modelName;
    }

    /** Writes a new version and returns its published metadata. */
    public ModelMetadata publish(MultiLayerNetwork network, ModelMetadata draft) {
        return publish(network, draft, published -> Map.of());
    }

    /**
     * Writes a new version with extra files (name -> content, e.g. a training report) made from
     * its published metadata; they are in the version before it becomes visible.
     */
    public ModelMetadata publish(MultiLayerNetwork network, ModelMetadata draft,
                                 Function<ModelMetadata, Map<String, byte[]>> extraFiles) {
        byte[] modelZip = NetworkBytes.of(network);
        Publisher publisher = new Publisher(storage);
        publisher.recoverChildren(root);
        String version = newVersion();
        ModelMetadata metadata = draft.withPublication(version, Checksums.sha256(modelZip));
        Map<String, byte[]> extras = extraFiles.apply(metadata);
        for (String name : extras.keySet()) {
            if (List.of(MODEL_ZIP, MODEL_JSON, LOSS_HISTORY).contains(name) || name.contains("/")) {
                throw new IllegalArgumentException("extra file name '" + name + "' is reserved or not a plain name");
            }
        }
        try (Publisher.Publication publication = publisher.create(root + "/" + version)) {
            String staging = publication.staging();
            storage.mkdirs(staging);
            storage.writeAtomically(staging + "/" + MODEL_ZIP, modelZip);
            storage.writeAtomically(staging + "/" + LOSS_HISTORY, lossHistoryCsv(metadata));
            extras.forEach((name, content) -> storage.writeAtomically(staging + "/" + name, content));
            storage.writeAtomically(staging + "/" + MODEL_JSON, Json.write(metadata));
            publication.commit();
        }
        return metadata;
    }

    /** Published versions, oldest first. */
    public List<String> versions() {
        return versionDirectories().stream()
                .filter(name -> storage.exists(root + "/" + name + "/" + MODEL_JSON))
                .toList();
    }

    /** Every version directory, complete or not, oldest first. */
    private List<String> versionDirectories() {
        return storage.listDirectoryNames(root).stream()
                .filter(name -> !name.startsWith("_") && !name.startsWith("."))
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** A one-line account of what load(version) would find, without reading any model. */
    public String describe(String version) {
        if (versionDirectories().isEmpty()) {
            return "none published under " + root + " yet (train must run first)";
        }
        String chosen = choose(version);
        return (version == null ? "latest version " + chosen + " of " + versions().size() : "version " + chosen)
                + " under " + root;
    }

    /** Loads {@code version}, or the latest when null, verifying model.zip against model.json. */
    public ModelArtifact load(String version) {
        new Publisher(storage).recoverChildren(root);
        if (versionDirectories().isEmpty()) {
            throw JobFailure.modelUnavailable("no model published under %s: run train first", root);
        }
        String chosen = choose(version);
        String dir = root + "/" + chosen;
        ModelMetadata metadata = metadata(chosen);
        byte[] modelZip = read(dir + "/" + MODEL_ZIP);
        String actual = Checksums.sha256(modelZip);
        if (!actual.equals(metadata.identity().modelZipSha256())) {
            throw JobFailure.modelUnavailable("checksum mismatch for %s/%s: sha256 is %s, model.json records %s",
                    dir, MODEL_ZIP, actual, metadata.identity().modelZipSha256());
        }
        return new ModelArtifact(dir, metadata, modelZip);
    }

    /** The model.json of a published version. */
    public ModelMetadata metadata(String version) {
        String path = root + "/" + version + "/" + MODEL_JSON;
        try {
            JsonNode json = ModelJsonUpgrade.toCurrent(
                    Json.mapper().readTree(new String(read(path), StandardCharsets.UTF_8)));
            if (json.path("format_version").asInt() != ModelMetadata.FORMAT_VERSION) {
                throw JobFailure.modelUnavailable("%s has format version %s; this build reads versions 1 and %d: "
                        + "train the model again", path, json.path("format_version"), ModelMetadata.FORMAT_VERSION);
            }
            return Json.mapper().treeToValue(json, ModelMetadata.class);
        } catch (JsonProcessingException | UncheckedIOException e) {
            throw JobFailure.modelUnavailable(e, "%s is not valid model metadata: %s", path, e.getMessage());
        }
    }

    /**
     * The requested version, or the newest directory; refuses one that is missing or has no
     * model.json (a version that was not published whole, e.g. copied in part).
     */
    private String choose(String version) {
        List<String> directories = versionDirectories();
        String chosen = version != null ? version : directories.get(directories.size() - 1);
        if (!directories.contains(chosen)) {
            throw JobFailure.modelUnavailable("model version %s not found under %s; published versions: %s",
                    chosen, root, versions());
        }
        if (!storage.exists(root + "/" + chosen + "/" + MODEL_JSON)) {
            throw JobFailure.modelUnavailable("model version %s under %s is incomplete: it has no %s (published "
                    + "versions: %s); remove the directory or pick a version with --model-version",
                    chosen, root, MODEL_JSON, versions());
        }
        return chosen;
    }

    private byte[] read(String path) {
        if (!storage.exists(path)) {
            throw JobFailure.modelUnavailable("model file %s is missing", path);
        }
        try {
            return storage.readBytes(path);
        } catch (UncheckedIOException e) {
            throw JobFailure.modelUnavailable(e, "cannot read %s: %s", path, e.getMessage());
        }
    }

    private String newVersion() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String version = VERSION_FORMAT.format(now);
        while (storage.exists(root + "/" + version)) {
            now = now.plusNanos(1_000_000);
            version = VERSION_FORMAT.format(now);
        }
        return version;
    }

    private static String lossHistoryCsv(ModelMetadata metadata) {
        CsvText csv = new CsvText(List.of("epoch", "train_loss", "validation_loss", "seconds", "samples_per_second"));
        for (ModelMetadata.EpochLoss e : metadata.training().lossHistory()) {
            csv.row(Arrays.asList(e.epoch(), e.trainLoss(), e.validationLoss(), e.seconds(), e.samplesPerSecond()));
        }
        return csv.toString();
    }
}
