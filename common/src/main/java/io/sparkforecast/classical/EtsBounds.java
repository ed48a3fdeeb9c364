package io.sparkforecast.classical;

/**
 * The parameters R's ets() accepts by default (bounds = "both"): within the usual bounds
 * (0.0001 <= beta <= alpha <= 0.9999, 0.0001 <= gamma <= 1 - alpha, 0.8 <= phi <= 0.98) and
 * admissible, that is with a forecastable model: for a seasonal one, every root of its
 * characteristic polynomial inside the unit circle (Hyndman, Akram and Archibald, 2008).
 */
final class EtsBounds {
    static final double LOWER = 1e-4;
    static final double UPPER = 0.9999;
    static final double PHI_LOWER = 0.8;
    static final double PHI_UPPER = 0.98;

    private EtsBounds() {
    }

    /** Whether form {@code spec} accepts these parameters (beta, gamma and phi ignored where it has none). */
    static boolean accept(EtsSpec spec, double alpha, double beta, double gamma, double phi) {
        return usual(spec, alpha, beta, gamma, phi) && admissible(spec, alpha, beta, gamma, phi);
    }

    private static boolean usual(EtsSpec spec, double alpha, double beta, double gamma, double phi) {
        if (alpha < LOWER || alpha > UPPER) {
            return false;
        }
        if (spec.hasTrend() && (beta < LOWER || beta > alpha || beta > UPPER)) {
            return false;
        }
        if (spec.trend() == EtsSpec.Trend.DAMPED && (phi < PHI_LOWER || phi > PHI_UPPER)) {
            return false;
        }
        return !spec.hasSeason() || gamma >= LOWER && gamma <= 1 - alpha && gamma <= UPPER;
    }

    private static boolean admissible(EtsSpec spec, double alpha, double beta, double gamma, double phi) {
        double damping = spec.trend() == EtsSpec.Trend.DAMPED ? phi : 1;
        double slope = spec.hasTrend() ? beta : 0;
        if (damping < 0 || damping > 1 + 1e-8) {
            return false;
        }
        if (!spec.hasSeason()) {
            return alpha >= 1 - 1 / damping && alpha <= 1 + 1 / damping
                    && (!spec.hasTrend() || slope >= alpha * (damping - 1) && slope <= (1 + damping) * (2 - alpha));
        }
        int m = spec.period();
        if (gamma < Math.max(1 - 1 / damping - alpha, 0) || gamma > 1 + 1 / damping - alpha
                || alpha < 1 - 1 / damping - gamma * (1 - m + damping + damping * m) / (2 * damping * m)
                || slope < -(1 - damping) * (gamma / m + alpha)) {
            return false;
        }
        // z^(m+1) + (a+b-phi) z^m + (a+b-a phi) (z^(m-1) + .. + z^2) + (a+b-a phi+g-1) z + phi (1-a-g), lowest power first.
        double[] coefficients = new double[m + 2];
        coefficients[0] = damping * (1 - alpha - gamma);
        coefficients[1] = alpha + slope - alpha * damping + gamma - 1;
        for (int power = 2; power < m; power++) {
            coefficients[power] = alpha + slope - alpha * damping;
        }
        coefficients[m] = alpha + slope - damping;
        coefficients[m + 1] = 1;
        return rootsWithin(coefficients, 1 + 1e-10);
    }

    /**
     * Whether every root of the polynomial with these coefficients (lowest power first, the
     * highest not zero) lies strictly within {@code radius} of 0: the Schur-Cohn test, a
     * step-down recursion whose every reflection coefficient must lie inside (-1, 1). R finds
     * the roots themselves; this needs no iteration and cannot fail to converge.
     */
    static boolean rootsWithin(double[] coefficients, double radius) {
        int degree = coefficients.length - 1;
        // a[j]: the coefficient of w^(degree - j) of p(radius * w), made monic.
        double[] a = new double[degree + 1];
        double lead = coefficients[degree] * Math.pow(radius, degree);
        for (int j = 0; j <= degree; j++) {
            a[j] = coefficients[degree - j] * Math.pow(radius, degree - j) / lead;
        }
        for (int order = degree; order >= 1; order--) {
            double reflection = a[order];
            if (!(Math.abs(reflection) < 1)) {
                return false;
            }
            double[] lower = new double[order];
            lower[0] = 1;
            for (int i = 1; i < order; i++) {
                lower[i] = (a[i] - reflection * a[order - i]) / (1 - reflection * reflection);
            }
            a = lower;
        }
        return true;
    }
}
