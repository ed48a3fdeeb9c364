package io.sparkforecast.eval;

import java.util.Locale;

/** What produced a forecast in the metrics table: the model or a baseline. */
public enum ForecastMethod {
    MODEL,
    PERSISTENCE,
    SEASONAL_NAIVE,
    SEASONAL_NAIVE_DRIFT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
