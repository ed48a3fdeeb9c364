package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Conditional-sum-of-squares fits against R's (forecast 8.20, Arima(..., method = "CSS")) on
 * real series: the same coefficients, error variance and forecasts.
 */
class ArimaEstimatorTest {
    private static final double[] AIRLINE = RSeries.values("airpassengers", "AirPassengers");
    private static final double[] LAKE_HURON = RSeries.values("lakehuron", "LakeHuron");
    private static final double[] NILE = RSeries.values("nile", "Nile");

    private static ArimaModel fit(ArimaSpec spec, double[] values, int rows) {
        return ArimaEstimator.fit(spec, Arrays.copyOf(values, rows)).orElseThrow();
    }

    @Test
    void theAirlineModelHasRsCoefficients() {
        // Arima(ts(AirPassengers[1:96], frequency = 12), c(0,1,1), c(0,1,1), method = "CSS")
        ArimaModel model = fit(new ArimaSpec(0, 1, 1, 0, 1, 1, 12, false), AIRLINE, 96);
        assertEquals(-0.2174455756, model.ma()[0], 1e-4);
        assertEquals(-0.2154050075, model.seasonalMa()[0], 1e-4);
        assertEquals(93.69855272, model.sigma2(), 93.7 * 1e-5);
        // forecast(fit, h = 12): R forecasts from its Kalman filter's state, here from the
        // conditional errors; twelve months ahead they agree to 0.01%.
        double[] r = {313.7699367, 306.1922625, 345.3805722, 342.2548574, 346.5603191, 399.3683123, 439.8266941,
            430.4321997, 383.7126309, 337.5084925, 302.5651105, 338.1131549};
        double[] ours = model.forecastsFromEachOrigin(Arrays.copyOf(AIRLINE, 96), 12)[95];
        for (int h = 0; h < 12; h++) {
            assertEquals(r[h], ours[h], r[h] * 1e-4, "step " + (h + 1));
        }
    }

    @Test
    void aSeasonalAutoregressionHasRsCoefficients() {
        // Arima(ts(AirPassengers[1:96], frequency = 12), c(1,1,0), c(1,1,0), method = "CSS")
        ArimaModel model = fit(new ArimaSpec(1, 1, 0, 1, 1, 0, 12, false), AIRLINE, 96);
        assertEquals(-0.2525758594, model.ar()[0], 1e-4);
        assertEquals(-0.2375814507, model.seasonalAr()[0], 1e-4);
        assertEquals(85.56121586, model.sigma2(), 85.6 * 1e-5);
    }

    @Test
    void anAutoregressionWithAMeanHasRsCoefficientsAndForecasts() {
        // Arima(LakeHuron[1:65], c(2,0,0), method = "CSS")
        ArimaModel model = fit(ArimaSpec.of(2, 0, 0, true), LAKE_HURON, 65);
        assertEquals(1.020450554, model.ar()[0], 1e-4);
        assertEquals(-0.2020343466, model.ar()[1], 1e-4);
        assertEquals(578.9104052, model.constant(), 1e-3);
        assertEquals(0.4086648959, model.sigma2(), 0.41 * 1e-5);
        double[] r = {578.3914231, 578.5283766, 578.6254161};
        double[] ours = model.forecastsFromEachOrigin(Arrays.copyOf(LAKE_HURON, 65), 3)[64];
        for (int h = 0; h < 3; h++) {
            assertEquals(r[h], ours[h], 1e-3, "step " + (h + 1));
        }
    }

    @Test
    void aDriftIsTheMeanOfTheDifferencedSeries() {
        // Arima(Nile[1:67], c(0,1,1), include.drift = TRUE, method = "CSS"): drift -4.10 a year
        ArimaModel model = fit(ArimaSpec.of(0, 1, 1, true), NILE, 67);
        assertEquals(-0.8189349918, model.ma()[0], 1e-4);
        assertEquals(-4.103182703, model.constant(), 1e-3);
        assertEquals(23771.65128, model.sigma2(), 23771.7 * 1e-5);
    }

    @Test
    void theSeasonalPolynomialsAreMultipliedOut() {
        ArimaModel model = new ArimaModel(new ArimaSpec(1, 0, 1, 1, 0, 1, 4, false), new double[] {0.5},
                new double[] {0.3}, new double[] {0.2}, new double[] {-0.4}, 0, 1);
        // (1 - 0.5B)(1 - 0.2B^4) = 1 - 0.5B - 0.2B^4 + 0.1B^5
        assertArrayEquals(new double[] {0, 0.5, 0, 0, 0.2, -0.1}, model.arLags(), 1e-15);
        // (1 + 0.3B)(1 - 0.4B^4) = 1 + 0.3B - 0.4B^4 - 0.12B^5
        double[] ma = model.maLags();
        assertEquals(0.3, ma[1], 1e-15);
        assertEquals(-0.4, ma[4], 1e-15);
        assertEquals(-0.12, ma[5], 1e-15);
        assertTrue(model.admissible());
        assertTrue(!new ArimaModel(ArimaSpec.of(1, 0, 0, false), new double[] {1.0}, new double[0], new double[0],
                new double[0], 0, 1).admissible(), "a unit root");
    }
}
