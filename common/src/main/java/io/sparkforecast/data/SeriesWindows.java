package io.sparkforecast.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sliding windows over each series in time order, built with Spark SQL window functions so
 * no series is ever collected to the driver.
 */
public final class SeriesWindows {
    /** The last {@code historyLength} values up to and including the window's end row. */
    public static final String HISTORY = "history";
    /** The next {@code futureLength} values after the window's end row. */
    public static final String FUTURE = "future";

    private SeriesWindows() {
    }

    /** Adds each row's position in its series (0 = oldest) and the series length. */
    public static Dataset<Row> withPositions(Dataset<Row> series) {
        return series
                .withColumn(SeriesColumns.POSITION, row_number().over(timeOrder()).minus(1))
                .withColumn(SeriesColumns.SERIES_LENGTH,
                        count(lit(1)).over(Window.partitionBy(SeriesColumns.SERIES_ID)));
    }

    /**
     * One row per series row that has a full history: the row's columns plus {@link #HISTORY}
     * (oldest first) and {@link #FUTURE} (possibly shorter than futureLength near the end).
     */
    public static Dataset<Row> windows(Dataset<Row> positioned, int historyLength, int futureLength) {
        WindowSpec order = timeOrder();
        Dataset<Row> withHistory = positioned.withColumn(HISTORY,
                collect_list(SeriesColumns.VALUE).over(order.rowsBetween(-(historyLength - 1), 0)));
        Dataset<Row> withFuture = futureLength > 0
                ? withHistory.withColumn(FUTURE, collect_list(SeriesColumns.VALUE).over(order.rowsBetween(1, futureLength)))
                : withHistory.withColumn(FUTURE, array().cast(DataTypes.createArrayType(DataTypes.DoubleType)));
        return withFuture.filter(size(col(HISTORY)).equalTo(historyLength));
    }

    private static WindowSpec timeOrder() {
        return Window.partitionBy(SeriesColumns.SERIES_ID).orderBy(SeriesColumns.TS);
    }
}
