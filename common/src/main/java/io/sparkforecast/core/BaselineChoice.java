package io.sparkforecast.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * transform.baseline: the naive forecast a forecasting network corrects (its targets are the
 * residuals of that forecast in window units). auto lets prepare choose the naive forecast with
 * the lowest one-step error before the test part of the series; none makes the network forecast
 * the values themselves.
 */
public enum BaselineChoice {
    AUTO(null),
    NONE(null),
    PERSISTENCE(NaiveForecast.PERSISTENCE),
    SEASONAL_NAIVE(NaiveForecast.SEASONAL_NAIVE),
    SEASONAL_NAIVE_DRIFT(NaiveForecast.SEASONAL_NAIVE_DRIFT),
    SEASONAL_COMBINATION(NaiveForecast.SEASONAL_COMBINATION),
    DRIFT(NaiveForecast.DRIFT);

    private final NaiveForecast fixed;

    BaselineChoice(NaiveForecast fixed) {
        this.fixed = fixed;
    }

    public static BaselineChoice of(String code) {
        return Arrays.stream(values()).filter(choice -> choice.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown baseline '" + code + "'"));
    }

    /** The naive forecast this choice names; null for auto and none. */
    public NaiveForecast fixed() {
        return fixed;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
