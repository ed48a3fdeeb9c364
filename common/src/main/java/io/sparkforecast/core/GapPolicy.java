package io.sparkforecast.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What to do with missing steps inside a series. */
public enum GapPolicy {
    /** Keep the series' parts apart: no window spans a gap. */
    SPLIT,
    /** Fill each missing step with the last value before the gap. */
    FILL_FORWARD,
    /** Fill missing steps on the straight line between the values around the gap. */
    INTERPOLATE;

    @JsonCreator
    public static GapPolicy of(String code) {
        return Arrays.stream(values()).filter(policy -> policy.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown gap policy '" + code + "'"));
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
