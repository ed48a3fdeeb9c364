package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the network takes a window of lookback steps (each with its step inputs): as lookback time
 * steps (the recurrent reading), or flattened into one time step of lookback x inputs features
 * (the seeds' "window as features" variant, where the LSTM sees the whole window at once).
 */
public enum WindowLayout {
    TIME_STEPS,
    FEATURES;

    @JsonCreator
    public static WindowLayout of(String code) {
        if (code == null) {
            return TIME_STEPS; // model.json written before the layout was recorded
        }
        return Arrays.stream(values()).filter(layout -> layout.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown window layout '" + code + "'"));
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Time steps per network input. */
    public int steps(int lookback) {
        return this == TIME_STEPS ? lookback : 1;
    }

    /** Inputs per network time step. */
    public int width(int lookback, int stepInputs) {
        return this == TIME_STEPS ? stepInputs : lookback * stepInputs;
    }
}
