package io.sparkforecast.classical;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * A fitted seasonal ARIMA model (see {@link ArimaSpec}): its coefficients, the constant (the mean
 * of the differenced series) and the variance of its one-step errors. It filters a series with
 * its coefficients fixed, conditioning on the series' first values as R's conditional sum of
 * squares does, and forecasts from any origin.
 *
 * @param ar         p autoregressive coefficients (w_t = ar_1 w_{t-1} + ...)
 * @param ma         q moving-average coefficients (+ ma_1 e_{t-1} + ...)
 * @param seasonalAr P seasonal autoregressive coefficients, at lags m, 2m, ...
 * @param seasonalMa Q seasonal moving-average coefficients
 * @param constant   the mean of the differenced series (0 without a constant)
 * @param sigma2     the variance of the one-step errors on the values fitted
 */
public record ArimaModel(ArimaSpec spec, double[] ar, double[] ma, double[] seasonalAr, double[] seasonalMa,
                         double constant, double sigma2) implements Serializable {
    /** A root of either polynomial closer to the unit circle than this makes the model unusable (as R's auto.arima). */
    private static final double MINIMUM_ROOT = 1.01;

    /** The model from the estimator's coefficient vector: ar, ma, seasonal ar, seasonal ma, constant. */
    static ArimaModel of(ArimaSpec spec, double[] coefficients, double sigma2) {
        int at = 0;
        double[] ar = Arrays.copyOfRange(coefficients, at, at += spec.p());
        double[] ma = Arrays.copyOfRange(coefficients, at, at += spec.q());
        double[] sar = Arrays.copyOfRange(coefficients, at, at += spec.seasonalP());
        double[] sma = Arrays.copyOfRange(coefficients, at, at += spec.seasonalQ());
        return new ArimaModel(spec, ar, ma, sar, sma, spec.constant() ? coefficients[at] : 0, sigma2);
    }

    /** phi*_k, k = 1..p + P m ({@code [0]} unused): the autoregressive polynomial with its seasonal part multiplied out. */
    double[] arLags() {
        return lags(ar, seasonalAr, -1);
    }

    /** theta*_k, k = 1..q + Q m ({@code [0]} unused). */
    double[] maLags() {
        return lags(ma, seasonalMa, 1);
    }

    /** (1 + sign sum c_i B^i)(1 + sign sum s_j B^{jm}) = 1 + sign sum x_k B^k: the x_k. */
    private double[] lags(double[] plain, double[] seasonal, int sign) {
        int m = spec.period();
        double[] product = new double[plain.length + seasonal.length * m + 1];
        double[] first = new double[plain.length + 1];
        first[0] = 1;
        for (int i = 0; i < plain.length; i++) {
            first[i + 1] = sign * plain[i];
        }
        for (int i = 0; i < first.length; i++) {
            product[i] += first[i];
            for (int j = 0; j < seasonal.length; j++) {
                product[i + (j + 1) * m] += first[i] * sign * seasonal[j];
            }
        }
        for (int k = 1; k < product.length; k++) {
            product[k] *= sign;
        }
        product[0] = 0;
        return product;
    }

    /** Whether every root of both polynomials lies well outside the unit circle (stationary and invertible). */
    public boolean admissible() {
        return rootsOutside(arLags(), -1) && rootsOutside(maLags(), 1);
    }

    /**
     * Whether 1 + sign sum lags_k z^k has all its roots outside the circle of radius MINIMUM_ROOT:
     * whether the eigenvalues of the companion matrix of its reversed polynomial (the roots'
     * reciprocals) lie inside radius 1 / MINIMUM_ROOT.
     */
    private static boolean rootsOutside(double[] lags, int sign) {
        int degree = lags.length - 1;
        while (degree > 0 && lags[degree] == 0) {
            degree--;
        }
        if (degree == 0) {
            return true;
        }
        double[][] companion = new double[degree][degree];
        for (int k = 1; k <= degree; k++) {
            companion[0][k - 1] = -sign * lags[k];
        }
        for (int i = 1; i < degree; i++) {
            companion[i][i - 1] = 1;
        }
        try {
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(companion, false));
            double[] real = eigen.getRealEigenvalues();
            double[] imaginary = eigen.getImagEigenvalues();
            for (int i = 0; i < degree; i++) {
                if (Math.hypot(real[i], imaginary[i]) * MINIMUM_ROOT > 1) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The series differenced: w_t = y_t - sum a_k y_{t-k} for t >= lost (NaN before). */
    double[] differenced(double[] y) {
        double[] a = spec.differencing();
        double[] w = new double[y.length];
        Arrays.fill(w, Double.NaN);
        for (int t = spec.lost(); t < y.length; t++) {
            double value = y[t];
            for (int k = 1; k < a.length; k++) {
                value -= a[k] * y[t - k];
            }
            w[t] = value;
        }
        return w;
    }

    /**
     * The one-step errors of the differenced series from {@link ArimaSpec#conditioned()} on, those
     * before taken as zero (R's conditional sum of squares); zeros before that position.
     */
    double[] residuals(double[] w) {
        double[] phi = arLags();
        double[] theta = maLags();
        int start = spec.conditioned();
        double[] e = new double[w.length];
        for (int t = start; t < w.length; t++) {
            double value = w[t] - constant;
            for (int k = 1; k < phi.length; k++) {
                value -= phi[k] * (w[t - k] - constant);
            }
            for (int k = 1; k < theta.length && t - k >= start; k++) {
                value -= theta[k] * e[t - k];
            }
            e[t] = value;
        }
        return e;
    }

    /**
     * Forecasts of 1..horizon steps from every origin, the coefficients fixed and the errors
     * following the values up to the origin: {@code [t][h - 1]} forecasts value t + h (also past
     * the series' end); NaN from origins before the model's conditioning values.
     *
     * @param values the series on its grid, NaN where missing (interpolated here)
     */
    public double[][] forecastsFromEachOrigin(double[] values, int horizon) {
        double[] y = EtsEstimator.interpolated(values);
        int n = y.length;
        double[] w = differenced(y);
        double[] e = residuals(w);
        double[] a = spec.differencing();
        double[] phi = arLags();
        double[] theta = maLags();
        int start = spec.conditioned();
        double[][] forecasts = new double[n][horizon];
        double[] yAhead = new double[horizon];
        double[] wAhead = new double[horizon];
        for (int t = 0; t < n; t++) {
            if (t + 1 < start) {
                Arrays.fill(forecasts[t], Double.NaN);
                continue;
            }
            for (int h = 1; h <= horizon; h++) {
                int s = t + h;
                double wHat = constant;
                for (int k = 1; k < phi.length; k++) {
                    int j = s - k;
                    wHat += phi[k] * ((j <= t ? w[j] : wAhead[j - t - 1]) - constant);
                }
                for (int k = h; k < theta.length; k++) {
                    int j = s - k;
                    if (j >= start) {
                        wHat += theta[k] * e[j];
                    }
                }
                double yHat = wHat;
                for (int k = 1; k < a.length; k++) {
                    int j = s - k;
                    yHat += a[k] * (j <= t ? y[j] : yAhead[j - t - 1]);
                }
                wAhead[h - 1] = wHat;
                yAhead[h - 1] = yHat;
                forecasts[t][h - 1] = yHat;
            }
        }
        return forecasts;
    }
}
