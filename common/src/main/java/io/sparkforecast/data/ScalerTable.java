package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-series MinMax scalers, fitted on the train part of each series only (after differencing,
 * when configured), and their table form: series_id, feature, min, max, fitted_rows.
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

    /** Fits one scaler per series that has at least one train row to fit on. */
    public static Dataset<Row> fit(Dataset<Row> positioned, int differenceLag, TimeSplit split) {
        Column value = col(SeriesColumns.VALUE);
        Column transformed = differenceLag > 0
                ? value.minus(lag(value, differenceLag).over(
                        Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.TS)))
                : value;
        Column position = col(SeriesColumns.POSITION);
        return positioned
                .withColumn("x", transformed)
                .filter(position.geq(differenceLag).and(position.lt(split.trainRows(col(SeriesColumns.SERIES_LENGTH)))))
                .groupBy(SeriesColumns.SERIES_ID)
                .agg(min("x").as(MIN), max("x").as(MAX), count(lit(1)).as(FITTED_ROWS))
                .select(col(SeriesColumns.SERIES_ID), lit(SeriesColumns.VALUE).as(FEATURE), col(MIN), col(MAX),
                        col(FITTED_ROWS));
    }

    /** The scalers as a table again, e.g. from a model artifact, for joins in scoring. */
    public static Dataset<Row> toTable(SparkSession spark, Map<String, MinMaxScaler> scalers) {
        List<Row> rows = new ArrayList<>(scalers.size());
        scalers.forEach((id, s) -> rows.add(RowFactory.create(id, SeriesColumns.VALUE, s.min(), s.max(), 0L)));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** A scaler from a row holding the MIN and MAX columns. */
    public static MinMaxScaler scalerOf(Row row) {
        return new MinMaxScaler(row.getDouble(row.fieldIndex(MIN)), row.getDouble(row.fieldIndex(MAX)));
    }
}
