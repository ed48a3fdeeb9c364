package io.sparkforecast.storage;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.TestConfigs;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.eval.EvaluateJob;
import io.sparkforecast.generate.GenerateJob;
import io.sparkforecast.inference.FallbackTable;
import io.sparkforecast.model.ModelRegistry;
import io.sparkforecast.prepare.PrepareJob;
import io.sparkforecast.prepare.PreparedLayout;
import io.sparkforecast.report.EvaluationReport;
import io.sparkforecast.score.ScoreJob;
import io.sparkforecast.score.ScoreResult;
import io.sparkforecast.spark.SparkTestSession;
import io.sparkforecast.train.TrainJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each publishing job halted (as if killed) after each step of its first publication: readers
 * see the old or the new output (or, between the two renames, the new one once a reader's
 * recovery has run), and the next run succeeds and leaves no staging behind.
 */
// Train runs last: each of its runs adds a model version that evaluate has not seen, whose
// first evaluation would replace nothing and so never reach OLD_SET_ASIDE.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashPointTest {
    private static SparkSession spark;
    private static ForecastConfig config;
    private static Storage storage;
    private static String[] settings;

    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    @BeforeAll
    static void publishEverythingOnce() {
        spark = SparkTestSession.start("CrashPointTest");
        // The crash test's leftovers are abandoned at once (a real run waits before taking them).
        spark.sparkContext().hadoopConfiguration().setLong(Publisher.ABANDON_AFTER_KEY, 0);
        storage = Storage.of(spark);
        settings = new String[] {"series.path=" + dir.resolve("series"), "series.format=parquet",
            "generate.series=3", "generate.steps=80", "generate.family=sine_linear", "window.lookback=8",
            "network.layers=[4]", "network.ensemble=1", "training.batch_size=32", "training.epochs=1",
            "training.early_stopping_patience=0", "evaluate.horizon=2", "score.horizon=2",
            "series.season=4", "run_date=2030-01-01",
            // What is published, not how it was forecast: ETS and ARIMA (a third of each evaluate's
            // time here) are checked where evaluate publishes them, in AirlineEndToEndTest.
            "evaluate.classical=[]"};
        config = TestConfigs.load(dir, settings);
        new GenerateJob(spark, config).run();
        for (Job job : Job.values()) {
            job.run();
        }
    }

    @AfterAll
    static void stop() {
        System.clearProperty(Publisher.CRASH_AFTER_PROPERTY);
        spark.sparkContext().hadoopConfiguration().unset(Publisher.ABANDON_AFTER_KEY);
    }

    private enum Job {
        PREPARE, TRAIN, EVALUATE, SCORE;

        void run() {
            switch (this) {
                case PREPARE -> new PrepareJob(spark, config).run();
                case TRAIN -> new TrainJob(spark, config).run();
                case EVALUATE -> new EvaluateJob(spark, config).run();
                case SCORE -> new ScoreJob(spark, config).run();
                default -> throw new IllegalStateException();
            }
        }
    }

    @Test
    @Order(0)
    void anEvaluateWithoutTestTargetsFailsAndLeavesTheVersionsMetricsAndIntervals() {
        List<Row> metrics = partitionRows(config.output().metrics());
        List<Row> intervals = partitionRows(config.output().intervals());
        JobFailure failure = assertThrows(JobFailure.class, () -> new EvaluateJob(spark,
                variant("evaluate.from=1970-01-01", "evaluate.to=1971-01-01")).run());
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no test targets"), failure.getMessage());
        assertEquals(metrics, partitionRows(config.output().metrics()));
        assertEquals(intervals, partitionRows(config.output().intervals()));
    }

    @Test
    @Order(0)
    void scoringNoSeriesFailsAndLeavesThePartition() {
        List<Row> predictions = partitionRows(config.output().predictions());
        String shortSeries = dir.resolve("short-series").toString();
        spark.read().parquet(config.series().path()).orderBy("ts").limit(6).write().parquet(shortSeries);
        JobFailure failure = assertThrows(JobFailure.class, () -> new ScoreJob(spark,
                variant("series.path=" + shortSeries)).run());
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("nothing to score") && failure.getMessage().contains("unchanged"),
                failure.getMessage());
        assertEquals(predictions, partitionRows(config.output().predictions()));
    }

    @Test
    @Order(0)
    void scoreCountsAnUnknownShortSeriesOnce() {
        String withStranger = dir.resolve("with-stranger").toString();
        Dataset<Row> series = spark.read().parquet(config.series().path());
        series.unionByName(series.limit(2).withColumn("series_id", lit("stranger"))).write().parquet(withStranger);
        ScoreResult result = new ScoreJob(spark, variant("series.path=" + withStranger)).run();
        long written = spark.read().parquet(result.partition()).count();
        assertEquals(4, result.series());
        assertEquals(1, result.unknownSeries());
        assertEquals(0, result.shortSeries());
        assertEquals(3, result.scoredSeries());
        assertEquals(written, result.predictions());
        assertEquals(3 * config.score().horizon(), written);
    }

    @Test
    @Order(0)
    void aVersionWithoutModelJsonIsNamedAsIncomplete() {
        String incomplete = config.output().models() + "/" + config.modelName() + "/99991231T000000000Z";
        storage.mkdirs(incomplete);
        try {
            JobFailure failure = assertThrows(JobFailure.class, () -> new ScoreJob(spark, config).run());
            assertEquals(ExitCode.MODEL_UNAVAILABLE, failure.exitCode());
            assertTrue(failure.getMessage().contains("99991231T000000000Z")
                    && failure.getMessage().contains("incomplete"), failure.getMessage());
        } finally {
            storage.delete(incomplete);
        }
    }

    @Test
    @Order(0)
    void aVersionTheRegistryTableMissesIsListedAgainByTheNextScore() {
        // A train killed between publishing the version and refreshing the registry table.
        String version = new ModelRegistry(storage, config.output().models(), config.modelName()).versions().get(0);
        storage.delete(config.output().registry());
        new ScoreJob(spark, config).run();
        List<Row> listed = spark.read().parquet(config.output().registry()).select("model_name", "model_version")
                .collectAsList();
        assertEquals(List.of(org.apache.spark.sql.RowFactory.create(config.modelName(), version)), listed);
    }

    @Test
    @Order(0)
    void anEvaluateKilledWhilePublishingItsSetIsCompletedBeforeScoreReadsIt() {
        String sets = FallbackTable.evaluationSets(config.output().work(), config.modelName());
        // Killed with the set committed and its first output (the fallback choices) replaced.
        crashEvaluate(PublicationSet.Step.FIRST_REPLACED, "evaluate.horizon=3");
        assertEquals(3, maxHorizon(config.output().fallback()));
        assertEquals(2, maxHorizon(config.output().metrics()), "the other outputs are still the old evaluation's");
        new ScoreJob(spark, config).run();
        for (String table : List.of(config.output().fallback(), config.output().intervals(), config.output().metrics())) {
            assertEquals(3, maxHorizon(table), table + " is the new evaluation's once score has read the set");
        }
        assertTrue(evaluationReport().contains("horizons 1..3"), "the report is the new evaluation's");
        assertFalse(storage.exists(sets), "the completed set is removed");

    }

    private static void crashEvaluate(PublicationSet.Step step, String setting) {
        System.setProperty(PublicationSet.CRASH_AFTER_PROPERTY, step.name());
        try {
            assertThrows(Publisher.SimulatedCrash.class, () -> new EvaluateJob(spark, variant(setting)).run());
        } finally {
            System.clearProperty(PublicationSet.CRASH_AFTER_PROPERTY);
        }
    }

    private static int maxHorizon(String table) {
        return spark.read().parquet(table).agg(functions.max("horizon")).first().getInt(0);
    }

    private static String evaluationReport() {
        String version = new ModelRegistry(storage, config.output().models(), config.modelName()).versions().get(0);
        return storage.readString(config.output().reports() + "/" + config.modelName() + "/" + version + "/"
                + EvaluationReport.HTML);
    }

    private static ForecastConfig variant(String... overrides) {
        return TestConfigs.load(dir, Stream.concat(Stream.of(settings), Stream.of(overrides)).toArray(String[]::new));
    }

    private static List<Row> partitionRows(String table) {
        Dataset<Row> rows = spark.read().parquet(table);
        return rows.orderBy(Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new)).collectAsList();
    }

    @Test
    @Order(1)
    void prepare() throws IOException {
        crashAtEachStepThenRerun(Job.PREPARE);
    }

    @Test
    @Order(2)
    void evaluate() throws IOException {
        crashAtEachStepThenRerun(Job.EVALUATE);
    }

    @Test
    @Order(3)
    void score() throws IOException {
        crashAtEachStepThenRerun(Job.SCORE);
    }

    @Test
    @Order(4)
    void train() throws IOException {
        crashAtEachStepThenRerun(Job.TRAIN);
    }

    /**
     * Halts the job after each step in turn; each run after a crash is also the "next run" that
     * must cope with the previous one's leftovers; a last, uninterrupted run must succeed and
     * leave nothing behind.
     */
    private void crashAtEachStepThenRerun(Job job) throws IOException {
        Set<String> before = readableOutputs();
        for (Publisher.Step step : Publisher.Step.values()) {
            System.setProperty(Publisher.CRASH_AFTER_PROPERTY, step.name());
            boolean crashed = false;
            try {
                job.run();
            } catch (Publisher.SimulatedCrash expected) {
                crashed = true;
            } finally {
                System.clearProperty(Publisher.CRASH_AFTER_PROPERTY);
            }
            // Every publication stages and moves in; only directory swaps (prepared data here) set the
            // old output aside: the other jobs' outputs here are one file each, replaced by one rename.
            assertTrue(crashed || (step == Publisher.Step.OLD_SET_ASIDE && job != Job.PREPARE), job + " reaches " + step);
            assertEquals(List.of(), corruptFiles(), "no reader's glob reaches a partial or staged file");
            if (step == Publisher.Step.OLD_SET_ASIDE && job == Job.PREPARE) {
                // Killed between the two renames: train finds the new prepared data complete in staging.
                assertFalse(storage.exists(config.output().prepared()));
                new TrainJob(spark, config).run();
            } else if (step == Publisher.Step.OLD_SET_ASIDE && crashed) {
                // Killed between the two renames: the target is missing until a recovery moves the new one in.
                recoverEverything();
            }
            assertEquals(before, readableOutputs(), "the same outputs are readable (old or new) after a crash at "
                    + step);
        }
        job.run();
        assertEquals(before, readableOutputs());
        assertEquals(List.of(), leftovers(), "the next run leaves no staging behind");
    }

    /** The outputs a reader finds: prepared data, model versions, and each table's partitions. */
    private static Set<String> readableOutputs() {
        Set<String> found = new TreeSet<>();
        if (storage.exists(new PreparedLayout(config.output().prepared()).metadata())) {
            found.add("prepared");
        }
        found.add("models: " + (new ModelRegistry(storage, config.output().models(), config.modelName())
                .versions().isEmpty() ? "none" : "some"));
        found.addAll(partitions("predictions", config.output().predictions(), "run_date"));
        found.addAll(partitions("metrics", config.output().metrics(), "model_version"));
        found.addAll(partitions("intervals", config.output().intervals(), "model_version"));
        found.addAll(partitions("fallback", config.output().fallback(), "model_version"));
        found.add("registry readable: " + (spark.read().parquet(config.output().registry()).count() > 0));
        return found;
    }

    /** Partitions Spark's discovery finds (model versions only whether any: each train adds one). */
    private static Set<String> partitions(String name, String table, String column) {
        List<Row> rows = spark.read().parquet(table).select(column).distinct().collectAsList();
        return Set.of(name + ": " + (column.equals("model_version") ? "readable " + !rows.isEmpty() : rows));
    }

    private static void recoverEverything() {
        Publisher publisher = new Publisher(storage);
        for (String output : List.of(config.output().prepared(), config.output().registry(),
                config.output().predictions(), config.output().metrics(), config.output().intervals(),
                config.output().fallback())) {
            publisher.recover(output);
        }
        publisher.recoverChildren(config.output().models() + "/" + config.modelName());
    }

    /** Parquet files under the outputs that are not whole Parquet files, or live in staging. */
    private static List<String> corruptFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            return files.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> !p.toString().contains("/.publishing/"))
                    .filter(p -> {
                        try {
                            ParquetFiles.check(storage, p.toString(), "output");
                            return p.toString().contains("_staging") || p.toString().contains("_temporary");
                        } catch (RuntimeException e) {
                            return true;
                        }
                    })
                    .map(Path::toString).collect(Collectors.toList());
        }
    }

    private static List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            List<String> left = files.map(Path::toString)
                    .filter(p -> p.contains(".publishing") || p.contains("_staging") || p.contains("_replaced"))
                    .collect(Collectors.toList());
            assertFalse(left.stream().anyMatch(p -> p.endsWith(".tmp")), "no temporary files");
            return left;
        }
    }

}
