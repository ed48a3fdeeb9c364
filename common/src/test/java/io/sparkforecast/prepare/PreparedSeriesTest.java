package io.sparkforecast.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.config.ForecastConfig.SplitSpec;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.SampleEncoder;
import io.sparkforecast.features.TestWindows;
import io.sparkforecast.features.WindowSample;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesRows;
import io.sparkforecast.series.TimeSplit;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** One series through prepare's pass: scalers, windows, the time split, rejects, against hand-computed values. */
class PreparedSeriesTest {
    private static final TimeSplit SPLIT = new TimeSplit(new SplitSpec(0.6, 0.2));
    private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private static SeriesPreparation preparation(SampleEncoder encoder, GapPolicy policy) {
        return new SeriesPreparation(encoder, SPLIT, policy, Frequency.parse("P1D"), List.of(SeriesColumns.VALUE),
                0.6);
    }

    private static PreparedSeries prepared(SeriesRows rows, int lookback, int horizon, int lag) {
        return preparation(TestWindows.encoder(lookback, horizon, lag), GapPolicy.SPLIT).prepare(rows);
    }

    private static List<WindowSample> samples(PreparedSeries series) {
        List<WindowSample> rows = new ArrayList<>();
        series.samples().forEachRemaining(rows::add);
        return rows;
    }

    private static List<String> splits(List<WindowSample> samples) {
        return samples.stream().map(WindowSample::split).toList();
    }

    @Test
    void scalersAreFittedOnEachSeriesTrainPartOnly() {
        // floor(10 * 0.6) = 6 train rows (1..6); the test values are not seen
        assertEquals(List.of(RowFactory.create("s", "value", 1.0, 6.0, 6L)),
                prepared(TestWindows.daily("s", ONE_TO_TEN), 3, 1, 0).scalerRows());
    }

    @Test
    void differencedScalersSkipTheFirstLagRows() {
        double[] squares = new double[10];
        for (int i = 0; i < squares.length; i++) {
            squares[i] = (i + 1) * (i + 1);
        }
        // y = 1, 4, 9, 16, 25, 36 in train: differences 3, 5, 7, 9, 11.
        assertEquals(List.of(RowFactory.create("s", "value", 3.0, 11.0, 5L)),
                prepared(TestWindows.daily("s", squares), 3, 1, 1).scalerRows());
    }

    @Test
    void samplesAreTimeOrderedWindowsInTheSplitOfTheirLastTarget() {
        List<WindowSample> samples = samples(prepared(TestWindows.daily("s", ONE_TO_TEN), 3, 1, 0));

        // windows ending on days 3..9 (7 samples), scaled by [1, 6]
        assertEquals(7, samples.size());
        WindowSample first = samples.get(0);
        assertEquals("s", first.seriesId());
        assertEquals(LocalDateTime.of(2020, 1, 3, 0, 0), first.windowEnd());
        assertArrayEquals(new float[] {0f, 0.2f, 0.4f}, first.features(), 1e-6f);
        assertArrayEquals(new float[] {0.6f}, first.target(), 1e-6f);
        // Targets at positions 3..9: 3-5 train, 6-7 validation (next floor(10 * 0.2) = 2), 8-9 test.
        assertEquals(List.of("train", "train", "train", "validation", "validation", "test", "test"), splits(samples));
        assertArrayEquals(new float[] {1.8f}, samples.get(6).target(), 1e-6f);
    }

    @Test
    void samplesOfOneSplitAreThatSplitsShareInTheSameOrder() {
        PreparedSeries series = prepared(TestWindows.daily("s", ONE_TO_TEN), 3, 1, 0);
        List<WindowSample> all = samples(series);
        for (String split : List.of(TimeSplit.TRAIN, TimeSplit.VALIDATION, TimeSplit.TEST)) {
            List<WindowSample> one = new ArrayList<>();
            series.samples(split).forEachRemaining(one::add);
            List<WindowSample> expected = all.stream().filter(s -> s.split().equals(split)).toList();
            assertEquals(expected.stream().map(WindowSample::windowEnd).toList(),
                    one.stream().map(WindowSample::windowEnd).toList(), split);
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(expected.get(i).features(), one.get(i).features());
                assertArrayEquals(expected.get(i).target(), one.get(i).target());
            }
        }
    }

    @Test
    void multiStepTargetsBelongToTheSplitOfTheLastStep() {
        List<WindowSample> samples = samples(prepared(TestWindows.daily("s", ONE_TO_TEN), 2, 3, 0));

        // Windows end at positions 1..6; last targets at 4..9.
        assertEquals(List.of("train", "train", "validation", "validation", "test", "test"), splits(samples));
        assertArrayEquals(new float[] {0.4f, 0.6f, 0.8f}, samples.get(0).target(), 1e-6f);
    }

    @Test
    void windowsNeverSpanAGapWhenSeriesAreSplit() {
        SeriesRows rows = TestWindows.daily("g", new int[] {1, 2, 3, 4, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 7, 8, 9,
            10});
        // Days 1-4 give windows ending on 2, 3; days 7-10 on 8, 9. None ends on 4 (its target 5 is missing).
        assertEquals(List.of(2, 3, 8, 9), samples(prepared(rows, 2, 1, 0)).stream()
                .map(r -> r.windowEnd().getDayOfMonth()).toList());
    }

    @Test
    void filledStepsAreInWindowsButNeverTargets() {
        SeriesRows rows = TestWindows.daily("f", new int[] {1, 2, 3, 5, 6, 7, 8}, new double[] {1, 2, 3, 5, 6, 7, 8});
        PreparedSeries series = preparation(TestWindows.encoder(2, 1, 0), GapPolicy.INTERPOLATE).prepare(rows);

        // Day 4 is filled (4.0): windows end on 2, 4 (over 3 and the filled 4, target 5), 5, 6, 7; not on 3.
        assertEquals(List.of(2, 4, 5, 6, 7), samples(series).stream()
                .map(r -> r.windowEnd().getDayOfMonth()).toList());
        PrepareCounts counts = series.counts();
        assertEquals(5L, counts.samplesBySplit().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1, counts.gaps());
        assertEquals(1, counts.missingSteps());
    }

    @Test
    void partsTooShortForASampleAreRejectedWithTheirLength() {
        SeriesRows rows = TestWindows.daily("g", new int[] {1, 2, 4, 5, 6, 7, 8, 9, 10, 11},
                new double[] {1, 2, 4, 5, 6, 7, 8, 9, 10, 11});
        PreparedSeries series = prepared(rows, 3, 1, 0);

        List<Row> rejects = series.rejects();
        assertEquals(2, rejects.size());
        assertEquals(RowFactory.create("g", LocalDateTime.of(2020, 1, 1, 0, 0), 1.0, "segment_too_short",
                "2 steps; a sample needs 4"), rejects.get(0));
        assertEquals(Map.of("segment_too_short", 2L), series.counts().rejectedByReason());

        PreparedSeries alone = prepared(TestWindows.daily("t", 5, 9, 7), 3, 1, 0);
        assertEquals("series_too_short", alone.rejects().get(0).getString(3));
        assertTrue(alone.scalerRows().isEmpty());
        assertEquals(0, alone.counts().seriesWithSamples());
        assertEquals(1, alone.counts().series());
    }
}
