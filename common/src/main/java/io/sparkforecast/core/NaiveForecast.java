package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Naive forecasts of y[o + h], h = 1, 2, ..., from the history y[0..o] (oldest first), with
 * season length m and k = ceil(h / m) seasons back. The first three are the baselines evaluate
 * compares the model with; any of them can be the forecast a residual network corrects
 * (transform.baseline), the seasonal combination and the drift only that.
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
    SEASONAL_NAIVE_DRIFT,
    /**
     * The mean of four seasonal rules, the last two averaged over every season the history holds:
     * seasonal naive; seasonal naive with drift; the same step of each past season j >= k plus
     * j times the mean season-over-season change of the history; the last value plus the mean
     * change from y[o - j m] to y[o + h - j m] over those seasons. Each rule alone is noisy on a
     * short, noisy season (one past value, one change); their mean damps it (on the four
     * accuracy-benchmark tables where prepare chose it, it alone beat the best of the simple
     * baselines by 7-15%). Its value depends on the history's length: callers pass the same
     * window in training and forecasting.
     */
    SEASONAL_COMBINATION,
    /**
     * y[o] + h (y[o] - y[0]) / o: the last value plus the history's mean change per step (a random
     * walk with drift, R's {@code rwf(drift = TRUE)} over the history given). On trending series
     * without a season (output, prices, money) it follows the trend that persistence lags behind.
     * Its value depends on the history's length: callers pass the same window in training and
     * forecasting.
     */
    DRIFT;

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
            case SEASONAL_COMBINATION -> seasonalCombination(history, season, horizon);
            case DRIFT -> o == 0 ? history[o] : history[o] + horizon * (history[o] - history[0]) / o;
        };
    }

    private static double seasonalCombination(double[] y, int m, int h) {
        int o = y.length - 1;
        int first = seasonsBack(m, h);
        double naive = y[o + h - first * m];
        double drift = naive + first * (y[o] - y[o - m]);
        double change = 0;
        for (int t = m; t <= o; t++) {
            change += y[t] - y[t - m];
        }
        change /= o - m + 1;
        double pastSeasons = 0;
        int seasons = 0;
        for (int k = first; o + h - k * m >= 0; k++) {
            pastSeasons += y[o + h - k * m] + k * change;
            seasons++;
        }
        double stepChanges = 0;
        int steps = 0;
        for (int k = first; o - k * m >= 0; k++) {
            stepChanges += y[o + h - k * m] - y[o - k * m];
            steps++;
        }
        // Beyond the first season (h > m) a short history may hold no such change: drift stands in.
        double lastPlusChange = steps == 0 ? drift : y[o] + stepChanges / steps;
        return (naive + drift + pastSeasons / seasons + lastPlusChange) / 4;
    }

    /** Values of history every naive forecast needs for the given season. */
    public static int historyNeeded(int season) {
        return season + 1;
    }

    /** Values of history this naive forecast needs for the given season. */
    public int historyLength(int season) {
        return switch (this) {
            case PERSISTENCE -> 1;
            case DRIFT -> 2;
            case SEASONAL_NAIVE -> season;
            case SEASONAL_NAIVE_DRIFT, SEASONAL_COMBINATION -> season + 1;
        };
    }

    /** Whole seasons a seasonal forecast {@code horizon} steps ahead reaches back: ceil(horizon / season). */
    public static int seasonsBack(int season, int horizon) {
        return (horizon + season - 1) / season;
    }
}
