package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkforecast.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a real Spark standalone cluster on 127.0.0.1 (a master and two workers, each a
 * separate JVM, executors in JVMs of their own), submitted with spark-submit: the whole path,
 * a worker killed in the middle of training, and a driver killed and resumed.
 */
class LoopbackClusterIT {
    @TempDir
    static Path dir;
    private static LoopbackCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LoopbackCluster.launch(dir.resolve("cluster"));
        // The series table is generated on embedded Spark while the cluster starts; prepare, train
        // and score run on the cluster.
        ExitCode generated = ForecastCli.run(args("generate", "--master", "local[2]"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertEquals(ExitCode.SUCCESS, generated);
        cluster.awaitStarted();
        assertEquals(0, cluster.run(dir.resolve("prepare.log"), args("prepare")), LoopbackCluster.read(dir.resolve("prepare.log")));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    /** 24 noisy sine series of 400 days; one LSTM layer; models under dir/out/models/<name>. */
    static String[] args(String job, String... extra) {
        List<String> args = new ArrayList<>(List.of(job, "--config", LoopbackCluster.REPO.resolve("conf/sine.conf").toString(),
                "--set", "output.dir=" + dir.resolve("out"), "--set", "series.path=" + dir.resolve("series"),
                "--set", "generate.series=24", "--set", "generate.steps=400", "--set", "training.batch_size=32",
                "--set", "training.progress_seconds=1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static JsonNode summary(String name) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("out/summaries").resolve(name).toFile());
    }

    @Test
    void trainingSurvivesAWorkerKilledMidway() throws Exception {
        Path log = dir.resolve("worker-killed.log");
        Process train = cluster.submit(log, args("train", "--set", "training.epochs=3", "--set", "model_name=survivor",
                "--summary", dir.resolve("out/summaries/survivor.json").toString()));
        // The checkpoint of epoch 2: the worker dies during the last epoch, 3.
        Path checkpoints = dir.resolve("out/work/checkpoints/survivor");
        LoopbackCluster.await(Duration.ofMinutes(5), "epoch 2 to end", () -> checkpointed(checkpoints) >= 2);
        cluster.killWorker(2);

        assertEquals(0, train.waitFor(), LoopbackCluster.read(log));
        assertTrue(LoopbackCluster.read(log).contains("training on 2 workers"), LoopbackCluster.read(log));
        JsonNode summary = summary("survivor.json");
        assertEquals("succeeded", summary.get("status").asText());
        assertEquals(3, summary.get("counts").get("epochs").asInt());
        assertTrue(Double.isFinite(summary.get("metrics").get("final_validation_loss").asDouble()));
        // The published version loads (checksum verified) and scores on the cluster's remaining worker.
        Path scoreLog = dir.resolve("survivor-score.log");
        assertEquals(0, cluster.run(scoreLog, args("score", "--set", "model_name=survivor", "--run-date", "2021-12-31",
                "--summary", dir.resolve("out/summaries/survivor-score.json").toString())),
                LoopbackCluster.read(scoreLog));
        JsonNode score = summary("survivor-score.json");
        assertEquals(24, score.get("counts").get("scored_series").asInt());
        assertEquals(24 * 12, score.get("counts").get("predictions").asInt());
        assertTrue(Files.isDirectory(dir.resolve("out/predictions/run_date=2021-12-31")));
        assertEquals(summary.get("model_version").asText(), score.get("model_version").asText());
    }

    @Test
    void aKilledDriverResumesFromItsLastCheckpoint() throws Exception {
        Path first = dir.resolve("driver-killed.log");
        Process train = cluster.submit(first, args("train", "--set", "training.epochs=4", "--set", "model_name=resumed"));
        Path checkpoints = dir.resolve("out/work/checkpoints/resumed");
        LoopbackCluster.await(Duration.ofMinutes(5), "the checkpoint of epoch 2", () -> Files.isDirectory(
                checkpoints.resolve("epoch-00002")) && LoopbackCluster.read(first).contains("epoch 3/4 batches"));
        train.destroyForcibly();
        train.waitFor();
        assertFalse(Files.exists(dir.resolve("out/models/resumed")), "nothing is published by a killed run");
        int checkpointed = lastCheckpoint(checkpoints);

        Path second = dir.resolve("driver-resumed.log");
        assertEquals(0, cluster.run(second, args("train", "--resume", "--set", "training.epochs=4",
                "--set", "model_name=resumed", "--summary", dir.resolve("out/summaries/resumed.json").toString())),
                LoopbackCluster.read(second));
        String resumedLog = LoopbackCluster.read(second);
        assertTrue(resumedLog.contains("resume: continuing from the checkpoint of epoch " + checkpointed + " of 4"),
                resumedLog);
        assertFalse(resumedLog.contains("epoch 1/4 "), "epochs before the checkpoint are not trained again");

        // The uninterrupted reference trains on embedded Spark with as many workers (local[2]): the
        // same seeds, partitions and dropout masks as the cluster's two executors, without their
        // start-up.
        ExitCode uninterrupted = ForecastCli.run(args("train", "--master", "local[2]", "--set", "training.epochs=4",
                        "--set", "model_name=uninterrupted", "--summary",
                        dir.resolve("out/summaries/uninterrupted.json").toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertEquals(ExitCode.SUCCESS, uninterrupted);
        double resumed = summary("resumed.json").get("metrics").get("final_validation_loss").asDouble();
        double reference = summary("uninterrupted.json").get("metrics").get("final_validation_loss").asDouble();
        // A resumed run that restored the weights and the updater's state ends where the
        // uninterrupted one does (equal in the runs measured; 1% for rounding).
        assertTrue(Math.abs(resumed - reference) <= 0.01 * reference,
                "validation loss after resume " + resumed + " vs uninterrupted " + reference);
    }

    /** The newest complete checkpoint's epoch, 0 while there is none. */
    private static int checkpointed(Path checkpoints) {
        try {
            return Files.isDirectory(checkpoints) ? lastCheckpoint(checkpoints) : 0;
        } catch (Exception noneYet) {
            return 0;
        }
    }

    private static int lastCheckpoint(Path checkpoints) throws Exception {
        try (Stream<Path> names = Files.list(checkpoints)) {
            return names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch-"))
                    .mapToInt(n -> Integer.parseInt(n.substring("epoch-".length()))).max().orElseThrow();
        }
    }
}
