package io.sparkforecast.classical;

import io.sparkforecast.classical.EtsModel.EtsState;
import java.util.Arrays;
import java.util.Optional;

/**
 * Fits an ETS model of a given form to a series by maximum likelihood as R's ets() fits it (forecast
 * 8.x, the defaults), so that both reach the same model: the smoothing parameters and the initial
 * states together, by R's Nelder-Mead search ({@link NelderMead}, at most 2,000 evaluations,
 * relative tolerance 1.5e-8), from R's start (alpha a fifth of its range over the period, beta a
 * tenth of alpha, gamma a twentieth of 1 - alpha, phi 0.978; the states of
 * {@link EtsInitialStates}), with a point outside {@link EtsBounds} counting as infeasible. The
 * search stops short of the exact optimum on some series (a thorough multi-start search reached
 * lower AICc on nottem and wineind, and forecast their test parts 7% worse); reaching R's model,
 * the one statisticians compare with, is the aim. One seasonal state is not free: additive
 * seasonal states sum to zero, multiplicative ones to the period.
 */
public final class EtsEstimator {
    private static final int MAX_EVALUATIONS = 2000;
    private static final double RELATIVE_TOLERANCE = Math.sqrt(Math.ulp(1.0));
    /** R's floor on the likelihood: a perfect fit would otherwise reach minus infinity. */
    private static final double LIKELIHOOD_FLOOR = -1e10;

    private EtsEstimator() {
    }

    /**
     * The model of form {@code spec} for {@code values} (NaN where missing); empty where the start
     * is infeasible or the values are too few for the form's parameters and states.
     */
    public static Optional<EtsModel> fit(EtsSpec spec, double[] values) {
        long observed = Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
        int parameters = spec.smoothingParameters() + spec.freeInitialStates();
        if (observed < 2 || spec.hasSeason() && values.length < 2 * spec.period() || parameters >= values.length - 1) {
            return Optional.empty();
        }
        Layout layout = new Layout(spec);
        double[] start = layout.start(EtsInitialStates.of(spec, values));
        try {
            NelderMead.Result result = NelderMead.minimise(point -> layout.objective(point, values), start,
                    RELATIVE_TOLERANCE, MAX_EVALUATIONS);
            return Optional.of(layout.model(result.point()));
        } catch (IllegalArgumentException infeasibleStart) {
            return Optional.empty();
        }
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

    /** Where each parameter and free initial state sits in the search's vector, as in R's: alpha, beta, gamma, phi, level, trend, seasons. */
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

        /** R's start: the smoothing parameters of forecast's initparam and the given states. */
        double[] start(EtsState states) {
            double[] point = new double[spec.smoothingParameters() + spec.freeInitialStates()];
            double alpha = EtsBounds.LOWER + 0.2 * (EtsBounds.UPPER - EtsBounds.LOWER) / spec.period();
            point[0] = alpha;
            if (beta >= 0) {
                point[beta] = EtsBounds.LOWER + 0.1 * (Math.min(EtsBounds.UPPER, alpha) - EtsBounds.LOWER);
            }
            if (gamma >= 0) {
                point[gamma] = EtsBounds.LOWER + 0.05 * (Math.min(EtsBounds.UPPER, 1 - alpha) - EtsBounds.LOWER);
            }
            if (phi >= 0) {
                point[phi] = EtsBounds.PHI_LOWER + 0.99 * (EtsBounds.PHI_UPPER - EtsBounds.PHI_LOWER);
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
            double phiValue = phi >= 0 ? point[phi] : spec.hasTrend() ? 1 : 0;
            return new EtsModel(spec, point[0], beta >= 0 ? point[beta] : 0, gamma >= 0 ? point[gamma] : 0, phiValue,
                    new EtsState(point[level], trend >= 0 ? point[trend] : 0, seasonal));
        }

        /** -2 log likelihood (up to a constant) of the model at {@code point}; infinite where R's ets() rejects it. */
        double objective(double[] point, double[] values) {
            double phiValue = phi >= 0 ? point[phi] : 1;
            if (!EtsBounds.accept(spec, point[0], beta >= 0 ? point[beta] : 0, gamma >= 0 ? point[gamma] : 0,
                    phiValue)) {
                return Double.POSITIVE_INFINITY;
            }
            EtsModel model = model(point);
            if (spec.season() == EtsSpec.Season.MULTIPLICATIVE
                    && Arrays.stream(model.initial().season()).anyMatch(s -> s < 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double likelihood = model.filter(values).likelihood();
            return Double.isNaN(likelihood) ? Double.POSITIVE_INFINITY : Math.max(likelihood, LIKELIHOOD_FLOOR);
        }
    }
}
