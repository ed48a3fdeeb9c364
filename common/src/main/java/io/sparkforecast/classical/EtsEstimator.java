package io.sparkforecast.classical;

import io.sparkforecast.classical.EtsModel.EtsState;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits an ETS model of a given form to a series by maximum likelihood, as R's ets() does: the
 * smoothing parameters and the initial states together, by Nelder-Mead (commons-math3) within
 * the usual bounds (0.0001 <= alpha <= 0.9999, 0.0001 <= beta <= alpha, 0.0001 <= gamma <= 1 -
 * alpha, 0.8 <= phi <= 0.98). The simplex moves in an unbounded space that a logistic map takes
 * into these bounds (a simplex that meets a wall of infeasible values stalls there, as on the
 * damped trends of long series). It starts from classical-decomposition estimates of the initial
 * states and a few smoothing parameters, and restarts from its optimum until that no longer
 * improves. One seasonal state is not free: additive seasonal states sum to zero, multiplicative
 * ones to the period.
 */
public final class EtsEstimator {
    private static final double LOWER = 1e-4;
    private static final double UPPER = 0.9999;
    private static final double PHI_LOWER = 0.8;
    private static final double PHI_UPPER = 0.98;
    private static final double INFEASIBLE = 1e100;
    private static final int EVALUATIONS_PER_START = 1000;
    private static final int RESTARTS = 3;

    private EtsEstimator() {
    }

    /**
     * The maximum likelihood model of form {@code spec} for {@code values} (NaN where missing);
     * empty where none is feasible or the values are too few.
     */
    public static Optional<EtsModel> fit(EtsSpec spec, double[] values) {
        long observed = Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
        if (observed < 2 || spec.hasSeason() && values.length < 2 * spec.period()) {
            return Optional.empty();
        }
        Layout layout = new Layout(spec);
        EtsState start = initialStates(spec, values);
        double best = Double.POSITIVE_INFINITY;
        double[] bestPoint = null;
        // A slowly, a moderately and a quickly adapting level; each restarted from its optimum.
        for (double alpha : new double[] {0.1, 0.4, 0.9}) {
            double[] point = layout.pack(alpha, 0.1 * alpha, 0.1 * (1 - alpha), 0.95, start);
            double value = layout.objective(point, values);
            for (int restart = 0; restart < RESTARTS && value < INFEASIBLE; restart++) {
                PointValuePair optimum = minimise(layout, point, values);
                boolean improved = optimum.getValue() < value - 1e-7 * Math.max(1, Math.abs(value));
                point = optimum.getPoint();
                value = optimum.getValue();
                if (!improved) {
                    break;
                }
            }
            if (value < best) {
                best = value;
                bestPoint = point;
            }
        }
        return best < INFEASIBLE ? Optional.of(layout.model(bestPoint)) : Optional.empty();
    }

    /** One Nelder-Mead search; the best point it saw, also when it runs out of evaluations. */
    private static PointValuePair minimise(Layout layout, double[] point, double[] values) {
        double[] best = point.clone();
        double[] bestValue = {layout.objective(point, values)};
        MultivariateFunction objective = coordinates -> {
            double value = layout.objective(coordinates, values);
            if (value < bestValue[0]) {
                bestValue[0] = value;
                System.arraycopy(coordinates, 0, best, 0, best.length);
            }
            return value;
        };
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-10, 1e-12));
        try {
            optimizer.optimize(new MaxEval(EVALUATIONS_PER_START), new ObjectiveFunction(objective), GoalType.MINIMIZE,
                    new InitialGuess(point), new NelderMeadSimplex(layout.steps(point, values)));
        } catch (TooManyEvaluationsException e) {
            // Still moving: the caller restarts from the best point seen.
        }
        return new PointValuePair(best, bestValue[0]);
    }

    /**
     * Initial states from the first seasons: the seasonal states from the deviations of the
     * first two to four seasons from their centred moving average, the level and trend from a
     * straight line through the first ten seasonally adjusted values.
     */
    static EtsState initialStates(EtsSpec spec, double[] series) {
        double[] values = interpolated(series);
        int m = spec.period();
        boolean multiplicative = spec.season() == EtsSpec.Season.MULTIPLICATIVE;
        double[] season = new double[spec.hasSeason() ? m : 0];
        double[] adjusted = values.clone();
        if (spec.hasSeason()) {
            int span = Math.min(values.length, 4 * m);
            double[] sum = new double[m];
            int[] count = new int[m];
            for (int t = m / 2; t + (m + 1) / 2 < span; t++) {
                double average = centredAverage(values, t, m);
                sum[t % m] += multiplicative ? values[t] / average : values[t] - average;
                count[t % m]++;
            }
            double[] index = new double[m];
            double mean = 0;
            for (int p = 0; p < m; p++) {
                index[p] = count[p] == 0 ? (multiplicative ? 1 : 0) : sum[p] / count[p];
                mean += index[p] / m;
            }
            for (int p = 0; p < m; p++) {
                index[p] = multiplicative ? index[p] / mean : index[p] - mean;
                // Newest first: the state that forecasts the first value (its season) is the last.
                season[m - 1 - p] = index[p];
            }
            for (int t = 0; t < values.length; t++) {
                adjusted[t] = multiplicative ? values[t] / index[t % m] : values[t] - index[t % m];
            }
        }
        int k = Math.min(adjusted.length, 10);
        double meanT = (k + 1) / 2.0;
        double meanY = 0;
        for (int t = 0; t < k; t++) {
            meanY += adjusted[t] / k;
        }
        double slope = 0;
        if (spec.hasTrend() && k > 1) {
            double sxy = 0;
            double sxx = 0;
            for (int t = 0; t < k; t++) {
                sxy += (t + 1 - meanT) * (adjusted[t] - meanY);
                sxx += (t + 1 - meanT) * (t + 1 - meanT);
            }
            slope = sxy / sxx;
        }
        double level = spec.hasTrend() ? meanY - slope * meanT : adjusted[0];
        return new EtsState(level, slope, season);
    }

    /** The values with each missing one (NaN) interpolated linearly, or the nearest observed one at the ends. */
    static double[] interpolated(double[] values) {
        double[] filled = values.clone();
        int previous = -1;
        for (int t = 0; t <= filled.length; t++) {
            if (t < filled.length && Double.isNaN(filled[t])) {
                continue;
            }
            for (int gap = previous + 1; gap < t; gap++) {
                filled[gap] = previous < 0 ? values[t] : t == filled.length ? values[previous]
                        : values[previous] + (values[t] - values[previous]) * (gap - previous) / (t - previous);
            }
            previous = t;
        }
        return filled;
    }

    /** The 2 x m centred moving average at t (an m-term average for odd m). */
    private static double centredAverage(double[] values, int t, int m) {
        double sum = 0;
        if (m % 2 == 1) {
            for (int j = -m / 2; j <= m / 2; j++) {
                sum += values[t + j];
            }
            return sum / m;
        }
        for (int j = -m / 2; j <= m / 2; j++) {
            sum += (Math.abs(j) == m / 2 ? 0.5 : 1) * values[t + j];
        }
        return sum / m;
    }

    /** Where each parameter and free initial state sits in the optimiser's vector. */
    private static final class Layout {
        private final EtsSpec spec;
        private final int beta;
        private final int gamma;
        private final int phi;
        private final int level;
        private final int trend;
        private final int season;

        Layout(EtsSpec spec) {
            this.spec = spec;
            int next = 1;
            beta = spec.hasTrend() ? next++ : -1;
            gamma = spec.hasSeason() ? next++ : -1;
            phi = spec.trend() == EtsSpec.Trend.DAMPED ? next++ : -1;
            level = next++;
            trend = spec.hasTrend() ? next++ : -1;
            season = spec.hasSeason() ? next : -1;
        }

        double[] pack(double alpha, double beta0, double gamma0, double phi0, EtsState states) {
            double[] point = new double[spec.smoothingParameters() + spec.freeInitialStates()];
            point[0] = logit(alpha, LOWER, UPPER);
            if (beta >= 0) {
                point[beta] = logit(Math.max(LOWER, beta0), LOWER, alpha);
            }
            if (gamma >= 0) {
                point[gamma] = logit(Math.max(LOWER, gamma0), LOWER, 1 - alpha);
            }
            if (phi >= 0) {
                point[phi] = logit(phi0, PHI_LOWER, PHI_UPPER);
            }
            point[level] = states.level();
            if (trend >= 0) {
                point[trend] = states.trend();
            }
            if (season >= 0) {
                System.arraycopy(states.season(), 0, point, season, spec.period() - 1);
            }
            return point;
        }

        EtsModel model(double[] point) {
            int m = spec.period();
            double[] seasonal = new double[spec.hasSeason() ? m : 0];
            if (season >= 0) {
                double sum = 0;
                for (int j = 0; j < m - 1; j++) {
                    seasonal[j] = point[season + j];
                    sum += seasonal[j];
                }
                seasonal[m - 1] = (spec.season() == EtsSpec.Season.MULTIPLICATIVE ? m : 0) - sum;
            }
            double alpha = logistic(point[0], LOWER, UPPER);
            double phiValue = phi >= 0 ? logistic(point[phi], PHI_LOWER, PHI_UPPER) : spec.hasTrend() ? 1 : 0;
            return new EtsModel(spec, alpha, beta >= 0 ? logistic(point[beta], LOWER, alpha) : 0,
                    gamma >= 0 ? logistic(point[gamma], LOWER, 1 - alpha) : 0, phiValue,
                    new EtsState(point[level], trend >= 0 ? point[trend] : 0, seasonal));
        }

        /** -2 log likelihood (up to a constant) of the model at {@code point}; a large value where infeasible. */
        double objective(double[] point, double[] values) {
            EtsModel model = model(point);
            if (spec.season() == EtsSpec.Season.MULTIPLICATIVE
                    && Arrays.stream(model.initial().season()).anyMatch(s -> s <= 0)) {
                return INFEASIBLE;
            }
            double likelihood = model.filter(values).likelihood();
            return Double.isFinite(likelihood) ? likelihood : INFEASIBLE;
        }

        /** The simplex's first steps: a tenth of each parameter's range, a fraction of the data's scale for states. */
        double[] steps(double[] point, double[] values) {
            double scale = Math.max(spread(values), 1e-8 * Math.max(1, Math.abs(point[level])));
            double[] steps = new double[point.length];
            // On the logistic scale: a step of 1 moves a parameter by up to a quarter of its range.
            steps[0] = 1;
            if (beta >= 0) {
                steps[beta] = 1;
            }
            if (gamma >= 0) {
                steps[gamma] = 1;
            }
            if (phi >= 0) {
                steps[phi] = 1;
            }
            steps[level] = 0.1 * scale;
            if (trend >= 0) {
                steps[trend] = 0.01 * scale;
            }
            for (int j = 0; season >= 0 && j < spec.period() - 1; j++) {
                steps[season + j] = spec.season() == EtsSpec.Season.MULTIPLICATIVE ? 0.02 : 0.1 * scale;
            }
            return steps;
        }

        /** The value in (lower, upper) of an unbounded coordinate. */
        private static double logistic(double x, double lower, double upper) {
            return lower + (upper - lower) / (1 + Math.exp(-x));
        }

        /** The coordinate of a value in (lower, upper): the inverse of {@link #logistic}. */
        private static double logit(double value, double lower, double upper) {
            double share = Math.min(Math.max((value - lower) / (upper - lower), 1e-6), 1 - 1e-6);
            return Math.log(share / (1 - share));
        }

        private static double spread(double[] values) {
            double mean = Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(0);
            return Math.sqrt(Arrays.stream(values).filter(v -> !Double.isNaN(v)).map(v -> (v - mean) * (v - mean))
                    .average().orElse(0));
        }
    }
}
