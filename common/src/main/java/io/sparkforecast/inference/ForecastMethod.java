package io.sparkforecast.inference;

import io.sparkforecast.core.NaiveForecast;
import java.util.List;
import java.util.Locale;

/**
 * What produced a forecast: the model, a naive baseline, ETS, ARIMA, the combination, or (in the
 * metrics table) the published mix. Its code is the metrics table's and the predictions table's
 * {@code method}.
 */
public enum ForecastMethod {
    MODEL(null),
    PERSISTENCE(NaiveForecast.PERSISTENCE),
    SEASONAL_NAIVE(NaiveForecast.SEASONAL_NAIVE),
    SEASONAL_NAIVE_DRIFT(NaiveForecast.SEASONAL_NAIVE_DRIFT),
    /** Exponential smoothing chosen and fitted per series (evaluate.classical). */
    ETS(null),
    /** Seasonal ARIMA chosen and fitted per series (evaluate.classical); measured, not published. */
    ARIMA(null),
    /**
     * The mean of the model's, ETS's and the series' best baseline's forecasts of a target (of the
     * two distinct ones where the model's is the baseline's: {@link ForecastCombination}).
     */
    COMBINED(null),
    /** What score publishes with score.fallback = best_baseline: per series and horizon one of the above. */
    PUBLISHED(null);

    /** The methods the backtest forecasts with from each window; ETS and combined are joined to them. */
    public static final List<ForecastMethod> BACKTESTED = List.of(MODEL, PERSISTENCE, SEASONAL_NAIVE,
            SEASONAL_NAIVE_DRIFT);
    /** The baselines. */
    public static final List<ForecastMethod> BASELINES = List.of(PERSISTENCE, SEASONAL_NAIVE, SEASONAL_NAIVE_DRIFT);

    private final NaiveForecast baseline;

    ForecastMethod(NaiveForecast baseline) {
        this.baseline = baseline;
    }

    /** The method of a code; IllegalArgumentException for an unknown one. */
    public static ForecastMethod of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The naive forecast of a baseline method; null for the others. */
    public NaiveForecast baseline() {
        return baseline;
    }

    /** Whether publishing it needs the series' ETS forecast. */
    public boolean needsEts() {
        return this == ETS || this == COMBINED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
