package io.sparkforecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks' shared figures (scripts/lib/bench.py): the runs they record become medians per
 * configuration and ratios of medians, printed and written as JSON, and a train run's rates are
 * read from the job summary and the model metadata it names.
 */
class BenchFiguresTest {
    private static final Path BENCH = Path.of(System.getProperty("forecast.repo")).toAbsolutePath().normalize()
            .resolve("scripts/lib/bench.py");

    private static String run(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3", BENCH.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), text);
        return text;
    }

    @Test
    void recordedRunsBecomeMediansAndRatiosOfMedians(@TempDir Path work) throws Exception {
        String runs = work.resolve("runs.jsonl").toString();
        run("record", runs, "single-node", "run=1", "samples_per_s=100", "whole_epoch_samples_per_s=90");
        run("record", runs, "pytorch", "run=1", "samples_per_s=50");
        run("record", runs, "single-node", "run=2", "samples_per_s=300", "whole_epoch_samples_per_s=-");
        run("record", runs, "pytorch", "run=2", "samples_per_s=200");
        run("record", runs, "single-node", "run=3", "samples_per_s=200", "whole_epoch_samples_per_s=110");
        run("record", runs, "pytorch", "run=3", "samples_per_s=100");
        String results = work.resolve("results.json").toString();
        String printed = run("report", "train", runs, results);

        assertTrue(printed.contains("median single-node (3 runs): samples_per_s=200 whole_epoch_samples_per_s=100"),
                printed);
        assertTrue(printed.contains("ratio dl4j single-node / pytorch: 2.00"), printed);
        assertTrue(printed.contains("run by run side by side: 2.00 / 1.50 / 2.00; median 2.00"), printed);
        JsonNode json = new ObjectMapper().readTree(Path.of(results).toFile());
        assertEquals(6, json.get("runs").size());
        assertEquals(100.0, json.at("/medians/pytorch/samples_per_s").asDouble());
        assertEquals(2.0, json.at("/ratios/dl4j single-node ~1 pytorch").asDouble());
        assertEquals("200", run("get", results, "single-node", "samples_per_s").strip());
        assertEquals("-", run("get", results, "cluster", "samples_per_s").strip());
    }

    @Test
    void thePlotDrawsEachLabelsMeasuredPointsOnLogLogAxes(@TempDir Path work) throws Exception {
        String runs = work.resolve("runs.jsonl").toString();
        run("record", runs, "prepare", "size=1000000", "seconds=17");
        run("record", runs, "prepare", "size=10000000", "seconds=45");
        run("record", runs, "score", "size=100000", "seconds=29.2");
        Path svg = work.resolve("scale.svg");
        run("plot", runs, svg.toString(), "Seconds against size");

        String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg"), text);
        assertEquals(2, text.split("<polyline", -1).length - 1, text);
        assertEquals(3, text.split("<circle", -1).length - 1, text);
        // The size axis spans the decades of the points.
        assertTrue(text.contains(">1e5<") && text.contains(">1e6<") && text.contains(">1e7<"), text);
        assertTrue(text.contains("<title>prepare: 1e+07 in 45 s</title>"), text);
    }

    @Test
    void theCostModelFitsTheRoundsAndPredictsThePointsItWasNotFittedOn(@TempDir Path work) throws Exception {
        // Rounds that cost exactly 50 ms of setup, 10 ms a batch and 30 ms of overhead (20 ms alone).
        String runs = work.resolve("runs.jsonl").toString();
        run("record", runs, "w1", "layers=32", "workers=1", "batches_per_task=80", "fit_s=0.85", "round_s=0.86",
                "collect_s=0.01", "gap_s=0.01");
        for (int batches : new int[] {4, 16, 64}) {
            double fit = 0.05 + batches * 0.01;
            run("record", runs, "w2-" + batches, "layers=32", "workers=2", "batches_per_task=" + batches,
                    "fit_s=" + fit, "round_s=" + (fit + 0.01), "collect_s=0.01", "gap_s=0.02");
        }
        String model = work.resolve("model.json").toString();
        String printed = run("cost-model", runs, model);

        assertTrue(printed.contains("16 batches a task: measured 0.240 s, model 0.240 s (+0%, not fitted on)"),
                printed);
        JsonNode fitted = new ObjectMapper().readTree(Path.of(model).toFile()).at("/fitted/32");
        assertEquals(0.01, fitted.get("batch_s").asDouble(), 1e-9);
        assertEquals(0.05, fitted.get("setup_s").asDouble(), 1e-9);
        assertEquals(0.03, fitted.get("overhead_2_s").asDouble(), 1e-9);
        assertEquals(4385, fitted.get("parameters").asInt());
        // Projected, a round of f batches fits f x 10 ms of 50 + f x 10 + 30 ms and more: at 2
        // workers, 80% needs f >= 4 x 80 ms / 10 ms.
        assertTrue(printed.contains("[32]             2   64"), printed);
        assertEquals(32, new ObjectMapper().readTree(Path.of(model).toFile())
                .at("/projection/0/frequency_for_80_percent/tree").asInt());
    }

    @Test
    void aTrainRunsRatesComeFromItsSummaryAndModel(@TempDir Path work) throws Exception {
        Path model = Files.createDirectories(work.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{\"training\": {\"train_samples\": 1000, \"loss_history\": ["
                + "{\"samples_per_second\": 10, \"seconds\": 100},"
                + "{\"samples_per_second\": 400, \"seconds\": 4},"
                + "{\"samples_per_second\": 600, \"seconds\": 2}]}}");
        Path summary = work.resolve("train.json");
        Files.writeString(summary, "{\"job\": \"train\", \"seconds\": 12.5, \"paths\": {\"model\": \"" + model + "\"}}");

        // The first epoch (the JIT's) is left out: medians of 400 and 600, of 250 and 500.
        assertEquals("samples_per_s=500 whole_epoch_samples_per_s=375 train_samples=1000",
                run("train-rates", summary.toString()).strip());
        assertEquals("train 12.5 s", run("job-seconds", summary.toString()).strip());
    }
}
