package io.sparkforecast.config;

import java.util.Locale;

/** series.format: how the series table is stored. */
public enum SeriesFormat {
    /** Text with a header line, read as RFC 4180. */
    CSV,
    PARQUET;

    /** The value as written in configs and logs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
