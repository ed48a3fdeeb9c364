package io.sparkforecast.input;

/** Canonical column names of a loaded series table, whatever the input calls them. */
public final class SeriesColumns {
    public static final String SERIES_ID = "series_id";
    /** TIMESTAMP_NTZ: series time is wall-clock time, not an instant. */
    public static final String TS = "ts";
    public static final String VALUE = "value";
    /** Grid step of the row: ts = anchor + step * frequency (may be negative). */
    public static final String STEP = "step";
    /** The timestamp the series' grid is counted from. */
    public static final String ANCHOR = "anchor";
    /** 0-based grid position of the row within its series (0 = the series' first step). */
    public static final String POSITION = "position";
    /** Number of grid steps from the series' first to its last row. */
    public static final String SERIES_LENGTH = "series_length";
    /** Part of the series between gaps (gap_policy split); 0 otherwise. */
    public static final String SEGMENT = "segment";
    /** True for rows added to fill a gap. */
    public static final String FILLED = "filled";

    private SeriesColumns() {
    }

    /** The i-th extra feature column (features.extra_columns), by position. */
    public static String extra(int i) {
        return "extra_" + i;
    }
}
