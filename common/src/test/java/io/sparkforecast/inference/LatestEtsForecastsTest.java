package io.sparkforecast.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.classical.EtsModel;
import io.sparkforecast.classical.RSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestEtsForecastsTest {
    private static final int STEPS = 8;

    /**
     * R's ets() form of each of the benchmark's 89 series, fitted again on the rows R fitted it on:
     * 8 forecasts as R's model makes them from there, to a millionth of a one-step error.
     */
    @Test
    void theFormFittedAgainForecastsAsRsModelOfThatFormOnTheSameRows() {
        List<Double> deviations = new ArrayList<>();
        for (RSeries series : RSeries.all()) {
            double[] fitted = series.fitted();
            EtsModel r = series.model();
            EtsModel.Filtered run = r.filter(fitted);
            double[] expected = r.forecast(run.last(), STEPS);
            double[] forecasts = LatestEtsForecasts.forecast(fitted, series.etsForm(), series.period(), STEPS)
                    .orElseThrow(() -> new AssertionError(series.table() + " " + series.seriesId()));
            double squares = 0;
            for (int t = 0; t < fitted.length; t++) {
                squares += Math.pow(fitted[t] - run.forecasts()[t], 2);
            }
            double oneStepError = Math.sqrt(squares / fitted.length);
            double deviation = 0;
            for (int h = 0; h < STEPS; h++) {
                deviation = Math.max(deviation, Math.abs(forecasts[h] - expected[h]) / oneStepError);
            }
            deviations.add(deviation);
        }
        assertEquals(107, deviations.size());
        double largest = deviations.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(largest < 1e-6, "largest deviation from R's forecasts in one-step errors: " + largest);
    }

    @Test
    void aFormThatCannotBeFittedGivesNoForecast() {
        double[] shortSeries = {1, 2, 3, 4, 5, 6};
        assertTrue(LatestEtsForecasts.forecast(shortSeries, "ETS(A,N,A)", 12, 3).isEmpty(), "two seasons needed");
        assertTrue(LatestEtsForecasts.forecast(shortSeries, "ETS(A,N,N)", 12, 3).isPresent());
        assertTrue(LatestEtsForecasts.forecast(shortSeries, "no form", 12, 3).isEmpty());
    }
}
