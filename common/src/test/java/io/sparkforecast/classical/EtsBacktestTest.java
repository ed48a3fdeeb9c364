package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EtsBacktestTest {
    // UKgas (R datasets), quarterly 1960-1986: 108 values; validation from 61, test from 71.
    private static final RSeries UKGAS = RSeries.all().stream().filter(s -> s.table().equals("ukgas")).findFirst()
            .orElseThrow();
    private static final int VALIDATION_START = 61;
    private static final int TEST_START = 71;

    @Test
    void testTargetsAreForecastByTheModelChosenBeforeTheTestPartAsRChoosesIt() {
        double[] values = UKGAS.values();
        EtsBacktest.Forecasts backtest = EtsBacktest.of(values, VALIDATION_START, TEST_START, 4, 4).orElseThrow();
        assertEquals(TEST_START, UKGAS.fittedRows());
        EtsModel validation = EtsSelection.select(Arrays.copyOf(values, VALIDATION_START), 4).orElseThrow().model();
        assertEquals(validation.toString(), backtest.validationModel().toString());
        EtsModel test = EtsSelection.select(Arrays.copyOf(values, TEST_START), 4).orElseThrow().model();
        assertEquals(test.toString(), backtest.testModel().toString());
        assertNotSame(backtest.validationModel(), backtest.testModel());
        // R's form, fitted on the same rows.
        assertEquals(UKGAS.etsForm(), test.spec().toString());
        double[] oneStep = test.filter(values).forecasts();
        for (int target = TEST_START; target < values.length; target++) {
            assertEquals(oneStep[target], backtest.forecast(target - 1, 1), 1e-9 * Math.abs(oneStep[target]));
        }
        // And as R's ets() forecasts these targets.
        for (int i = 0; i < UKGAS.testForecasts().length; i++) {
            assertEquals(UKGAS.testForecasts()[i], oneStep[TEST_START + i], 1e-6 * Math.abs(UKGAS.testForecasts()[i]));
        }
    }

    @Test
    void noForecastDependsOnTheValueItForecastsOrLaterOnes() {
        double[] values = UKGAS.values();
        EtsBacktest.Forecasts backtest = EtsBacktest.of(values, VALIDATION_START, TEST_START, 4, 4).orElseThrow();
        for (int origin : new int[] {VALIDATION_START - 1, VALIDATION_START + 4, TEST_START - 2, TEST_START + 10}) {
            double[] changed = values.clone();
            for (int t = origin + 1; t < changed.length; t++) {
                changed[t] *= 3;
            }
            EtsBacktest.Forecasts again = EtsBacktest.of(changed, VALIDATION_START, TEST_START, 4, 4).orElseThrow();
            for (int h = 1; h <= 4 && origin + h < values.length; h++) {
                // Test targets' parameters come from values before the test part, which moved when
                // the origin lies before it: only targets of the origin's own part must be unchanged.
                boolean sameModel = origin + 1 >= TEST_START || origin + h < TEST_START;
                if (sameModel) {
                    assertEquals(backtest.forecast(origin, h), again.forecast(origin, h), 1e-9,
                            "origin " + origin + " step " + h);
                }
            }
        }
    }

    @Test
    void missingValuesMoveTheStatesOnAsForecast() {
        double[] values = UKGAS.values().clone();
        values[20] = Double.NaN;
        values[65] = Double.NaN;
        EtsBacktest.Forecasts backtest = EtsBacktest.of(values, VALIDATION_START, TEST_START, 4, 4).orElseThrow();
        for (int origin = VALIDATION_START - 1; origin < values.length - 4; origin++) {
            for (int h = 1; h <= 4; h++) {
                assertTrue(Double.isFinite(backtest.forecast(origin, h)), "origin " + origin + " step " + h);
            }
        }
        // After a missing value, the next forecast two steps ahead is the one-step forecast's continuation.
        EtsModel model = backtest.validationModel();
        double[][] fromEach = model.forecastsFromEachOrigin(values, 2);
        assertEquals(fromEach[64][1], fromEach[65][0], 1e-9 * Math.abs(fromEach[65][0]));
    }
}
