package io.sparkforecast.config;

import java.util.Locale;

/** evaluate.classical: the classical statistical methods fitted per series beside the network. */
public enum ClassicalMethod {
    /** Exponential smoothing state space models, the form chosen by AICc per series (R's ets()). */
    ETS,
    /** Seasonal ARIMA, the orders chosen stepwise by AICc per series (R's auto.arima by conditional sum of squares). */
    ARIMA;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
