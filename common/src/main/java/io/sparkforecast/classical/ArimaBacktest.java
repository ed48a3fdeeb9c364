package io.sparkforecast.classical;

import java.util.Arrays;
import java.util.Optional;

/**
 * ARIMA forecasts of one series from every origin of a rolling-origin backtest, as
 * {@link EtsBacktest} makes ETS's: validation targets by the model chosen and fitted on the train
 * part, test targets by the model chosen and fitted on the train and validation parts (as R's
 * auto.arima fitted on the rows before the test split); the coefficients stay fixed while the
 * errors follow the values up to each origin.
 */
public final class ArimaBacktest {
    private ArimaBacktest() {
    }

    /** Forecasts by origin: {@code fromEachOrigin[t][h - 1]} forecasts value t + h, NaN where no model could be fitted. */
    public record Forecasts(ArimaModel validationModel, ArimaModel testModel, double[][] fromEachOrigin) {
        public double forecast(int origin, int step) {
            return fromEachOrigin[origin][step - 1];
        }
    }

    /**
     * @param values          the series on its grid, NaN where a step is missing
     * @param validationStart the first position of the validation part
     * @param testStart       the first position of the test part
     */
    public static Optional<Forecasts> of(double[] values, int validationStart, int testStart, int horizon, int period) {
        ArimaModel validation = ArimaSelection.select(Arrays.copyOf(values, validationStart), period)
                .map(ArimaSelection.Choice::model).orElse(null);
        ArimaModel test = testStart == validationStart ? validation
                : ArimaSelection.select(Arrays.copyOf(values, testStart), period).map(ArimaSelection.Choice::model)
                        .orElse(validation);
        if (validation == null && test == null) {
            return Optional.empty();
        }
        return Optional.of(new Forecasts(validation, test, EtsBacktest.spliced(
                validation == null ? null : validation.forecastsFromEachOrigin(values, horizon),
                test == null ? null : test.forecastsFromEachOrigin(values, horizon), testStart)));
    }
}
