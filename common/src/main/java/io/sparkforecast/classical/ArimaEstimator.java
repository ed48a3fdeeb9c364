package io.sparkforecast.classical;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits an ARIMA model of a given form by conditional sum of squares, as R's arima(method = "CSS")
 * does: the coefficients and the constant that minimise the squared one-step errors of the
 * differenced series after its first p + P m values (errors before them taken as zero), here by
 * Levenberg-Marquardt (commons-math3) from zero coefficients and the differenced series' mean.
 */
public final class ArimaEstimator {
    private static final int EVALUATIONS = 500;
    /** Relative step of the numerical derivatives. */
    private static final double STEP = 1e-6;

    private ArimaEstimator() {
    }

    /** The fitted model of form {@code spec} for {@code values} (NaN where missing); empty where too few remain. */
    public static Optional<ArimaModel> fit(ArimaSpec spec, double[] values) {
        double[] y = EtsEstimator.interpolated(values);
        int errors = y.length - spec.conditioned();
        if (Arrays.stream(values).allMatch(Double::isNaN) || errors < spec.coefficients() + 2) {
            return Optional.empty();
        }
        ArimaModel shape = ArimaModel.of(spec, new double[spec.coefficients()], 0);
        double[] w = shape.differenced(y);
        double[] start = new double[spec.coefficients()];
        if (spec.constant()) {
            start[start.length - 1] = Arrays.stream(w, spec.lost(), w.length).average().orElse(0);
        }
        if (start.length == 0) {
            return Optional.of(ArimaModel.of(spec, start, variance(shape.residuals(w), spec, y.length)));
        }
        // The best point seen: where the search runs out of evaluations (AR and MA terms that
        // nearly cancel leave a flat valley) or takes a singular step, it is the estimate, as
        // optim's last point is R's.
        double[] best = start.clone();
        double[] bestSum = {sumOfSquares(errors(spec, start, w))};
        MultivariateJacobianFunction model = point -> {
            double[] at = point.toArray();
            double[] value = errors(spec, at, w);
            double sum = sumOfSquares(value);
            if (sum < bestSum[0]) {
                bestSum[0] = sum;
                System.arraycopy(at, 0, best, 0, best.length);
            }
            double[][] jacobian = new double[value.length][at.length];
            for (int j = 0; j < at.length; j++) {
                double step = STEP * Math.max(1, Math.abs(at[j]));
                double[] moved = at.clone();
                moved[j] += step;
                double[] ahead = errors(spec, moved, w);
                moved[j] = at[j] - step;
                double[] behind = errors(spec, moved, w);
                for (int i = 0; i < value.length; i++) {
                    jacobian[i][j] = (ahead[i] - behind[i]) / (2 * step);
                }
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
        };
        double[] coefficients;
        try {
            coefficients = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start).model(model).target(new double[errors]).maxEvaluations(EVALUATIONS)
                    .maxIterations(EVALUATIONS).build()).getPoint().toArray();
        } catch (RuntimeException e) {
            // Out of evaluations or a singular step: the best point seen.
            coefficients = best;
        }
        if (!Arrays.stream(coefficients).allMatch(Double::isFinite)) {
            return Optional.empty();
        }
        ArimaModel fitted = ArimaModel.of(spec, coefficients, 0);
        return Optional.of(ArimaModel.of(spec, coefficients, variance(fitted.residuals(w), spec, y.length)));
    }

    private static double sumOfSquares(double[] errors) {
        double sum = 0;
        for (double e : errors) {
            sum += e * e;
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }

    /** The one-step errors from the conditioning values on, for the coefficient vector. */
    private static double[] errors(ArimaSpec spec, double[] coefficients, double[] w) {
        double[] e = ArimaModel.of(spec, coefficients, 0).residuals(w);
        return Arrays.copyOfRange(e, spec.conditioned(), e.length);
    }

    /**
     * The error variance as R's forecast package states it: the sum of squares over the values
     * left after differencing less the coefficients estimated.
     */
    private static double variance(double[] e, ArimaSpec spec, int length) {
        double sum = 0;
        for (int t = spec.conditioned(); t < e.length; t++) {
            sum += e[t] * e[t];
        }
        return sum / (length - spec.lost() - spec.coefficients());
    }
}
