package io.sparkforecast.classical;

import io.sparkforecast.classical.EtsModel.EtsState;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Where R's ets() starts its search for a model's initial states (forecast's initstate): the
 * seasonal states from a classical decomposition of the whole series (a trend line and one
 * sinusoid where it holds fewer than three seasons), the level and trend from a straight line
 * through the first max(10, 2 x period) seasonally adjusted values. The search starts from here,
 * so a different start ends at a different model.
 */
final class EtsInitialStates {
    private EtsInitialStates() {
    }

    /** The start for form {@code spec} on {@code series} (NaN where missing, interpolated here). */
    static EtsState of(EtsSpec spec, double[] series) {
        double[] values = EtsEstimator.interpolated(series);
        int n = values.length;
        int m = spec.hasSeason() ? spec.period() : 1;
        boolean multiplicative = spec.season() == EtsSpec.Season.MULTIPLICATIVE;
        double[] season = new double[spec.hasSeason() ? m : 0];
        double[] adjusted = values;
        if (spec.hasSeason()) {
            double[] seasonal = n < 3 * m ? detrended(values, m, multiplicative) : decomposed(values, m, multiplicative);
            // Newest first: the state that forecasts the first value (its season) is the last.
            double sum = 0;
            for (int k = 0; k < m - 1; k++) {
                season[k] = multiplicative ? Math.max(seasonal[m - 1 - k], 0.01) : seasonal[m - 1 - k];
                sum += season[k];
            }
            if (multiplicative && sum > m) {
                double scale = 0;
                for (int k = 0; k < m - 1; k++) {
                    scale += season[k] + 0.01;
                }
                for (int k = 0; k < m - 1; k++) {
                    season[k] /= scale;
                }
            }
            season[m - 1] = (multiplicative ? m : 0) - sumOf(season, m - 1);
            adjusted = new double[n];
            for (int t = 0; t < n; t++) {
                adjusted[t] = multiplicative ? values[t] / Math.max(seasonal[t], 0.01) : values[t] - seasonal[t];
            }
        }
        int first = Math.min(Math.max(10, 2 * m), n);
        if (!spec.hasTrend()) {
            return new EtsState(sumOf(adjusted, first) / first, 0, season);
        }
        double[] line = line(adjusted, first);
        double level = line[0];
        double slope = line[1];
        if (Math.abs(level + slope) < 1e-8) {
            // A multiplicative error cannot start from a forecast of zero.
            level *= 1 + 1e-3;
            slope *= 1 - 1e-3;
        }
        return new EtsState(level, slope, season);
    }

    /**
     * The seasonal component of R's decompose(): the series less (or over) its centred moving
     * average, averaged by position in the season (from the first value), centred on 0 (or 1).
     */
    static double[] decomposed(double[] values, int m, boolean multiplicative) {
        int n = values.length;
        int width = m % 2 == 0 ? m + 1 : m;
        int shift = width / 2;
        double[] weights = new double[width];
        for (int j = 0; j < width; j++) {
            weights[j] = m % 2 == 0 && (j == 0 || j == width - 1) ? 0.5 / m : 1.0 / m;
        }
        double[] figure = new double[m];
        for (int p = 0; p < m; p++) {
            double sum = 0;
            int count = 0;
            for (int t = p; t < n; t += m) {
                if (t - shift < 0 || t + shift >= n) {
                    continue;
                }
                double trend = 0;
                for (int j = 0; j < width; j++) {
                    trend += weights[j] * values[t + shift - j];
                }
                sum += multiplicative ? values[t] / trend : values[t] - trend;
                count++;
            }
            figure[p] = sum / count;
        }
        double mean = sumOf(figure, m) / m;
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            seasonal[t] = multiplicative ? figure[t % m] / mean : figure[t % m] - mean;
        }
        return seasonal;
    }

    /** The series less (or over) a trend line fitted together with one sinusoid of period m (R's tslm(y ~ trend + fourier(y, 1))). */
    static double[] detrended(double[] values, int m, boolean multiplicative) {
        int n = values.length;
        int columns = m == 2 ? 2 : 3;
        double[][] x = new double[n][columns];
        for (int t = 0; t < n; t++) {
            double angle = 2 * Math.PI * (t + 1) / m;
            x[t][0] = t + 1;
            x[t][columns - 1] = Math.cos(angle);
            if (columns == 3) {
                x[t][1] = Math.sin(angle);
            }
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.newSampleData(values.clone(), x);
        double[] beta = regression.estimateRegressionParameters();
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            double trend = beta[0] + beta[1] * (t + 1);
            seasonal[t] = multiplicative ? values[t] / trend : values[t] - trend;
        }
        return seasonal;
    }

    /** Intercept (at t = 0) and slope of the least squares line through the first {@code count} values at t = 1, 2, ... */
    private static double[] line(double[] values, int count) {
        double meanT = (count + 1) / 2.0;
        double meanY = sumOf(values, count) / count;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < count; t++) {
            sxy += (t + 1 - meanT) * (values[t] - meanY);
            sxx += (t + 1 - meanT) * (t + 1 - meanT);
        }
        double slope = count > 1 ? sxy / sxx : 0;
        return new double[] {meanY - slope * meanT, slope};
    }

    private static double sumOf(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum;
    }
}
