package io.sparkforecast.config;

import java.util.Locale;

/** tune.method: how trials are drawn from the search space. */
public enum TuneMethod {
    GRID,
    RANDOM;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
