package io.sparkforecast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NaiveForecastTest {
    // Airline passengers 1958-12 .. 1960-01 (14 months), forecasting from 1960-01 (417).
    private static final double[] HISTORY = {337, 360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417};

    @Test
    void persistenceRepeatsTheLastValue() {
        assertEquals(417, NaiveForecast.PERSISTENCE.forecast(HISTORY, 12, 3));
    }

    @Test
    void seasonalNaiveRepeatsLastSeason() {
        // 1960-02 <- 1959-02 = 342; 1960-12 <- 1959-12 = 405; 1961-02 <- 1959-02 again (two seasons back).
        assertEquals(342, NaiveForecast.SEASONAL_NAIVE.forecast(HISTORY, 12, 1));
        assertEquals(405, NaiveForecast.SEASONAL_NAIVE.forecast(HISTORY, 12, 11));
        assertEquals(342, NaiveForecast.SEASONAL_NAIVE.forecast(HISTORY, 12, 13));
    }

    @Test
    void driftAddsThisSeasonsChange() {
        // y[t-12] + y[t-1] - y[t-13] = 342 + 417 - 360
        assertEquals(399, NaiveForecast.SEASONAL_NAIVE_DRIFT.forecast(HISTORY, 12, 1));
        // 1960-12: 405 + (417 - 360); 1961-02: 342 + 2 * (417 - 360)
        assertEquals(462, NaiveForecast.SEASONAL_NAIVE_DRIFT.forecast(HISTORY, 12, 11));
        assertEquals(456, NaiveForecast.SEASONAL_NAIVE_DRIFT.forecast(HISTORY, 12, 13));
        assertEquals(13, NaiveForecast.historyNeeded(12));
    }
}
