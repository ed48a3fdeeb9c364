package io.sparkforecast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.report.TrainingReport;
import io.sparkforecast.storage.Storage;
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
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "demo", null, "2026-01-01T00:00:00Z", "dev", null, 1,
                "summary", List.of(),
                new ModelMetadata.Shape(3, 1, 0, 1, "P1D", 0.67, 0.0, List.of(), List.of(), 0, null, null, null, null, null, null), "file:/in", "abc",
                List.of(new ModelMetadata.Scaler("s", "value", 1, 2)),
                new ModelMetadata.Training(1, 10, 0, 1.0, 0, 0,
                        List.of(new ModelMetadata.EpochLoss(1, 0.5, null, 1.0, 10.0))),
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
        assertEquals(Checksums.sha256(latest.modelZip()), latest.metadata().modelZipSha256());
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
        // Without the local file system's own checksum, as on object stores.
        Files.delete(zip.resolveSibling(".model.zip.crc"));

        JobFailure failure = assertThrows(JobFailure.class, () -> registry().load(null));
        assertEquals(ExitCode.MODEL_UNAVAILABLE, failure.exitCode());
        assertTrue(failure.getMessage().contains("checksum mismatch"), failure.getMessage());
    }

    @Test
    void unreadableModelZipIsRefused() throws Exception {
        ModelMetadata published = registry().publish(TestNetworks.constant(3, 1, 0f), draft());
        Files.write(dir.resolve("demo").resolve(published.modelVersion()).resolve("model.zip"), new byte[] {1});

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
}
