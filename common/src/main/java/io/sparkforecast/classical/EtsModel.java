package io.sparkforecast.classical;

import java.util.Arrays;

/**
 * An ETS model with its parameters and initial states: the recursions of Hyndman et al. (2008)
 * in the form R's forecast package computes them, in which the additive- and
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
    /** R's guard against dividing by a state of zero: below TINY, the quotient is HUGE. */
    private static final double TINY = 1e-10;
    private static final double HUGE = 1e10;

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
     * Runs the model over {@code values} (NaN where missing) from its initial states: the one-step
     * forecast of every value, the states after the last, and -2 log likelihood up to a constant,
     * as R's ets() computes it (n log of the summed squared errors, relative errors and plus twice
     * the summed log of the absolute forecasts for a multiplicative error); infinite where a
     * multiplicative model forecasts zero or less. A missing value moves the states on as
     * forecast: no error, no term of the likelihood.
     */
    public Filtered filter(double[] values) {
        Run run = new Run();
        double[] forecasts = new double[values.length];
        double squares = 0;
        double logForecasts = 0;
        boolean multiplicativeError = spec.error() == EtsSpec.Error.MULTIPLICATIVE;
        boolean feasible = true;
        int observed = 0;
        for (int t = 0; t < values.length; t++) {
            double forecast = run.forecast();
            forecasts[t] = forecast;
            if (!Double.isNaN(values[t])) {
                observed++;
                double error = values[t] - forecast;
                if (!multiplicativeError) {
                    squares += error * error;
                } else if (Math.abs(forecast) > 1e-10) {
                    squares += (error / forecast) * (error / forecast);
                    logForecasts += Math.log(Math.abs(forecast));
                } else {
                    feasible = false;
                }
            }
            run.update(values[t]);
        }
        double likelihood = observed * Math.log(squares) + (multiplicativeError ? 2 * logForecasts : 0);
        if (!feasible || Double.isNaN(likelihood)) {
            likelihood = Double.POSITIVE_INFINITY;
        }
        return new Filtered(forecasts, run.state(), likelihood);
    }

    /**
     * The forecasts of the next {@code horizon} steps from every origin of {@code values} (NaN
     * where missing): row t holds those made after value t, for steps t + 1 .. t + horizon.
     */
    public double[][] forecastsFromEachOrigin(double[] values, int horizon) {
        Run run = new Run();
        double[][] forecasts = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            run.update(values[t]);
            forecasts[t] = forecast(run.state(), horizon);
        }
        return forecasts;
    }

    /** The states as a pass over a series moves them on. */
    private final class Run {
        private double level = initial.level;
        private double trend = initial.trend;
        private final double[] season = initial.season.clone();

        double forecast() {
            double base = level + phi * trend;
            return switch (spec.season()) {
                case NONE -> base;
                case ADDITIVE -> base + season[season.length - 1];
                case MULTIPLICATIVE -> base * season[season.length - 1];
            };
        }

        /** Moves the states on by one value (NaN: missing, moved on as forecast). */
        void update(double value) {
            // In R's order of operations (forecast's etscalc), so that a search over these steps ends where R's does.
            boolean missing = Double.isNaN(value);
            double dampedTrend = spec.hasTrend() ? phi * trend : 0;
            double base = level + dampedTrend;
            double oldSeason = spec.hasSeason() ? season[season.length - 1] : 0;
            double deseasonalised = missing ? base : switch (spec.season()) {
                case NONE -> value;
                case ADDITIVE -> value - oldSeason;
                case MULTIPLICATIVE -> Math.abs(oldSeason) < TINY ? HUGE : value / oldSeason;
            };
            double oldLevel = level;
            level = base + alpha * (deseasonalised - base);
            if (spec.hasTrend()) {
                trend = dampedTrend + (beta / alpha) * (level - oldLevel - dampedTrend);
            }
            if (spec.hasSeason()) {
                double seasonal = missing ? oldSeason : spec.season() == EtsSpec.Season.ADDITIVE ? value - base
                        : Math.abs(base) < TINY ? HUGE : value / base;
                System.arraycopy(season, 0, season, 1, season.length - 1);
                season[0] = oldSeason + gamma * (seasonal - oldSeason);
            }
        }

        EtsState state() {
            return new EtsState(level, trend, season);
        }
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
        return aicc(filter(values).likelihood(), (int) java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v))
                .count());
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
