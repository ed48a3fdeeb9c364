package io.sparkforecast.eval;

/**
 * Baseline forecasts of y[o + h], h = 1, 2, ..., from the history y[0..o] (oldest first), with
 * season length m and k = ceil(h / m) seasons back.
 */
public final class Baselines {
    private Baselines() {
    }

    /** y[o]: the last value, at every horizon. */
    public static double persistence(double[] history) {
        return history[history.length - 1];
    }

    /** y[o + h - k m]: the same step of the last season observed. */
    public static double seasonalNaive(double[] history, int season, int horizon) {
        return history[history.length - 1 + horizon - season * seasonsBack(season, horizon)];
    }

    /**
     * y[o + h - k m] + k (y[o] - y[o - m]): seasonal naive plus the last season-over-season
     * change per season; for h = 1, y[t - m] + y[t - 1] - y[t - 1 - m].
     */
    public static double seasonalNaiveWithDrift(double[] history, int season, int horizon) {
        int o = history.length - 1;
        return seasonalNaive(history, season, horizon) + seasonsBack(season, horizon) * (history[o] - history[o - season]);
    }

    /** Values of history the baselines need for the given season. */
    public static int historyNeeded(int season) {
        return season + 1;
    }

    private static int seasonsBack(int season, int horizon) {
        return (horizon + season - 1) / season;
    }
}
