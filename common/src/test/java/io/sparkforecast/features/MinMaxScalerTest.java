package io.sparkforecast.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
    @Test
    void mapsTheFittedRangeToUnitInterval() {
        MinMaxScaler scaler = new MinMaxScaler(104, 622);
        assertEquals(0.0, scaler.scale(104), 1e-12);
        assertEquals(1.0, scaler.scale(622), 1e-12);
        assertEquals((112 - 104) / 518.0, scaler.scale(112), 1e-12);
        assertEquals(112, scaler.unscale(scaler.scale(112)), 1e-9);
    }

    @Test
    void valuesOutsideTheFittedRangeLeaveTheUnitInterval() {
        MinMaxScaler scaler = new MinMaxScaler(0, 10);
        assertEquals(1.5, scaler.scale(15), 1e-12);
        assertEquals(-0.5, scaler.scale(-5), 1e-12);
    }

    @Test
    void constantSeriesIsOnlyShifted() {
        MinMaxScaler scaler = new MinMaxScaler(7, 7);
        assertEquals(0.0, scaler.scale(7), 1e-12);
        assertEquals(2.0, scaler.scale(9), 1e-12);
        assertEquals(9.0, scaler.unscale(2.0), 1e-12);
    }
}
