package io.sparkforecast.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.TestWindows;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SeriesGrid (score and evaluate) and RegularSeries (prepare) make the same regular series. */
class SeriesGridTest {
    private static SparkSession spark;
    private static final Frequency DAILY = Frequency.parse("P1D");

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SeriesGridTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Days 1, 2, 5, 6 of series g: a gap of two days (3 and 4). */
    private static Dataset<Row> withGap() {
        return TestWindows.clean(spark, List.of(TestWindows.day("g", 1, 10), TestWindows.day("g", 2, 20),
                TestWindows.day("g", 5, 50), TestWindows.day("g", 6, 80)));
    }

    private static List<Row> rows(SeriesGrid.Gridded grid) {
        return grid.rows().orderBy(SeriesColumns.STEP).collectAsList();
    }

    private static List<Double> values(List<Row> rows) {
        return rows.stream().map(r -> r.<Double>getAs(SeriesColumns.VALUE)).toList();
    }

    @Test
    void splitKeepsPartsApartAndListsTheGap() {
        SeriesGrid.Gridded grid = SeriesGrid.regularize(withGap(), GapPolicy.SPLIT, DAILY, 0);
        List<Row> rows = rows(grid);

        assertEquals(List.of(0L, 0L, 1L, 1L), rows.stream().map(r -> r.<Long>getAs(SeriesColumns.SEGMENT)).toList());
        assertEquals(6L, rows.get(0).<Long>getAs(SeriesColumns.SERIES_LENGTH));
        assertEquals(5L, rows.get(3).<Long>getAs(SeriesColumns.POSITION));
        Row gap = grid.gaps().first();
        assertEquals(LocalDateTime.of(2020, 1, 3, 0, 0), gap.getAs(SeriesGrid.FIRST_MISSING_TS));
        assertEquals(LocalDateTime.of(2020, 1, 4, 0, 0), gap.getAs(SeriesGrid.LAST_MISSING_TS));
        assertEquals(2L, gap.<Long>getAs(SeriesGrid.MISSING_STEPS));
        assertEquals("split", gap.getAs(SeriesGrid.ACTION));
    }

    @Test
    void fillForwardRepeatsTheLastValue() {
        List<Row> rows = rows(SeriesGrid.regularize(withGap(), GapPolicy.FILL_FORWARD, DAILY, 0));
        assertEquals(List.of(10.0, 20.0, 20.0, 20.0, 50.0, 80.0), values(rows));
        assertEquals(List.of(false, false, true, true, false, false),
                rows.stream().map(r -> r.<Boolean>getAs(SeriesColumns.FILLED)).toList());
        assertEquals(LocalDateTime.of(2020, 1, 4, 0, 0), rows.get(3).getAs(SeriesColumns.TS));
    }

    @Test
    void interpolateFillsOnTheStraightLine() {
        List<Row> rows = rows(SeriesGrid.regularize(withGap(), GapPolicy.INTERPOLATE, DAILY, 0));
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0, 50.0, 80.0), values(rows));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), rows.stream().map(r -> r.<Long>getAs(SeriesColumns.SEGMENT)).toList());
    }
    @Test
    void prepareMakesEachSeriesRegularAsSeriesGridDoes() {
        int[] days = {1, 2, 5, 6, 7, 10, 12};
        double[] values = {10, 20, 50, 80, 70, 40, 30};
        List<Row> clean = new java.util.ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            clean.add(TestWindows.day("g", days[i], values[i]));
        }
        for (GapPolicy policy : GapPolicy.values()) {
            SeriesGrid.Gridded grid = SeriesGrid.regularize(TestWindows.clean(spark, clean), policy, DAILY, 0);
            RegularSeries series = RegularSeries.of(TestWindows.daily("g", days, values), policy, DAILY);
            List<Row> expected = rows(grid);
            assertEquals(expected.size(), series.size(), policy.code());
            for (int segment = 0; segment < series.segments(); segment++) {
                for (int i = series.segmentStart(segment); i < series.segmentEnd(segment); i++) {
                    Row row = expected.get(i);
                    String where = policy.code() + " row " + i;
                    assertEquals(row.<Long>getAs(SeriesColumns.STEP), series.step(i), where);
                    assertEquals(row.<Double>getAs(SeriesColumns.VALUE), series.value(i), 1e-12, where);
                    assertEquals(row.<Boolean>getAs(SeriesColumns.FILLED), series.filled(i), where);
                    assertEquals(row.<LocalDateTime>getAs(SeriesColumns.TS), series.ts(i), where);
                    assertEquals(row.<Long>getAs(SeriesColumns.SEGMENT), (long) segment, where);
                    assertEquals(row.<Long>getAs(SeriesColumns.POSITION), series.position(i), where);
                    assertEquals(row.<Long>getAs(SeriesColumns.SERIES_LENGTH), series.length(), where);
                }
            }
            List<Row> gaps = grid.gaps().orderBy(SeriesGrid.FIRST_MISSING_TS).collectAsList();
            assertEquals(gaps.size(), series.gaps().size(), policy.code());
            for (int g = 0; g < gaps.size(); g++) {
                RegularSeries.Gap gap = series.gaps().get(g);
                assertEquals(gaps.get(g).<LocalDateTime>getAs(SeriesGrid.FIRST_MISSING_TS),
                        series.tsOfStep(gap.firstMissingStep()));
                assertEquals(gaps.get(g).<Long>getAs(SeriesGrid.MISSING_STEPS), gap.missingSteps());
            }
        }
    }
}
