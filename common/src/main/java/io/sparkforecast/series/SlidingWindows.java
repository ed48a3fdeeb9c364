package io.sparkforecast.series;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.size;

import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.input.SeriesColumns;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sliding windows over each regular part of each series (see {@link SeriesGrid}), in grid
 * order, built with Spark SQL window functions so no series is ever collected to the driver,
 * and their conversion to {@link SeriesWindow}s.
 */
public final class SlidingWindows {
    /** The last {@code historyLength} values up to and including the window's end row. */
    public static final String HISTORY = "history";
    /** The next {@code futureLength} values after the window's end row. */
    public static final String FUTURE = "future";
    /** Per value of {@link #FUTURE}: true when it was filled in, not observed. */
    public static final String FUTURE_FILLED = "future_filled";
    public static final String SCALER_MIN = "scaler_min";
    public static final String SCALER_MAX = "scaler_max";

    private SlidingWindows() {
    }

    /** The i-th extra feature column's values over the window. */
    public static String extraHistory(int i) {
        return "history_" + SeriesColumns.extra(i);
    }

    /**
     * One row per grid row that has a full history within its part of the series: the row's
     * columns plus {@link #HISTORY} and the extras' histories (oldest first), {@link #FUTURE}
     * (possibly shorter than futureLength near the end of the part) and {@link #FUTURE_FILLED}.
     */
    public static Dataset<Row> windows(Dataset<Row> gridded, int historyLength, int futureLength, int extras) {
        return windows(gridded, historyLength, historyLength, futureLength, extras);
    }

    /** As above, also for rows with fewer but at least {@code minimumHistory} values before them. */
    public static Dataset<Row> windows(Dataset<Row> gridded, int historyLength, int minimumHistory, int futureLength,
                                       int extras) {
        WindowSpec order = Window.partitionBy(SeriesColumns.SERIES_ID, SeriesColumns.SEGMENT)
                .orderBy(SeriesColumns.STEP);
        WindowSpec past = order.rowsBetween(-(historyLength - 1), 0);
        Dataset<Row> windows = gridded.withColumn(HISTORY, collect_list(SeriesColumns.VALUE).over(past));
        for (int i = 0; i < extras; i++) {
            windows = windows.withColumn(extraHistory(i), collect_list(SeriesColumns.extra(i)).over(past));
        }
        if (futureLength > 0) {
            WindowSpec next = order.rowsBetween(1, futureLength);
            windows = windows.withColumn(FUTURE, collect_list(SeriesColumns.VALUE).over(next))
                    .withColumn(FUTURE_FILLED, collect_list(SeriesColumns.FILLED).over(next));
        } else {
            windows = windows.withColumn(FUTURE, array().cast(DataTypes.createArrayType(DataTypes.DoubleType)))
                    .withColumn(FUTURE_FILLED, array().cast(DataTypes.createArrayType(DataTypes.BooleanType)));
        }
        return windows.filter(size(col(HISTORY)).geq(minimumHistory));
    }

    /** A window row (with the scaler arrays joined) as a {@link SeriesWindow}. */
    public static SeriesWindow toWindow(Row row, int extras) {
        double[][] extraValues = new double[extras][];
        for (int i = 0; i < extras; i++) {
            extraValues[i] = SamplesTable.toDoubles(row.getList(row.fieldIndex(extraHistory(i))));
        }
        List<Double> min = row.getList(row.fieldIndex(SCALER_MIN));
        List<Double> max = row.getList(row.fieldIndex(SCALER_MAX));
        return new SeriesWindow(SamplesTable.toDoubles(row.getList(row.fieldIndex(HISTORY))), extraValues,
                (LocalDateTime) row.get(row.fieldIndex(SeriesColumns.ANCHOR)),
                row.getLong(row.fieldIndex(SeriesColumns.STEP)), SeriesScalers.of(min, max));
    }
}
