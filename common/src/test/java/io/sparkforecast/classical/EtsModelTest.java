package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkforecast.classical.EtsModel.EtsState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtsModelTest {
    @Test
    void withRsParametersAndStatesItReproducesRsLikelihoodAndForecasts() {
        List<String> differences = new ArrayList<>();
        List<RSeries> all = RSeries.all();
        for (RSeries series : all) {
            EtsModel model = series.model();
            double aicc = model.aicc(series.fitted());
            if (Math.abs(aicc - series.aicc()) > 1e-8 * Math.abs(series.aicc())) {
                differences.add(series.seriesId() + " " + model.spec() + ": AICc " + aicc + ", R " + series.aicc());
            }
            double[] forecasts = model.filter(series.values()).forecasts();
            for (int i = 0; i < series.testForecasts().length; i++) {
                double r = series.testForecasts()[i];
                if (Math.abs(forecasts[series.fittedRows() + i] - r) > 1e-9 * Math.abs(r)) {
                    differences.add(series.seriesId() + " " + model.spec() + ": test forecast " + i + " "
                            + forecasts[series.fittedRows() + i] + ", R " + r);
                    break;
                }
            }
        }
        assertTrue(all.size() >= 80, "R's models of the benchmark's series: " + all.size());
        assertEquals(List.of(), differences);
    }

    @Test
    void forecastsContinueTheOneStepRecursion() {
        RSeries airline = RSeries.all().get(0);
        EtsModel model = airline.model();
        assertEquals(EtsSpec.parse("ETS(M,Ad,M)", 12), model.spec());
        double[] values = airline.values();
        double[] head = java.util.Arrays.copyOf(values, 100);
        double[] ahead = model.forecast(model.filter(head).last(), 1);
        assertEquals(model.filter(values).forecasts()[100], ahead[0], 1e-9);
    }

    @Test
    void aDampedTrendLevelsOffAndASeasonRepeats() {
        EtsSpec spec = new EtsSpec(EtsSpec.Error.ADDITIVE, EtsSpec.Trend.DAMPED, EtsSpec.Season.ADDITIVE, 4);
        EtsModel model = new EtsModel(spec, 0.5, 0.1, 0.1, 0.5, new EtsState(0, 0, new double[4]));
        // Level 100, trend 8 damped by 0.5: 100 + 4, + 2, + 1, + 0.5; seasonal states newest first.
        double[] forecasts = model.forecast(new EtsState(100, 8, new double[] {4, 3, 2, 1}), 5);
        assertArrayEquals(new double[] {104 + 1, 106 + 2, 107 + 3, 107.5 + 4, 107.75 + 1}, forecasts, 1e-12);
    }

    @Test
    void itCountsParametersAsRsAicc() {
        // R's ets() on AirPassengers' first 96 months: 17 parameters and states, plus the variance.
        assertEquals(18, EtsSpec.parse("ETS(M,Ad,M)", 12).estimatedParameters());
        assertEquals(3, EtsSpec.parse("ETS(A,N,N)", 12).estimatedParameters());
        assertEquals("ETS(M,Ad,M)", EtsSpec.parse("ETS(M,Ad,M)", 12).toString());
        assertEquals(1, EtsSpec.parse("ETS(A,A,N)", 12).period());
    }
}
