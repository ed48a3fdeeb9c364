package io.sparkforecast.eval;

/**
 * One-step-ahead baseline forecasts of y[t] from the history y[0..t-1] (oldest first).
 */
public final class Baselines {
    private Baselines() {
    }

    /** y[t-1]: the last value. */
    public static double persistence(double[] history) {
        return history[history.length - 1];
    }

    /** y[t-m]: the value one season ago. */
    public static double seasonalNaive(double[] history, int season) {
        return history[history.length - season];
    }

    /** y[t-m] + (y[t-1] - y[t-1-m]): last season's value plus this season's change. */
    public static double seasonalNaiveWithDrift(double[] history, int season) {
        int t = history.length;
        return history[t - season] + history[t - 1] - history[t - 1 - season];
    }

    /** Values of history a baseline needs for the given season. */
    public static int historyNeeded(int season) {
        return season + 1;
    }
}
