package io.sparkforecast.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalsTableTest {
    @Test
    void localScaleIsTheMeanAbsoluteChangeOverTheLastValues() {
        double[] history = {1000, 10, 12, 9, 13};
        // The last 4 values: |12 - 10| + |9 - 12| + |13 - 9| = 9 over 3 changes.
        assertEquals(3.0, IntervalsTable.localScale(history, 4), 1e-12);
        assertEquals((990 + 9) / 4.0, IntervalsTable.localScale(history, 10), 1e-12, "the whole history");
        assertNull(IntervalsTable.localScale(new double[] {5, 5, 5}, 3), "no change: no interval");
    }

    @Test
    void intervalsScaleWithTheForecastsLocalScale() {
        IntervalsTable.Bounds bounds = new IntervalsTable.Bounds(12, Map.of(1, new double[] {-1.5, 2.0}));
        assertArrayEquals(new double[] {85, 120}, bounds.interval(1, 100, 10.0), 1e-12);
        assertArrayEquals(new double[] {970, 1040}, bounds.interval(1, 1000, 20.0), 1e-12);
        assertNull(bounds.interval(2, 100, 10.0), "beyond the evaluated horizons");
        assertNull(bounds.interval(1, 100, null));
    }
}
