package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArimaBacktestTest {
    // AirPassengers, monthly 1949-1960: 144 values; validation from 82, test from 96.
    private static final double[] AIRLINE = RSeries.values("airpassengers", "AirPassengers");
    private static final int VALIDATION_START = 82;
    private static final int TEST_START = 96;

    /** R's auto.arima() (maximum likelihood) one-step forecasts of the test rows, from data/benchmark/classical. */
    private static double[] rArimaForecasts() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("forecast.repo", ".."))
                .resolve("data/benchmark/classical/airpassengers.csv"));
        return lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[3])).toArray();
    }

    @Test
    void testTargetsAreForecastByTheModelChosenBeforeTheTestPartAboutAsWellAsByRs() throws IOException {
        ArimaBacktest.Forecasts backtest = ArimaBacktest.of(AIRLINE, VALIDATION_START, TEST_START, 12, 12)
                .orElseThrow();
        assertEquals("ARIMA(0,1,1)(0,1,1)[12]", backtest.testModel().spec().toString(), "R's form on these rows");
        ArimaModel test = ArimaSelection.select(Arrays.copyOf(AIRLINE, TEST_START), 12).orElseThrow().model();
        double[][] fromTestModel = test.forecastsFromEachOrigin(AIRLINE, 1);
        double[] r = rArimaForecasts();
        double squares = 0;
        double rSquares = 0;
        for (int target = TEST_START; target < AIRLINE.length; target++) {
            assertEquals(fromTestModel[target - 1][0], backtest.forecast(target - 1, 1), 1e-9);
            squares += Math.pow(backtest.forecast(target - 1, 1) - AIRLINE[target], 2);
            rSquares += Math.pow(r[target - TEST_START] - AIRLINE[target], 2);
        }
        // Measured: 0.9% above R's, whose auto.arima fits this form by maximum likelihood.
        assertTrue(Math.sqrt(squares / rSquares) < 1.02, "test RMSE / R's " + Math.sqrt(squares / rSquares));
        ArimaModel validation = ArimaSelection.select(Arrays.copyOf(AIRLINE, VALIDATION_START), 12).orElseThrow()
                .model();
        assertEquals(validation.spec(), backtest.validationModel().spec());
        assertEquals(validation.forecastsFromEachOrigin(AIRLINE, 3)[VALIDATION_START][2],
                backtest.forecast(VALIDATION_START, 3), 1e-9, "a validation target");
    }

    @Test
    void noForecastDependsOnTheValueItForecastsOrLaterOnes() {
        ArimaBacktest.Forecasts backtest = ArimaBacktest.of(AIRLINE, VALIDATION_START, TEST_START, 3, 12)
                .orElseThrow();
        for (int origin : new int[] {VALIDATION_START - 1, TEST_START + 5, AIRLINE.length - 4}) {
            double[] changed = AIRLINE.clone();
            for (int t = origin + 1; t < changed.length; t++) {
                changed[t] *= 3;
            }
            ArimaBacktest.Forecasts again = ArimaBacktest.of(changed, VALIDATION_START, TEST_START, 3, 12)
                    .orElseThrow();
            for (int h = 1; h <= 3; h++) {
                boolean sameModel = origin + 1 >= TEST_START || origin + h < TEST_START;
                if (sameModel) {
                    assertEquals(backtest.forecast(origin, h), again.forecast(origin, h), 1e-9,
                            "origin " + origin + " step " + h);
                }
            }
        }
    }

    @Test
    void missingValuesAreBridgedAndEveryLaterOriginForecasts() {
        double[] values = AIRLINE.clone();
        values[20] = Double.NaN;
        values[100] = Double.NaN;
        ArimaBacktest.Forecasts backtest = ArimaBacktest.of(values, VALIDATION_START, TEST_START, 3, 12).orElseThrow();
        for (int origin = VALIDATION_START - 1; origin < values.length - 3; origin++) {
            for (int h = 1; h <= 3; h++) {
                assertTrue(Double.isFinite(backtest.forecast(origin, h)), "origin " + origin + " step " + h);
            }
        }
    }
}
