package io.sparkforecast.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the (differenced) value is scaled for the network. minmax: to [0, 1] with the series'
 * train-part range. window: relative to the window's first value, p / p0 - 1 (the seeds' S&P 500
 * normalisation), so every window starts at 0 whatever the series' level; needs no zero values.
 */
public enum ValueScaling {
    MINMAX,
    WINDOW;

    public static ValueScaling of(String code) {
        if (code == null) {
            return MINMAX; // prepare.json and model.json written before the choice was recorded
        }
        return Arrays.stream(values()).filter(scaling -> scaling.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown value scaling '" + code + "'"));
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
