package io.sparkforecast.series;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;

import io.sparkforecast.input.SeriesColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** MASE's denominator per series: the mean absolute seasonal difference |y[t] - y[t-m]| on its train part. */
public final class MaseScale {
    /** The scale column: null when the series' train part is shorter than a season. */
    public static final String SCALE = "scale";

    private MaseScale() {
    }

    /** series_id, scale; series whose train part is shorter than a season have none. */
    public static Dataset<Row> of(Dataset<Row> gridded, int season, TimeSplit split) {
        WindowSpec order = Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.STEP);
        return gridded
                .withColumn("season_ago", lag(col(SeriesColumns.VALUE), season).over(order))
                .withColumn("season_ago_step", lag(col(SeriesColumns.STEP), season).over(order))
                .filter(col(SeriesColumns.STEP).minus(col("season_ago_step")).equalTo(season)
                        .and(col(SeriesColumns.POSITION).lt(split.trainRows(col(SeriesColumns.SERIES_LENGTH)))))
                .groupBy(SeriesColumns.SERIES_ID)
                .agg(avg(abs(col(SeriesColumns.VALUE).minus(col("season_ago")))).as(SCALE));
    }
}
