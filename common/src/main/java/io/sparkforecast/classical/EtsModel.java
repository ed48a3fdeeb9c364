package io.sparkforecast.classical;

import java.util.Arrays;

/**
 * An ETS model with its parameters and initial states: the recursions of Hyndman et al. (2008)
 * written in terms of the raw one-step error y - forecast, in which form the additive- and
 * multiplicative-error models of one shape share their point forecasts (they differ in the
 * likelihood only). Seasonal states are ordered newest first, as R's ets() prints them, so the
 * state that forecasts the next step is the last.
 *
 * @param alpha level smoothing
 * @param beta trend smoothing (0 without a trend)
 * @param gamma season smoothing (0 without a season)
 * @param phi trend damping (1 for an undamped trend, 0 without a trend)
 */
public record EtsModel(EtsSpec spec, double alpha, double beta, double gamma, double phi, EtsState initial) {
    /** A model's states at one time: the level, the trend and the last {@code period} seasonal states. */
    public record EtsState(double level, double trend, double[] season) {
        public EtsState {
            season = season.clone();
        }

        @Override
        public double[] season() {
            return season.clone();
        }
    }

    /** One pass over a series: each step's one-step forecast, the states after it, the likelihood. */
    public record Filtered(double[] forecasts, EtsState last, double likelihood) {
    }

    public EtsModel {
        if (spec.hasSeason() && initial.season.length != spec.period()) {
            throw new IllegalArgumentException("a season of " + spec.period() + " steps needs as many seasonal states, not "
                    + initial.season.length);
        }
    }

    /**
     * Runs the model over {@code values} from its initial states: the one-step forecast of every
     * value, the states after the last, and -2 log likelihood up to a constant, as R's ets()
     * computes it (n log of the summed squared errors, relative errors and plus twice the summed
     * log of the absolute forecasts for a multiplicative error); infinite where a multiplicative
     * model forecasts zero or less.
     */
    public Filtered filter(double[] values) {
        int m = spec.period();
        double level = initial.level;
        double trend = initial.trend;
        double[] season = initial.season.clone();
        double[] forecasts = new double[values.length];
        double squares = 0;
        double logForecasts = 0;
        boolean multiplicativeError = spec.error() == EtsSpec.Error.MULTIPLICATIVE;
        boolean feasible = true;
        for (int t = 0; t < values.length; t++) {
            double base = level + phi * trend;
            double oldSeason = spec.hasSeason() ? season[m - 1] : 0;
            double forecast = switch (spec.season()) {
                case NONE -> base;
                case ADDITIVE -> base + oldSeason;
                case MULTIPLICATIVE -> base * oldSeason;
            };
            forecasts[t] = forecast;
            double error = values[t] - forecast;
            if (multiplicativeError) {
                if (!(Math.abs(forecast) > 1e-10)) {
                    feasible = false;
                } else {
                    squares += (error / forecast) * (error / forecast);
                    logForecasts += Math.log(Math.abs(forecast));
                }
            } else {
                squares += error * error;
            }
            double levelError = spec.season() == EtsSpec.Season.MULTIPLICATIVE ? error / oldSeason : error;
            level = base + alpha * levelError;
            trend = phi * trend + beta * levelError;
            if (spec.hasSeason()) {
                double newSeason = oldSeason + gamma * (spec.season() == EtsSpec.Season.MULTIPLICATIVE ? error / base : error);
                System.arraycopy(season, 0, season, 1, m - 1);
                season[0] = newSeason;
            }
        }
        double likelihood = values.length * Math.log(squares) + (multiplicativeError ? 2 * logForecasts : 0);
        if (!feasible || Double.isNaN(likelihood)) {
            likelihood = Double.POSITIVE_INFINITY;
        }
        return new Filtered(forecasts, new EtsState(level, trend, season), likelihood);
    }

    /** Forecasts of the next {@code horizon} steps after {@code state}. */
    public double[] forecast(EtsState state, int horizon) {
        double[] forecasts = new double[horizon];
        double damping = 0;
        double power = 1;
        int m = spec.period();
        for (int h = 1; h <= horizon; h++) {
            power *= phi;
            damping += power;
            double base = state.level + damping * state.trend;
            double season = spec.hasSeason() ? state.season[m - 1 - (h - 1) % m] : 0;
            forecasts[h - 1] = switch (spec.season()) {
                case NONE -> base;
                case ADDITIVE -> base + season;
                case MULTIPLICATIVE -> base * season;
            };
        }
        return forecasts;
    }

    /** The corrected Akaike information criterion of this model on {@code values}, as R's ets() reports it. */
    public double aicc(double[] values) {
        return aicc(filter(values).likelihood(), values.length);
    }

    double aicc(double likelihood, int observations) {
        int k = spec.estimatedParameters();
        if (observations - k - 1 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return likelihood + 2.0 * k + 2.0 * k * (k + 1) / (observations - k - 1);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s alpha=%.4g beta=%.4g gamma=%.4g phi=%.4g l=%.6g b=%.6g s=%s",
                spec, alpha, beta, gamma, phi, initial.level, initial.trend, Arrays.toString(initial.season));
    }
}
