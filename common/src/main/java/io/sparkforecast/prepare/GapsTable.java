package io.sparkforecast.prepare;

import io.sparkforecast.input.SeriesColumns;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** prepare's gaps table: one row per run of missing grid steps in a series, and what was done with it. */
public final class GapsTable {
    public static final String FIRST_MISSING_TS = "first_missing_ts";
    public static final String LAST_MISSING_TS = "last_missing_ts";
    public static final String MISSING_STEPS = "missing_steps";
    /** The gap policy's code: split, fill_forward or interpolate. */
    public static final String ACTION = "action";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(FIRST_MISSING_TS, DataTypes.TimestampNTZType, true)
            .add(LAST_MISSING_TS, DataTypes.TimestampNTZType, true)
            .add(MISSING_STEPS, DataTypes.LongType, true)
            .add(ACTION, DataTypes.StringType, false);

    private GapsTable() {
    }
}
