package io.sparkforecast.input;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rejects table: every input row prepare did not use, as read (text), with a reason code
 * ({@link RejectReason}) and, where useful, a detail such as the bad feature column.
 */
public final class RejectsTable {
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, true)
            .add(SeriesColumns.TS, DataTypes.StringType, true)
            .add(SeriesColumns.VALUE, DataTypes.StringType, true)
            .add(REASON, DataTypes.StringType, false)
            .add(DETAIL, DataTypes.StringType, true);

    private RejectsTable() {
    }
}
