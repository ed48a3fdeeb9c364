package io.sparkforecast.config;

import java.util.Locale;

/** task.type: what the network learns from each window. */
public enum TaskType {
    /** The next values (regression). */
    FORECAST,
    /** A class label, one-hot (sequence classification). */
    CLASSIFY;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
