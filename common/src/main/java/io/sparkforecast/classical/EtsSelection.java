package io.sparkforecast.classical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a series' ETS model as R's ets() does by default: every admissible form fitted by
 * maximum likelihood, the one with the lowest AICc kept. The forms: additive or multiplicative
 * error, no trend, an additive or a damped trend, and no, an additive or a multiplicative season
 * of the given period (where the period is 2 to 24 steps and the series holds two seasons);
 * multiplicative parts only for positive series, and no multiplicative season with an additive
 * error (its variance is unstable: R's restrict = TRUE).
 */
public final class EtsSelection {
    /** R's ets() leaves out seasons longer than this. */
    public static final int LONGEST_SEASON = 24;

    private EtsSelection() {
    }

    /** A fitted model and its AICc on the values it was fitted on. */
    public record Choice(EtsModel model, double aicc) {
    }

    /** The forms fitted for a series of these values with this season length. */
    public static List<EtsSpec> candidates(double[] values, int period) {
        boolean positive = Arrays.stream(values).allMatch(v -> Double.isNaN(v) || v > 0);
        long observed = Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
        boolean seasonal = period >= 2 && period <= LONGEST_SEASON && values.length >= 2 * period
                && observed >= 2 * period;
        List<EtsSpec> forms = new ArrayList<>();
        for (EtsSpec.Error error : EtsSpec.Error.values()) {
            for (EtsSpec.Trend trend : EtsSpec.Trend.values()) {
                for (EtsSpec.Season season : EtsSpec.Season.values()) {
                    boolean multiplicative = error == EtsSpec.Error.MULTIPLICATIVE
                            || season == EtsSpec.Season.MULTIPLICATIVE;
                    if (season != EtsSpec.Season.NONE && !seasonal
                            || multiplicative && !positive
                            || error == EtsSpec.Error.ADDITIVE && season == EtsSpec.Season.MULTIPLICATIVE) {
                        continue;
                    }
                    EtsSpec spec = new EtsSpec(error, trend, season, seasonal ? period : 1);
                    if (spec.estimatedParameters() + 1 < observed) {
                        forms.add(spec);
                    }
                }
            }
        }
        return forms;
    }

    /** The lowest-AICc model of {@link #candidates} (values NaN where missing); empty where no form could be fitted. */
    public static Optional<Choice> select(double[] values, int period) {
        return candidates(values, period).stream()
                .map(spec -> EtsEstimator.fit(spec, values))
                .flatMap(Optional::stream)
                .map(model -> new Choice(model, model.aicc(values)))
                .filter(choice -> Double.isFinite(choice.aicc()))
                .min(Comparator.comparingDouble(Choice::aicc));
    }
}
