package io.sparkforecast.eval;

import io.sparkforecast.core.NaiveForecast;
import java.util.List;
import java.util.Locale;

/** What produced a forecast in the metrics table: the model, a baseline, a classical method or the published mix. */
public enum ForecastMethod {
    MODEL(null),
    PERSISTENCE(NaiveForecast.PERSISTENCE),
    SEASONAL_NAIVE(NaiveForecast.SEASONAL_NAIVE),
    SEASONAL_NAIVE_DRIFT(NaiveForecast.SEASONAL_NAIVE_DRIFT),
    /** Exponential smoothing chosen and fitted per series (evaluate.classical: EtsForecasts). */
    ETS(null),
    /** What score publishes with score.fallback = best_baseline: per series the model or a baseline. */
    PUBLISHED(null);

    /** The methods the backtest forecasts with; published is made of their forecasts. */
    public static final List<ForecastMethod> BACKTESTED = List.of(MODEL, PERSISTENCE, SEASONAL_NAIVE,
            SEASONAL_NAIVE_DRIFT);
    /** The baselines. */
    public static final List<ForecastMethod> BASELINES = List.of(PERSISTENCE, SEASONAL_NAIVE, SEASONAL_NAIVE_DRIFT);

    private final NaiveForecast baseline;

    ForecastMethod(NaiveForecast baseline) {
        this.baseline = baseline;
    }

    /** The naive forecast of a baseline method; null for the model, ets and published. */
    public NaiveForecast baseline() {
        return baseline;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
