package io.sparkforecast.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig;
import io.sparkforecast.config.TestConfigs;
import io.sparkforecast.core.ExitCode;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.core.JobFailure;
import io.sparkforecast.core.NaiveForecast;
import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.TestWindows;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.series.BaselineSelection;
import io.sparkforecast.series.RegularSeries;
import io.sparkforecast.series.TimeSplit;
import io.sparkforecast.spark.SparkTestSession;
import io.sparkforecast.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare on inputs with every kind of bad row: nothing is lost, counts add up, failures are clear. */
class PrepareJobTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("PrepareJobTest");
    }


    /** Series a: 12 good days, with a gap (days 6-7 missing) and bad rows; b: too short; c: one bad row. */
    private Path input() throws IOException {
        StringBuilder csv = new StringBuilder("series_id,ts,value\n");
        for (int day = 12; day >= 1; day--) {           // out of order on purpose
            if (day != 6 && day != 7) {
                csv.append("a,2020-01-").append(String.format("%02d", day)).append(',').append(day * 10).append('\n');
            }
        }
        csv.append("a,2020-01-03,99\n");                 // duplicate of day 3: both rows rejected
        csv.append("a,2020-01-04 12:00:00,1\n");         // off the daily grid
        csv.append("a,2020-01-13,NaN\n");                // not finite
        csv.append("b,2020-01-01,1\nb,2020-01-02,2\n");  // too short for lookback 2 + horizon 1
        csv.append(",2020-01-01,5\n");                   // no series id
        csv.append("c,someday,5\n");                     // bad timestamp
        Path file = dir.resolve("series.csv");
        Files.writeString(file, csv);
        return file;
    }

    private ForecastConfig config(String... extra) throws IOException {
        String[] base = {"series.path=" + input(), "window.lookback=2", "window.horizon=1", "split.train=0.5",
            "split.validation=0.2", "series.gap_policy=interpolate", "series.max_reject_share=0.5"};
        return TestConfigs.load(dir, Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    @Test
    void everyInputRowIsUsedOrRejectedWithItsReason() throws IOException {
        ForecastConfig config = config();
        PreparedData prepared = new PrepareJob(spark, config).run().prepared();
        PreparedLayout layout = new PreparedLayout(config.output().prepared());

        Map<String, Long> reasons = new HashMap<>();
        for (Row row : spark.read().parquet(layout.rejects()).groupBy("reason").count().collectAsList()) {
            reasons.put(row.getString(0), row.getLong(1));
        }
        assertEquals(Map.of("duplicate_timestamp", 2L, "off_frequency", 1L, "non_finite_value", 1L,
                "series_too_short", 2L, "missing_series_id", 1L, "bad_timestamp", 1L), reasons);
        assertEquals(reasons, prepared.counts().rejectedByReason());
        assertEquals(17, prepared.counts().inputRows());
        assertEquals(9, prepared.counts().usableRows());
        assertEquals(prepared.counts().inputRows(), prepared.counts().usableRows() + prepared.counts().rejectedRows());

        // Series a: days 1-12 without 3 (duplicated) and 6-7 (gap): gaps 3 and 6-7 interpolated.
        assertEquals(2, prepared.counts().gaps().count());
        assertEquals(3, prepared.counts().gaps().missingSteps());
        assertEquals(3, prepared.counts().gaps().filledRows());
        Row gap = spark.read().parquet(layout.gaps()).orderBy("first_missing_ts").collectAsList().get(1);
        assertEquals(2L, gap.<Long>getAs(GapsTable.MISSING_STEPS));
        assertEquals("interpolate", gap.getAs(GapsTable.ACTION));

        // 12 grid steps, windows of 2 + 1: targets at positions 2..11 except the filled 2, 5 and 6;
        // train targets < 6, validation < 8, the rest test.
        assertEquals(Map.of("train", 2L, "validation", 1L, "test", 4L), prepared.counts().samplesBySplit());
        assertEquals(1, prepared.counts().seriesWithSamples());
        assertTrue(Files.exists(Path.of(layout.metadata())));
    }

    @Test
    void aReaderOfPreparedDataLearnsThatAnotherPrepareReplacedIt() throws IOException {
        ForecastConfig config = config();
        PreparedLayout layout = new PreparedLayout(config.output().prepared());
        Storage storage = Storage.of(spark);
        PreparedData read = new PrepareJob(spark, config).run().prepared();
        layout.checkUnchanged(storage, read, "train");
        // An Airflow backfill: another prepare of the same model publishes while train reads.
        new PrepareJob(spark, config).run();
        JobFailure failure = assertThrows(JobFailure.class, () -> layout.checkUnchanged(storage, read, "train"));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("was replaced while train read it")
                && failure.getMessage().contains(read.createdAt()), failure.getMessage());
    }

    @Test
    void tooManyRejectsFailNamingTheShareAndPublishNothing() throws IOException {
        ForecastConfig config = config("series.max_reject_share=0.2");
        JobFailure failure = assertThrows(JobFailure.class, () -> new PrepareJob(spark, config).run());

        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("47.1% of the 17 input rows were rejected"), failure.getMessage());
        assertTrue(failure.getMessage().contains("series.max_reject_share (20.0%)"), failure.getMessage());
        assertFalse(Storage.of(spark).exists(config.output().prepared()));
    }

    @Test
    void seriesTooShortForAnySampleFail() throws IOException {
        ForecastConfig config = config("window.lookback=20", "series.max_reject_share=1.0");
        JobFailure failure = assertThrows(JobFailure.class, () -> new PrepareJob(spark, config).run());

        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        assertTrue(failure.getMessage().contains("no training samples"), failure.getMessage());
    }

    @Test
    void splitPolicyRejectsPartsTooShortBetweenGaps() throws IOException {
        PreparedData prepared = new PrepareJob(spark, config("series.gap_policy=split", "split.train=0.9",
                "split.validation=0.0", "series.max_reject_share=1.0")).run().prepared();

        // Series a splits into days 1-2 | 4-5 | 8-12: the first two parts are too short for 3 steps.
        assertEquals(4L, prepared.counts().rejectedByReason().get("segment_too_short"));
        assertEquals(0, prepared.counts().gaps().filledRows());
        assertEquals(prepared.counts().inputRows(), prepared.counts().usableRows() + prepared.counts().rejectedRows());
    }

    @Test
    void calendarAndExtraColumnsBecomeScaledInputsOfEveryStep() throws IOException {
        StringBuilder csv = new StringBuilder("series_id,ts,value,price\n");
        for (int day = 1; day <= 10; day++) {
            csv.append("p,2020-01-").append(String.format("%02d", day)).append(',').append(day).append(',')
                    .append(100 + 10 * day).append('\n');
        }
        Path file = dir.resolve("features.csv");
        Files.writeString(file, csv);
        ForecastConfig config = TestConfigs.load(dir, "series.path=" + file, "window.lookback=2", "split.train=0.5",
                "features.calendar=[day_of_week]", "features.extra_columns=[price]", "transform.scaling=minmax");

        PreparedData prepared = new PrepareJob(spark, config).run().prepared();

        assertEquals(3, prepared.shape().inputs());
        Row first = spark.read().parquet(new PreparedLayout(config.output().prepared()).samples())
                .orderBy(SamplesTable.WINDOW_END_TS).first();
        // Train part: days 1-5; value scaler [1, 5], price scaler [110, 150].
        // Days 1 and 2 of 2020-01 are a Wednesday and a Thursday (day_of_week 2/6 and 3/6).
        float[] expected = {0f, 2f / 6, 0f, 0.25f, 3f / 6, 0.25f};
        float[] actual = SamplesTable.toFloats(first.getList(first.fieldIndex(SamplesTable.FEATURES)));
        assertArrayEquals(expected, actual, 1e-6f);
    }

    @Test
    void baselineSelectionPrefersTheNaiveForecastWithTheLowerErrorBeforeTheTestPart() {
        // "season": a pattern of period 4 plus a slow trend (seasonal naive with drift is exact);
        // "walk": steps of -1, +1, +1, no season (persistence errs by 1, a season ago by up to 4).
        List<Row> rows = new ArrayList<>();
        int length = 40;
        double[] season = new double[length];
        double[] walk = new double[length];
        double level = 100;
        for (int step = 0; step < length; step++) {
            season[step] = 10.0 * (step % 4) + 0.5 * step;
            level += step % 3 == 0 ? -1 : 1;
            walk[step] = level;
            rows.add(RowFactory.create("season", (long) step, step, length, season[step]));
            rows.add(RowFactory.create("walk", (long) step, step, length, walk[step]));
        }
        // Test part: the last 30% of each series; its values never enter the choice.
        TimeSplit split = new TimeSplit(new ForecastConfig.SplitSpec(0.6, 0.1));
        Frequency daily = Frequency.parse("P1D");
        double[] seasonErrors = BaselineSelection.relativeErrors(
                RegularSeries.of(TestWindows.daily("season", season), GapPolicy.SPLIT, daily), 4, split, windows(8, 4));
        double[] walkErrors = BaselineSelection.relativeErrors(
                RegularSeries.of(TestWindows.daily("walk", walk), GapPolicy.SPLIT, daily), 4, split, windows(8, 4));
        assertEquals(1.0, seasonErrors[0], 1e-12);
        assertEquals(0.0, seasonErrors[2], 1e-12, "seasonal naive with drift is exact on the season");
        assertTrue(walkErrors[1] > 1 && walkErrors[2] > 1, "a season ago errs more on the walk");
        assertEquals(NaiveForecast.SEASONAL_NAIVE_DRIFT, BaselineSelection.choose(seasonErrors, 1).baseline());
        assertEquals(NaiveForecast.PERSISTENCE, BaselineSelection.choose(walkErrors, 1).baseline(),
                "errors " + Arrays.toString(walkErrors));
        double[] both = {seasonErrors[0] + walkErrors[0], seasonErrors[1] + walkErrors[1],
            seasonErrors[2] + walkErrors[2], seasonErrors[3] + walkErrors[3], seasonErrors[4] + walkErrors[4]};
        BaselineSelection.Choice table = BaselineSelection.choose(both, 2);
        assertEquals(1.0, table.relativeErrors().get("persistence"), 1e-12);
        assertEquals(NaiveForecast.PERSISTENCE, BaselineSelection.choose(new double[5], 0).baseline(),
                "no series with a season of history");
        assertEquals(NaiveForecast.PERSISTENCE, BaselineSelection.choose(new double[] {1, 1.3, 0.97, 0.99, 0.98}, 1)
                .baseline(), "a season that cuts the error by 3% is not worth its noise in the residuals");
        assertEquals(NaiveForecast.SEASONAL_NAIVE_DRIFT, BaselineSelection.choose(new double[] {2, 2.6, 1.88, 1.9, 2.1}, 2)
                .baseline(), "one that cuts it by 6% is");

        // The season and trend under noise: seasonal naive misses the trend, the drift doubles
        // the noise, the combination's season averages damp it; without a season the
        // combination is no candidate.
        Random random = new Random(7);
        double[] noisy = new double[length];
        Arrays.setAll(noisy, step -> season[step] + 1.5 * random.nextGaussian());
        double[] noisyErrors = BaselineSelection.relativeErrors(
                RegularSeries.of(TestWindows.daily("noisy", noisy), GapPolicy.SPLIT, daily), 4, split, windows(12, 4));
        assertEquals(NaiveForecast.SEASONAL_COMBINATION, BaselineSelection.choose(noisyErrors, 1).baseline(),
                "errors " + Arrays.toString(noisyErrors));
        double[] yearly = BaselineSelection.relativeErrors(
                RegularSeries.of(TestWindows.daily("walk", walk), GapPolicy.SPLIT, daily), 1, split, windows(8, 1));
        assertTrue(Double.isNaN(yearly[3]));
        assertFalse(BaselineSelection.choose(yearly, 1).relativeErrors().containsKey("seasonal_combination"));

        // A trend under noise and no season: persistence lags the trend by a step every time, the
        // window's mean change follows it; on a walk without drift it only adds noise.
        double[] trend = new double[length];
        Arrays.setAll(trend, step -> 100 + 2.0 * step + random.nextGaussian());
        double[] trendErrors = BaselineSelection.relativeErrors(
                RegularSeries.of(TestWindows.daily("trend", trend), GapPolicy.SPLIT, daily), 1, split, windows(8, 1));
        assertEquals(NaiveForecast.DRIFT, BaselineSelection.choose(trendErrors, 1).baseline(),
                "errors " + Arrays.toString(trendErrors));
        assertTrue(trendErrors[4] < 0.7, "errors " + Arrays.toString(trendErrors));
        double[] trendless = new double[length];
        for (int step = 1; step < length; step++) {
            trendless[step] = trendless[step - 1] + random.nextGaussian();
        }
        double[] trendlessErrors = BaselineSelection.relativeErrors(RegularSeries.of(
                TestWindows.daily("trendless", trendless), GapPolicy.SPLIT, daily), 1, split, windows(8, 1));
        assertEquals(NaiveForecast.PERSISTENCE, BaselineSelection.choose(trendlessErrors, 1).baseline(),
                "errors " + Arrays.toString(trendlessErrors));

        // Six steps ahead the walk's drift (+1 every 3 steps) matters: persistence misses it by 2
        // every time, the seasonal naive with drift follows it; the season still repeats exactly.
        StructType schema = new StructType().add(SeriesColumns.SERIES_ID, DataTypes.StringType)
                .add(SeriesColumns.STEP, DataTypes.LongType).add(SeriesColumns.POSITION, DataTypes.IntegerType)
                .add(SeriesColumns.SERIES_LENGTH, DataTypes.IntegerType).add(SeriesColumns.VALUE, DataTypes.DoubleType);
        Dataset<Row> gridded = spark.createDataFrame(rows, schema);
        Map<String, String> best = Map.of("season", "seasonal_naive_drift", "walk", "persistence");
        Map<String, String> sixAhead = new HashMap<>();
        BaselineSelection.perHorizon(gridded, 4, split, 6).collectAsList().forEach(r -> {
            if (r.<Integer>getAs(BaselineSelection.HORIZON) == 1) {
                assertEquals(best.get(r.<String>getAs(SeriesColumns.SERIES_ID)), r.getAs(BaselineSelection.BEST),
                        "one step ahead, the same choice as relativeErrors");
            } else if (r.<Integer>getAs(BaselineSelection.HORIZON) == 6) {
                sixAhead.put(r.getAs(SeriesColumns.SERIES_ID), r.getAs(BaselineSelection.BEST));
            }
        });
        assertEquals(Map.of("season", "seasonal_naive_drift", "walk", "seasonal_naive_drift"), sixAhead);
    }

    /** The window an encoder of {@code inputs} values gives each naive forecast (as EncoderSpec.windowLength). */
    private static ToIntFunction<NaiveForecast> windows(int inputs, int season) {
        return naive -> Math.max(inputs, naive.historyLength(season));
    }
}
