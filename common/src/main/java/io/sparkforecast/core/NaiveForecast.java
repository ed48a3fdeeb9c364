package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Naive forecasts of y[o + h], h = 1, 2, ..., from the history y[0..o] (oldest first), with
 * season length m and k = ceil(h / m) seasons back. They are the baselines evaluate compares
 * the model with, and the forecast a residual network corrects (transform.baseline).
 */
public enum NaiveForecast {
    /** y[o]: the last value, at every horizon. */
    PERSISTENCE,
    /** y[o + h - k m]: the same step of the last season observed. */
    SEASONAL_NAIVE,
    /**
     * y[o + h - k m] + k (y[o] - y[o - m]): seasonal naive plus the last season-over-season
     * change per season; for h = 1, y[t - m] + y[t - 1] - y[t - 1 - m].
     */
    SEASONAL_NAIVE_DRIFT;

    @JsonCreator
    public static NaiveForecast of(String code) {
        return Arrays.stream(values()).filter(method -> method.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown naive forecast '" + code + "'"));
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The forecast of the value {@code horizon} steps after the history's last. */
    public double forecast(double[] history, int season, int horizon) {
        int o = history.length - 1;
        return switch (this) {
            case PERSISTENCE -> history[o];
            case SEASONAL_NAIVE -> history[o + horizon - season * seasonsBack(season, horizon)];
            case SEASONAL_NAIVE_DRIFT -> history[o + horizon - season * seasonsBack(season, horizon)]
                    + seasonsBack(season, horizon) * (history[o] - history[o - season]);
        };
    }

    /** Values of history every naive forecast needs for the given season. */
    public static int historyNeeded(int season) {
        return season + 1;
    }

    /** Values of history this naive forecast needs for the given season. */
    public int historyLength(int season) {
        return switch (this) {
            case PERSISTENCE -> 1;
            case SEASONAL_NAIVE -> season;
            case SEASONAL_NAIVE_DRIFT -> season + 1;
        };
    }

    /** Whole seasons a seasonal forecast {@code horizon} steps ahead reaches back: ceil(horizon / season). */
    public static int seasonsBack(int season, int horizon) {
        return (horizon + season - 1) / season;
    }
}
