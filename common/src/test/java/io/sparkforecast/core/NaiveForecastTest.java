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

    @Test
    void driftExtendsTheHistorysMeanChange() {
        // 14 values, 13 steps from 337 to 417: 80 / 13 per step.
        assertEquals(417 + 80.0 / 13, NaiveForecast.DRIFT.forecast(HISTORY, 12, 1), 1e-12);
        assertEquals(417 + 3 * 80.0 / 13, NaiveForecast.DRIFT.forecast(HISTORY, 12, 3), 1e-12);
        assertEquals(5.0, NaiveForecast.DRIFT.forecast(new double[] {5}, 12, 2), "one value: no change to extend");
        assertEquals(2, NaiveForecast.DRIFT.historyLength(12));
    }

    @Test
    void seasonalCombinationAveragesFourRulesOverTheSeasonsHeld() {
        // Season 4, ten values: two whole seasons back from the step after the last (index 10).
        double[] y = {10, 20, 30, 40, 12, 21, 33, 42, 13, 23};
        // Season-over-season changes y[t] - y[t-4], t = 4..9: 2 1 3 2 1 2, mean 11/6.
        double change = 11.0 / 6;
        double naive = y[6];
        double drift = naive + (y[9] - y[5]);
        double pastSeasons = ((y[6] + change) + (y[2] + 2 * change)) / 2;
        double lastPlusChange = y[9] + ((y[6] - y[5]) + (y[2] - y[1])) / 2;
        assertEquals((naive + drift + pastSeasons + lastPlusChange) / 4,
                NaiveForecast.SEASONAL_COMBINATION.forecast(y, 4, 1), 1e-12);
        // Six ahead (k = 2 seasons back): y[9 + 6 - 8] = y[7], twice the last change; the past
        // seasons y[7] and y[3]; only y[1] -> y[7] is a change from a season start in the history.
        double naive6 = y[7];
        double drift6 = naive6 + 2 * (y[9] - y[5]);
        double pastSeasons6 = ((y[7] + 2 * change) + (y[3] + 3 * change)) / 2;
        double lastPlusChange6 = y[9] + (y[7] - y[1]);
        assertEquals((naive6 + drift6 + pastSeasons6 + lastPlusChange6) / 4,
                NaiveForecast.SEASONAL_COMBINATION.forecast(y, 4, 6), 1e-12);
        assertEquals(5, NaiveForecast.SEASONAL_COMBINATION.historyLength(4));
    }

    @Test
    void seasonalCombinationIsExactOnARepeatingSeasonWithATrend() {
        double[] y = new double[13];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10.0 * (t % 4) + 0.5 * t;
        }
        // Every rule but seasonal naive (which misses one season of trend, 2) is exact.
        double next = 10.0 * (13 % 4) + 0.5 * 13;
        assertEquals(next - 2.0 / 4, NaiveForecast.SEASONAL_COMBINATION.forecast(y, 4, 1), 1e-12);
    }
}
