package io.sparkforecast.classical;

/**
 * The form of an exponential smoothing state space model, ETS(error, trend, season) in the
 * taxonomy of Hyndman, Koehler, Ord and Snyder (2008): how the error enters, whether the level
 * has a trend (none, additive, additive damped) and a season (none, additive, multiplicative) of
 * {@code period} steps. Multiplicative trends are left out, as R's ets() leaves them out by
 * default.
 */
public record EtsSpec(Error error, Trend trend, Season season, int period) {
    public enum Error { ADDITIVE, MULTIPLICATIVE }

    public enum Trend { NONE, ADDITIVE, DAMPED }

    public enum Season { NONE, ADDITIVE, MULTIPLICATIVE }

    public EtsSpec {
        if (season != Season.NONE && period < 2) {
            throw new IllegalArgumentException("a seasonal ETS model needs a period of at least 2 steps, not " + period);
        }
        if (season == Season.NONE) {
            period = 1;
        }
    }

    /** The model R's ets() names {@code name}: ETS(A,N,N), ETS(M,Ad,M), ... */
    public static EtsSpec parse(String name, int period) {
        String[] parts = name.replaceAll("^ETS\\(|\\)$", "").split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an ETS model name: " + name);
        }
        Error error = switch (parts[0]) {
            case "A" -> Error.ADDITIVE;
            case "M" -> Error.MULTIPLICATIVE;
            default -> throw new IllegalArgumentException("unknown ETS error type in " + name);
        };
        Trend trend = switch (parts[1]) {
            case "N" -> Trend.NONE;
            case "A" -> Trend.ADDITIVE;
            case "Ad" -> Trend.DAMPED;
            default -> throw new IllegalArgumentException("unknown or unsupported ETS trend type in " + name);
        };
        Season season = switch (parts[2]) {
            case "N" -> Season.NONE;
            case "A" -> Season.ADDITIVE;
            case "M" -> Season.MULTIPLICATIVE;
            default -> throw new IllegalArgumentException("unknown ETS season type in " + name);
        };
        return new EtsSpec(error, trend, season, period);
    }

    public boolean hasTrend() {
        return trend != Trend.NONE;
    }

    public boolean hasSeason() {
        return season != Season.NONE;
    }

    /** Smoothing and damping parameters: alpha, then beta, gamma and phi where the form has them. */
    public int smoothingParameters() {
        return 1 + (hasTrend() ? 1 : 0) + (hasSeason() ? 1 : 0) + (trend == Trend.DAMPED ? 1 : 0);
    }

    /** Initial states: the level, the trend, and the seasonal states, one of which the others fix. */
    public int freeInitialStates() {
        return 1 + (hasTrend() ? 1 : 0) + (hasSeason() ? period - 1 : 0);
    }

    /** Free parameters as R's ets() counts them for the AICc: the above plus the error variance. */
    public int estimatedParameters() {
        return smoothingParameters() + freeInitialStates() + 1;
    }

    @Override
    public String toString() {
        return "ETS(" + (error == Error.ADDITIVE ? "A" : "M") + ","
                + switch (trend) {
                    case NONE -> "N";
                    case ADDITIVE -> "A";
                    case DAMPED -> "Ad";
                } + "," + switch (season) {
                    case NONE -> "N";
                    case ADDITIVE -> "A";
                    case MULTIPLICATIVE -> "M";
                } + ")";
    }
}
