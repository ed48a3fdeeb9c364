package io.sparkforecast.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.spark.SparkTestSession;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        return SamplesTableTest.clean(spark, List.of(SamplesTableTest.day("g", 1, 10), SamplesTableTest.day("g", 2, 20),
                SamplesTableTest.day("g", 5, 50), SamplesTableTest.day("g", 6, 80)));
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
}
