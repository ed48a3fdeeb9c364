package io.sparkforecast.prepare;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.series.SlidingWindows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-series MinMax scalers, fitted on the train part of each series only (by
 * {@link PreparedSeries}): one for the value (after differencing, when configured) and one per
 * extra feature column. Table form, one row per series and feature: series_id, feature, min,
 * max, fitted_rows.
 */
public final class ScalerTable {
    public static final String FEATURE = "feature";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String FITTED_ROWS = "fitted_rows";
    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.SERIES_ID, DataTypes.StringType, false)
            .add(FEATURE, DataTypes.StringType, false)
            .add(MIN, DataTypes.DoubleType, false)
            .add(MAX, DataTypes.DoubleType, false)
            .add(FITTED_ROWS, DataTypes.LongType, false);

    private ScalerTable() {
    }

    /** One row per series with the scalers as arrays in feature order: series_id, scaler_min, scaler_max. */
    public static Dataset<Row> wide(Dataset<Row> table, List<String> features) {
        List<Column> minimums = new ArrayList<>();
        List<Column> maximums = new ArrayList<>();
        for (String feature : features) {
            Column match = col(FEATURE).equalTo(feature);
            minimums.add(max(when(match, col(MIN))));
            maximums.add(max(when(match, col(MAX))));
        }
        return table.groupBy(SeriesColumns.SERIES_ID).agg(
                array(minimums.toArray(Column[]::new)).as(SlidingWindows.SCALER_MIN),
                array(maximums.toArray(Column[]::new)).as(SlidingWindows.SCALER_MAX));
    }
}
