package io.sparkforecast.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The most recent window of each series: the last {@code historyLength} steps of its last
 * regular part (oldest first), ending at the forecast origin. Only those rows are gathered.
 */
public final class LatestWindows {
    /** How many steps the window has (less than historyLength: too short to forecast). */
    public static final String AVAILABLE = "available";

    private LatestWindows() {
    }

    /** series_id, ts (origin), step, anchor, history, extras' histories, available. */
    public static Dataset<Row> of(Dataset<Row> gridded, int historyLength, int extras) {
        String recency = "recency";
        String points = "points";
        // A part's steps follow one another (SeriesGrid), so a row's recency is its distance from the
        // series' last step: no sort beyond the one the table already has by series and step.
        WindowSpec bySeries = Window.partitionBy(SeriesColumns.SERIES_ID);
        Dataset<Row> lastPart = gridded
                .withColumn("last_segment", max(SeriesColumns.SEGMENT).over(bySeries))
                .withColumn(recency, max(SeriesColumns.STEP).over(bySeries).minus(col(SeriesColumns.STEP)).plus(1))
                .filter(col(SeriesColumns.SEGMENT).equalTo(col("last_segment")).and(col(recency).leq(historyLength)));
        List<Column> fields = new ArrayList<>(List.of(col(SeriesColumns.STEP), col(SeriesColumns.VALUE)));
        for (int i = 0; i < extras; i++) {
            fields.add(col(SeriesColumns.extra(i)));
        }
        List<Column> selected = new ArrayList<>(List.of(col(SeriesColumns.SERIES_ID), col(SeriesColumns.TS),
                col(SeriesColumns.STEP), col(SeriesColumns.ANCHOR),
                col(points).getField(SeriesColumns.VALUE).as(SeriesWindows.HISTORY)));
        for (int i = 0; i < extras; i++) {
            selected.add(col(points).getField(SeriesColumns.extra(i)).as(SeriesWindows.extraHistory(i)));
        }
        selected.add(col(AVAILABLE));
        return lastPart.groupBy(SeriesColumns.SERIES_ID)
                .agg(max(SeriesColumns.TS).as(SeriesColumns.TS), max(SeriesColumns.STEP).as(SeriesColumns.STEP),
                        first(SeriesColumns.ANCHOR).as(SeriesColumns.ANCHOR),
                        sort_array(collect_list(struct(fields.toArray(Column[]::new)))).as(points),
                        count(lit(1)).as(AVAILABLE))
                .select(selected.toArray(Column[]::new));
    }
}
