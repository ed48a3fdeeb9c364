package io.sparkforecast.classical;

import java.util.Arrays;

/**
 * How often a series is differenced before an ARMA model is fitted, decided as R's auto.arima
 * decides it: one seasonal difference where the season is strong (seasonal strength above 0.64,
 * R's nsdiffs), then as many plain differences (at most two) as a KPSS test at 5% asks for (R's
 * ndiffs). The seasonal strength comes from a classical decomposition (a centred moving average
 * for the trend), where R's nsdiffs uses STL: both measure how much of the detrended variance the
 * season explains.
 */
public final class Differencing {
    /** nsdiffs' threshold on the seasonal strength. */
    static final double STRONG_SEASON = 0.64;
    /** The KPSS level-stationarity statistic's 5% critical value (Kwiatkowski et al. 1992, as urca's). */
    static final double KPSS_CRITICAL = 0.463;
    private static final int MAX_DIFFERENCES = 2;
    /** Seasons on either side whose values of a phase make its local season (STL's seasonal window, 11 in R's mstl). */
    private static final int SEASONS_AROUND = 5;

    private Differencing() {
    }

    /** 1 where the series has a strong season of {@code period} steps (and more than two seasons of values), else 0. */
    public static int seasonalDifferences(double[] x, int period) {
        if (period <= 1 || x.length <= 2 * period || constant(x)) {
            return 0;
        }
        return seasonalStrength(x, period) > STRONG_SEASON ? 1 : 0;
    }

    /** Plain differences (0..2) after which a KPSS test no longer rejects level stationarity at 5%. */
    public static int differences(double[] x) {
        double[] current = x;
        int d = 0;
        if (constant(current)) {
            return 0;
        }
        while (d < MAX_DIFFERENCES && current.length > 2 && kpss(current) > KPSS_CRITICAL) {
            current = difference(current, 1);
            d++;
            if (constant(current)) {
                return d;
            }
        }
        return d;
    }

    /**
     * The KPSS statistic for level stationarity: the sum of the squared partial sums of the
     * deviations from the mean, over n squared times their long-run variance (Bartlett weights,
     * trunc(3 sqrt(n) / 13) lags, as R's ndiffs asks urca for).
     */
    static double kpss(double[] x) {
        int n = x.length;
        double mean = Arrays.stream(x).average().orElse(0);
        double[] e = new double[n];
        double partial = 0;
        double partialSquares = 0;
        double variance = 0;
        for (int t = 0; t < n; t++) {
            e[t] = x[t] - mean;
            partial += e[t];
            partialSquares += partial * partial;
            variance += e[t] * e[t];
        }
        int lags = (int) (3 * Math.sqrt(n) / 13);
        for (int s = 1; s <= lags; s++) {
            double covariance = 0;
            for (int t = s; t < n; t++) {
                covariance += e[t] * e[t - s];
            }
            variance += 2 * (1 - s / (lags + 1.0)) * covariance;
        }
        variance /= n;
        return partialSquares / ((double) n * n * variance);
    }

    /**
     * How much of the detrended series' variance its season explains: 1 - var(remainder) /
     * var(season + remainder), within 0..1, from an additive classical decomposition.
     */
    static double seasonalStrength(double[] x, int period) {
        int n = x.length;
        int half = period / 2;
        double[] detrended = new double[n];
        Arrays.fill(detrended, Double.NaN);
        for (int t = half; t + half < n; t++) {
            detrended[t] = x[t] - centredAverage(x, t, period);
        }
        // The season of each value: the mean detrended value of its phase in the seasons around it
        // (SEASONS_AROUND on either side), so that a season whose amplitude grows stays a season.
        double[] remainder = new double[n];
        double[] seasonalAndRemainder = new double[n];
        int used = 0;
        for (int t = 0; t < n; t++) {
            if (Double.isNaN(detrended[t])) {
                continue;
            }
            double sum = 0;
            int count = 0;
            for (int s = t - SEASONS_AROUND * period; s <= t + SEASONS_AROUND * period; s += period) {
                if (s >= 0 && s < n && !Double.isNaN(detrended[s])) {
                    sum += detrended[s];
                    count++;
                }
            }
            remainder[used] = detrended[t] - sum / count;
            seasonalAndRemainder[used++] = detrended[t];
        }
        double total = variance(seasonalAndRemainder, used);
        return total == 0 ? 0 : Math.max(0, Math.min(1, 1 - variance(remainder, used) / total));
    }

    /** The 2 x m centred moving average at t (an m-term average for odd m). */
    private static double centredAverage(double[] x, int t, int m) {
        double sum = 0;
        for (int j = -m / 2; j <= m / 2; j++) {
            sum += (m % 2 == 0 && Math.abs(j) == m / 2 ? 0.5 : 1) * x[t + j];
        }
        return sum / m;
    }

    private static double variance(double[] values, int count) {
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += values[i] / count;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (values[i] - mean) * (values[i] - mean);
        }
        return count > 1 ? sum / (count - 1) : 0;
    }

    /** x_t - x_{t - lag}. */
    static double[] difference(double[] x, int lag) {
        double[] out = new double[Math.max(0, x.length - lag)];
        for (int t = lag; t < x.length; t++) {
            out[t - lag] = x[t] - x[t - lag];
        }
        return out;
    }

    private static boolean constant(double[] x) {
        return Arrays.stream(x).allMatch(v -> v == x[0]);
    }
}
