package io.sparkforecast.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-series MinMax scalers, fitted on the train part of each series only: one for the value
 * (after differencing, when configured) and one per extra feature column. Table form, one row
 * per series and feature: series_id, feature, min, max, fitted_rows.
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

    /**
     * Fits the scalers of every series that has train rows to fit on.
     *
     * @param features the feature names: "value", then the extra columns' names
     */
    public static Dataset<Row> fit(Dataset<Row> gridded, int differenceLag, TimeSplit split, List<String> features) {
        Column value = col(SeriesColumns.VALUE);
        Column transformed = value;
        Column complete = lit(true);
        if (differenceLag > 0) {
            // Difference against the row differenceLag steps earlier on the grid, never across a gap.
            WindowSpec order = Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.STEP);
            transformed = value.minus(lag(value, differenceLag).over(order));
            complete = col(SeriesColumns.STEP).minus(lag(col(SeriesColumns.STEP), differenceLag).over(order))
                    .equalTo(differenceLag);
        }
        Dataset<Row> train = gridded
                .withColumn("x", when(complete, transformed))
                .filter(col(SeriesColumns.POSITION).lt(split.trainRows(col(SeriesColumns.SERIES_LENGTH))));
        List<Column> aggregates = new ArrayList<>(List.of(min("x").as("min_0"), max("x").as("max_0"),
                count("x").as("rows_0")));
        for (int i = 1; i < features.size(); i++) {
            String column = SeriesColumns.extra(i - 1);
            aggregates.add(min(column).as("min_" + i));
            aggregates.add(max(column).as("max_" + i));
            aggregates.add(count(column).as("rows_" + i));
        }
        Dataset<Row> fitted = train.groupBy(SeriesColumns.SERIES_ID)
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .filter(col("rows_0").gt(0));
        Dataset<Row> table = null;
        for (int i = 0; i < features.size(); i++) {
            Dataset<Row> feature = fitted.select(col(SeriesColumns.SERIES_ID), lit(features.get(i)).as(FEATURE),
                    col("min_" + i).as(MIN), col("max_" + i).as(MAX), col("rows_" + i).as(FITTED_ROWS));
            table = table == null ? feature : table.unionByName(feature);
        }
        return table;
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
                array(minimums.toArray(Column[]::new)).as(SeriesWindows.SCALER_MIN),
                array(maximums.toArray(Column[]::new)).as(SeriesWindows.SCALER_MAX));
    }
}
