package io.sparkforecast.core;

import java.util.Locale;

/** What to do with missing steps inside a series. */
public enum GapPolicy {
    /** Keep the series' parts apart: no window spans a gap. */
    SPLIT,
    /** Fill each missing step with the last value before the gap. */
    FILL_FORWARD,
    /** Fill missing steps on the straight line between the values around the gap. */
    INTERPOLATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
