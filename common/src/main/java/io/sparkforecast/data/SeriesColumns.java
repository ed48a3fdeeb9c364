package io.sparkforecast.data;

/** Canonical column names of a loaded series table, whatever the input calls them. */
public final class SeriesColumns {
    public static final String SERIES_ID = "series_id";
    /** TIMESTAMP_NTZ: series time is wall-clock time, not an instant. */
    public static final String TS = "ts";
    public static final String VALUE = "value";
    /** 0-based position of the row within its series, in time order. */
    public static final String POSITION = "position";
    /** Number of rows of the series. */
    public static final String SERIES_LENGTH = "series_length";

    private SeriesColumns() {
    }
}
