package io.sparkforecast.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * This product's ETS against R's ets() (forecast 8.x) on real series: fitted on the rows before
 * the benchmark's test split, judged by R's own criterion, the AICc, and by the test forecasts.
 */
class EtsSelectionTest {
    /** Short tables whose series cover every form R chose but the longest (fitting takes a few seconds). */
    private static final Set<String> TABLES = Set.of("airpassengers", "ukgas", "usaccdeaths", "uk_lung_deaths",
            "johnsonjohnson", "nile", "woolyrnq", "nelplo");
    /** AICc is -2 log likelihood plus a penalty: 0.01 is far below any difference that changes a choice. */
    private static final double AICC_TOLERANCE = 0.01;

    private static List<RSeries> series() {
        return RSeries.all().stream().filter(s -> TABLES.contains(s.table())).toList();
    }

    @Test
    void itFitsRsChosenFormAtLeastAsWellAsR() {
        List<String> worse = new ArrayList<>();
        for (RSeries series : series()) {
            EtsModel fitted = EtsEstimator.fit(series.model().spec(), series.fitted()).orElseThrow();
            double aicc = fitted.aicc(series.fitted());
            if (aicc > series.aicc() + AICC_TOLERANCE) {
                worse.add(series.seriesId() + " " + fitted.spec() + ": AICc " + aicc + ", R " + series.aicc());
            }
        }
        assertEquals(List.of(), worse);
    }

    @Test
    void itsChoiceIsAtLeastAsGoodAsRsAndForecastsTheTestRowsAsWell() {
        List<String> worse = new ArrayList<>();
        double summed = 0;
        double rSummed = 0;
        for (RSeries series : series()) {
            EtsSelection.Choice choice = EtsSelection.select(series.fitted(), series.period()).orElseThrow();
            if (choice.aicc() > series.aicc() + AICC_TOLERANCE) {
                worse.add(series.seriesId() + " " + choice.model().spec() + ": AICc " + choice.aicc() + ", R "
                        + series.etsForm() + " " + series.aicc());
            }
            double[] forecasts = choice.model().filter(series.values()).forecasts();
            double squares = 0;
            double rSquares = 0;
            for (int i = 0; i < series.testForecasts().length; i++) {
                double actual = series.values()[series.fittedRows() + i];
                squares += Math.pow(forecasts[series.fittedRows() + i] - actual, 2);
                rSquares += Math.pow(series.testForecasts()[i] - actual, 2);
            }
            summed += Math.sqrt(squares / series.testForecasts().length);
            rSummed += Math.sqrt(rSquares / series.testForecasts().length);
        }
        assertEquals(List.of(), worse);
        // A lower AICc need not forecast the test rows better; the two must still be close.
        assertTrue(summed / rSummed < 1.05, "summed one-step test RMSE / R's: " + summed / rSummed);
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
