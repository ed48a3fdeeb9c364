package io.sparkforecast.classical;

import java.util.Arrays;
import java.util.Optional;

/**
 * ETS forecasts of one series from every origin of a rolling-origin backtest, each made only from
 * what was known before its target's part of the series: targets in the validation part are
 * forecast by the model chosen (by AICc) and fitted on the train part, targets in the test part
 * by the model chosen and fitted on the train and validation parts, as R's ets() fitted on the
 * rows before the test split chooses it, so that the test part measures what score publishes (score
 * fits this form again on the series up to the run date). Keeping the train part's form costs half
 * as much and forecast the benchmark's test parts about as well (regime_panel 16% worse, usmacro
 * 2% better, the rest within 1%). At every origin the model's states have followed the values up to
 * it; its parameters stay fixed.
 */
public final class EtsBacktest {
    private EtsBacktest() {
    }

    /** Forecasts by origin: {@code fromEachOrigin[t][h - 1]} forecasts value t + h, NaN where no model could be fitted. */
    public record Forecasts(EtsModel validationModel, EtsModel testModel, double[][] fromEachOrigin) {
        public double forecast(int origin, int step) {
            return fromEachOrigin[origin][step - 1];
        }
    }

    /**
     * @param values the series on its grid, NaN where a step is missing
     * @param validationStart the first position of the validation part
     * @param testStart the first position of the test part
     */
    public static Optional<Forecasts> of(double[] values, int validationStart, int testStart, int horizon, int period) {
        EtsModel validation = EtsSelection.select(Arrays.copyOf(values, validationStart), period)
                .map(EtsSelection.Choice::model).orElse(null);
        EtsModel test = testStart == validationStart ? validation
                : EtsSelection.select(Arrays.copyOf(values, testStart), period).map(EtsSelection.Choice::model)
                        .orElse(validation);
        if (validation == null && test == null) {
            return Optional.empty();
        }
        return Optional.of(new Forecasts(validation, test, spliced(
                validation == null ? null : validation.forecastsFromEachOrigin(values, horizon),
                test == null ? null : test.forecastsFromEachOrigin(values, horizon), testStart)));
    }

    /**
     * Forecasts by origin from two models' ({@code [t][h - 1]}, null for a model that could not be
     * fitted): a target before the test part from the validation model's, the others from the
     * test model's; NaN where the model is missing.
     */
    static double[][] spliced(double[][] fromValidationModel, double[][] fromTestModel, int testStart) {
        double[][] any = fromValidationModel != null ? fromValidationModel : fromTestModel;
        int horizon = any.length == 0 ? 0 : any[0].length;
        double[][] forecasts = new double[any.length][horizon];
        for (int t = 0; t < any.length; t++) {
            for (int h = 1; h <= horizon; h++) {
                double[][] source = t + h < testStart ? fromValidationModel : fromTestModel;
                forecasts[t][h - 1] = source == null ? Double.NaN : source[t][h - 1];
            }
        }
        return forecasts;
    }
}
