package io.sparkforecast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.Checksums;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.core.ValueScaling;
import io.sparkforecast.core.WindowLayout;
import io.sparkforecast.features.SampleShape;
import io.sparkforecast.features.ValueTransform;
import io.sparkforecast.report.TrainingReport;
import io.sparkforecast.storage.Json;
import io.sparkforecast.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class ModelRegistryTest {
    @TempDir
    Path dir;

    private ModelRegistry registry() {
        return new ModelRegistry(new Storage(new Configuration()), dir.toString(), "demo");
    }

    private static ModelMetadata draft() {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                new ModelMetadata.Identity("demo", null, "2026-01-01T00:00:00Z", "dev", null),
                new ModelMetadata.Network(1, "summary", List.of()),
                new ModelMetadata.Shape(new SampleShape(3, 1, 1, Frequency.parse("P1D"), List.of(), List.of(), 0, null),
                        new ValueTransform(0, ValueScaling.MINMAX, null, 1), new SplitSpec(0.67, 0.0),
                        WindowLayout.TIME_STEPS, null),
                new ModelMetadata.TrainedOn("file:/in", "abc", List.of(new ModelMetadata.Scaler("s", "value", 1, 2))),
                new ModelMetadata.Training(1, 10, 0, 1.0, 0, 0,
                        List.of(new ModelMetadata.EpochLoss(1, 0.5, null, 1.0, 10.0)), null),
                JsonNodeFactory.instance.objectNode().put("model_name", "demo"));
    }

    @Test
    void publishedVersionsLoadWithTheirWeightsAndMetadata() {
        MultiLayerNetwork network = TestNetworks.constant(3, 1, 0.25f);
        ModelMetadata first = registry().publish(network, draft());
        ModelMetadata second = registry().publish(network, draft());

        assertEquals(List.of(first.modelVersion(), second.modelVersion()), registry().versions());
        ModelArtifact latest = registry().load(null);
        assertEquals(second.modelVersion(), latest.metadata().modelVersion());
        assertEquals(Checksums.sha256(latest.modelZip()), latest.metadata().identity().modelZipSha256());
        assertEquals(1.0, latest.metadata().scalers().get(0).min());
        assertEquals(0.25f, latest.restoreNetwork().output(Nd4j.zeros(1, 1, 3)).getFloat(0), 1e-6);
        assertEquals(first.modelVersion(), registry().load(first.modelVersion()).metadata().modelVersion());
        assertTrue(Files.exists(dir.resolve("demo").resolve(second.modelVersion()).resolve("loss_history.csv")));
    }

    @Test
    void extraFilesAreInTheVersionWhenItAppears() throws Exception {
        ModelMetadata published = registry().publish(TestNetworks.constant(3, 1, 0f), draft(),
                model -> TrainingReport.files(model));
        Path version = dir.resolve("demo").resolve(published.modelVersion());
        String html = Files.readString(version.resolve(TrainingReport.REPORT_HTML));
        assertTrue(html.contains("version " + published.modelVersion()), html);
        assertTrue(html.indexOf("<img") < html.indexOf("<table"), "the loss chart comes first");
        assertTrue(html.contains("<details><summary>every epoch (1)</summary>"), "the per-epoch table is folded");
        assertTrue(Files.size(version.resolve(TrainingReport.LOSS_PNG)) > 0);
        assertEquals(List.of(published.modelVersion()), registry().versions());

        assertThrows(IllegalArgumentException.class, () -> registry().publish(TestNetworks.constant(3, 1, 0f),
                draft(), model -> Map.of(ModelRegistry.MODEL_JSON, new byte[] {1})));
    }

    @Test
    void corruptModelZipIsRefused() throws Exception {
        ModelMetadata published = registry().publish(TestNetworks.constant(3, 1, 0f), draft());
        Path zip = dir.resolve("demo").resolve(published.modelVersion()).resolve("model.zip");
        Files.write(zip, new byte[] {1, 2, 3});

        JobFailure failure = assertThrows(JobFailure.class, () -> registry().load(null));
        assertEquals(ExitCode.MODEL_UNAVAILABLE, failure.exitCode());
        assertTrue(failure.getMessage().contains("checksum mismatch"), failure.getMessage());
    }

    @Test
    void unreadableModelZipIsRefused() throws Exception {
        ModelMetadata published = registry().publish(TestNetworks.constant(3, 1, 0f), draft());
        Path zip = dir.resolve("demo").resolve(published.modelVersion()).resolve("model.zip");
        Files.delete(zip);
        Files.createDirectory(zip);

        JobFailure failure = assertThrows(JobFailure.class, () -> registry().load(null));
        assertEquals(ExitCode.MODEL_UNAVAILABLE, failure.exitCode());
        assertTrue(failure.getMessage().contains("cannot read"), failure.getMessage());
    }

    @Test
    void missingModelsAndVersionsAreReported() {
        JobFailure none = assertThrows(JobFailure.class, () -> registry().load(null));
        assertEquals(ExitCode.MODEL_UNAVAILABLE, none.exitCode());
        assertTrue(none.getMessage().contains("run train first"), none.getMessage());

        registry().publish(TestNetworks.constant(3, 1, 0f), draft());
        JobFailure unknown = assertThrows(JobFailure.class, () -> registry().load("19990101T000000000Z"));
        assertTrue(unknown.getMessage().contains("not found"), unknown.getMessage());
    }

    @Test
    void unfinishedStagingDirectoriesAreNotVersions() throws Exception {
        Files.createDirectories(dir.resolve("demo").resolve("_staging-123"));
        Files.createDirectories(dir.resolve("demo").resolve("20200101T000000000Z"));
        assertEquals(List.of(), registry().versions());
    }

    @Test
    void modelJsonOfFormatOneIsReadAsTheCurrentFormat() throws Exception {
        String v1 = new String(getClass().getResourceAsStream("/artifacts/model-v1.json").readAllBytes(),
                StandardCharsets.UTF_8);
        Path version = Files.createDirectories(dir.resolve("demo").resolve("20261202T094338415Z"));
        Files.writeString(version.resolve("model.json"), v1);

        ModelMetadata model = registry().metadata("20261202T094338415Z");

        assertEquals("nottem", model.modelName());
        assertEquals("0e399ab688c1bab1a7e5cabde872b8ccffa100e40f4531c85606cf83f0d1c469",
                model.identity().modelZipSha256());
        assertEquals(70901, model.network().parameters());
        assertEquals(new SampleShape(12, 1, 1, Frequency.parse("P1M"), List.of(), List.of(), 0, null),
                model.shape().samples());
        assertEquals(new ValueTransform(0, ValueScaling.ROBUST, NaiveForecast.SEASONAL_NAIVE, 12),
                model.shape().transform());
        assertEquals(new SplitSpec(0.57, 0.1), model.shape().split());
        assertEquals(WindowLayout.TIME_STEPS, model.shape().windowAs());
        assertEquals("file:/work/main/data/benchmark/nottem.csv", model.trainedOn().inputPath());
        assertEquals(82, model.training().bestEpoch());
        assertEquals("nottem", model.scalers().get(0).seriesId());
    }

    @Test
    void formatOneWithoutTheLaterKeysGetsTheValuesItImplied() throws Exception {
        ObjectNode v1 = (ObjectNode) Json.mapper().readTree(getClass().getResourceAsStream("/artifacts/model-v1.json"));
        ((ObjectNode) v1.get("shape")).remove(List.of("scaling", "window_as", "baseline", "season"));
        Path version = Files.createDirectories(dir.resolve("demo").resolve("20200101T000000000Z"));
        Files.writeString(version.resolve("model.json"), Json.write(v1));

        ModelMetadata model = registry().metadata("20200101T000000000Z");

        assertEquals(new ValueTransform(0, ValueScaling.MINMAX, null, 1), model.shape().transform());
        assertEquals(WindowLayout.TIME_STEPS, model.shape().windowAs());
    }

    @Test
    void aModelJsonOfAnUnknownFormatIsRefusedByName() throws Exception {
        ObjectNode future = (ObjectNode) Json.mapper().readTree(Json.write(draft()));
        future.put("format_version", 99);
        Path version = Files.createDirectories(dir.resolve("demo").resolve("20300101T000000000Z"));
        Files.writeString(version.resolve("model.json"), Json.write(future));

        JobFailure failure = assertThrows(JobFailure.class, () -> registry().metadata("20300101T000000000Z"));
        assertEquals(ExitCode.MODEL_UNAVAILABLE, failure.exitCode());
        assertTrue(failure.getMessage().contains("format version 99"), failure.getMessage());
    }
}
