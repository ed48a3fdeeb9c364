package io.sparkforecast.config;

import java.util.Locale;

/** score.method: how multi-step forecasts are produced. */
public enum ScoreMethod {
    /** Every network output per call (recursive beyond them). */
    AUTO,
    /** One step per network call, fed back. */
    RECURSIVE,
    /** One call: the network must predict every step. */
    DIRECT;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
