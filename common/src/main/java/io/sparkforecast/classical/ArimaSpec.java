package io.sparkforecast.classical;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of a seasonal ARIMA model, (p,d,q)(P,D,Q)[m], as R's forecast package writes it: p
 * autoregressive and q moving-average terms, d differences, and P, Q, D the same at the seasonal
 * lag m; with a constant (a mean where nothing is differenced, a drift after one difference) or
 * without. The seasonal part is written where it has an order above zero.
 */
public record ArimaSpec(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period,
                        boolean constant) implements Serializable {
    private static final Pattern FORM = Pattern.compile(
            "ARIMA\\((\\d),(\\d),(\\d)\\)(?:\\((\\d),(\\d),(\\d)\\)\\[(\\d+)])?( with constant)?");

    public ArimaSpec {
        if (p < 0 || d < 0 || q < 0 || seasonalP < 0 || seasonalD < 0 || seasonalQ < 0 || period < 1) {
            throw new IllegalArgumentException("not an ARIMA form: " + this);
        }
        if (period == 1 && (seasonalP > 0 || seasonalD > 0 || seasonalQ > 0)) {
            throw new IllegalArgumentException("a seasonal part needs a period above 1: " + this);
        }
    }

    /** A non-seasonal form. */
    public static ArimaSpec of(int p, int d, int q, boolean constant) {
        return new ArimaSpec(p, d, q, 0, 0, 0, 1, constant);
    }

    /** Differences in all: d plus D seasonal ones. */
    public int differences() {
        return d + seasonalD;
    }

    /** Values the differencing consumes at the start of the series: d + D * m. */
    public int lost() {
        return d + seasonalD * period;
    }

    /** The highest lag of the autoregressive polynomial with its seasonal part multiplied out: p + P * m. */
    public int arLags() {
        return p + seasonalP * period;
    }

    /** The highest lag of the moving-average polynomial multiplied out: q + Q * m. */
    public int maLags() {
        return q + seasonalQ * period;
    }

    /** Values a residual is conditioned on (as R's conditional sum of squares): d + D * m + p + P * m. */
    public int conditioned() {
        return lost() + arLags();
    }

    /** Coefficients estimated: p + q + P + Q and the constant. */
    public int coefficients() {
        return p + q + seasonalP + seasonalQ + (constant ? 1 : 0);
    }

    /** The same form with other orders (the differences and period kept). */
    public ArimaSpec withOrders(int newP, int newQ, int newSeasonalP, int newSeasonalQ, boolean withConstant) {
        return new ArimaSpec(newP, d, newQ, newSeasonalP, seasonalD, newSeasonalQ, period, withConstant);
    }

    /**
     * The differencing polynomial (1 - B)^d (1 - B^m)^D written as 1 - sum a_k B^k: {@code a[k]}
     * for k = 1..lost() ({@code a[0]} unused), so that y_t = w_t + sum a_k y_{t-k}.
     */
    double[] differencing() {
        double[] polynomial = {1};
        for (int i = 0; i < d; i++) {
            polynomial = multiply(polynomial, 1);
        }
        for (int i = 0; i < seasonalD; i++) {
            polynomial = multiply(polynomial, period);
        }
        double[] a = new double[polynomial.length];
        for (int k = 1; k < polynomial.length; k++) {
            a[k] = -polynomial[k];
        }
        return a;
    }

    /** The polynomial times (1 - B^lag). */
    private static double[] multiply(double[] polynomial, int lag) {
        double[] product = new double[polynomial.length + lag];
        for (int k = 0; k < polynomial.length; k++) {
            product[k] += polynomial[k];
            product[k + lag] -= polynomial[k];
        }
        return product;
    }

    @Override
    public String toString() {
        String form = String.format("ARIMA(%d,%d,%d)", p, d, q);
        if (seasonalP + seasonalD + seasonalQ > 0) {
            form += String.format("(%d,%d,%d)[%d]", seasonalP, seasonalD, seasonalQ, period);
        }
        return constant ? form + " with constant" : form;
    }

    /** The form {@link #toString()} writes. */
    public static ArimaSpec parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an ARIMA form: '" + text + "' (e.g. ARIMA(0,1,1)(0,1,1)[12])");
        }
        boolean seasonal = m.group(4) != null;
        return new ArimaSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                seasonal ? Integer.parseInt(m.group(4)) : 0, seasonal ? Integer.parseInt(m.group(5)) : 0,
                seasonal ? Integer.parseInt(m.group(6)) : 0, seasonal ? Integer.parseInt(m.group(7)) : 1,
                m.group(8) != null);
    }
}
