package io.sparkforecast.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A Spark standalone cluster on 127.0.0.1 (master and two workers, separate JVMs), started and
 * stopped with scripts/spark-cluster, and jobs submitted to it with scripts/spark-submit.
 */
final class LoopbackCluster implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("forecast.repo")).toAbsolutePath().normalize();

    private final Path dir;
    private final Map<String, String> environment;
    private final String masterUrl;
    private Process starting;

    private LoopbackCluster(Path dir, int port, int uiPort) {
        this.dir = dir;
        this.environment = Map.of("CLUSTER_DIR", dir.toString(), "MASTER_PORT", Integer.toString(port),
                "MASTER_UI_PORT", Integer.toString(uiPort), "SPARK_LOCAL_IP", "127.0.0.1");
        this.masterUrl = "spark://127.0.0.1:" + port;
    }

    /** Starts the master and workers in the background (their JVMs start while the caller works on). */
    static LoopbackCluster launch(Path dir) throws IOException {
        Files.createDirectories(dir);
        LoopbackCluster cluster = new LoopbackCluster(dir, freePort(), freePort());
        cluster.starting = cluster.script("spark-cluster", List.of("start"), dir.resolve("start.log"));
        return cluster;
    }

    /** Waits until the master has registered every worker. */
    void awaitStarted() throws IOException, InterruptedException {
        if (starting.waitFor() != 0) {
            throw new IllegalStateException("cluster did not start: " + Files.readString(dir.resolve("start.log")));
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** Starts scripts/spark-submit with this cluster's master; output goes to {@code log}. */
    Process submit(Path log, String... jobArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--executor-memory", "1g"));
        args.addAll(List.of(jobArgs));
        return script("spark-submit", args, log);
    }

    /** Submits and waits; returns the exit code. */
    int run(Path log, String... jobArgs) throws IOException, InterruptedException {
        return submit(log, jobArgs).waitFor();
    }

    void killWorker(int worker) throws IOException, InterruptedException {
        script("spark-cluster", List.of("kill-worker", Integer.toString(worker)), dir.resolve("kill.log")).waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("spark-cluster", List.of("stop"), dir.resolve("stop.log")).waitFor();
    }

    private Process script(String name, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("scripts").resolve(name).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the condition holds; fails after the timeout. */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
