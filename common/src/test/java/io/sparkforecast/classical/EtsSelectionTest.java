package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This product's ETS against R's ets() (forecast 8.20) on the benchmark's 107 real series, fitted
 * on the rows before the test split: the same model, parameters, states and form as R's.
 */
class EtsSelectionTest {
    /** The largest deviation measured is 2e-10: the same search on the same function, up to rounding. */
    private static final double PARAMETER_TOLERANCE = 1e-6;
    private static final double AICC_TOLERANCE = 1e-3;

    @Test
    void itFitsRsFormsToRsParametersAndStates() {
        List<String> different = new ArrayList<>();
        double largest = 0;
        for (RSeries series : RSeries.all()) {
            EtsModel r = series.model();
            EtsModel fitted = EtsEstimator.fit(r.spec(), series.fitted()).orElseThrow();
            double deviation = Math.max(Math.max(Math.abs(fitted.alpha() - r.alpha()), Math.abs(fitted.beta() - r.beta())),
                    Math.max(Math.abs(fitted.gamma() - r.gamma()), Math.abs(fitted.phi() - r.phi())));
            double scale = Math.abs(r.initial().level()) + 1e-8;
            deviation = Math.max(deviation, Math.abs(fitted.initial().level() - r.initial().level()) / scale);
            for (int j = 0; j < r.initial().season().length; j++) {
                deviation = Math.max(deviation, Math.abs(fitted.initial().season()[j] - r.initial().season()[j]) / scale);
            }
            largest = Math.max(largest, deviation);
            double aicc = fitted.aicc(series.fitted());
            if (deviation > PARAMETER_TOLERANCE || Math.abs(aicc - series.aicc()) > AICC_TOLERANCE) {
                different.add(series.seriesId() + " " + fitted + ": AICc " + aicc + ", R " + r + " " + series.aicc());
            }
        }
        assertEquals(List.of(), different);
        System.out.println("largest deviation from R's parameters and states: " + largest);
    }

    @Test
    void itChoosesRsFormAndForecastsTheTestRowsAsR() {
        List<String> different = new ArrayList<>();
        for (RSeries series : RSeries.all()) {
            EtsSelection.Choice choice = EtsSelection.select(series.fitted(), series.period()).orElseThrow();
            double[] forecasts = choice.model().filter(series.values()).forecasts();
            double largest = 0;
            for (int i = 0; i < series.testForecasts().length; i++) {
                double r = series.testForecasts()[i];
                largest = Math.max(largest, Math.abs(forecasts[series.fittedRows() + i] - r) / Math.abs(r));
            }
            if (!choice.model().spec().equals(series.model().spec()) || largest > 1e-4) {
                different.add(series.seriesId() + " " + choice.model().spec() + " (R " + series.model().spec()
                        + "): test forecasts up to " + largest + " off R's");
            }
        }
        assertEquals(List.of(), different);
    }

    @Test
    void multiplicativeFormsOnlyForPositiveSeriesAndSeasonsOnlyWithTwoOfThem() {
        double[] positive = new double[30];
        java.util.Arrays.fill(positive, 5);
        assertEquals(15, EtsSelection.candidates(positive, 12).size());
        positive[3] = 0;
        assertTrue(EtsSelection.candidates(positive, 12).stream()
                .allMatch(s -> s.error() == EtsSpec.Error.ADDITIVE && s.season() != EtsSpec.Season.MULTIPLICATIVE));
        assertTrue(EtsSelection.candidates(new double[23], 12).stream().noneMatch(EtsSpec::hasSeason));
        assertTrue(EtsSelection.candidates(new double[100], 48).stream().noneMatch(EtsSpec::hasSeason));
    }
}
