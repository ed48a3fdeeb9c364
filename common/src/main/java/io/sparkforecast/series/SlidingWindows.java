package io.sparkforecast.series;

import io.sparkforecast.features.SamplesTable;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.features.SeriesWindow;
import io.sparkforecast.input.SeriesColumns;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Sliding windows over each regular part of each series ({@link RegularSeries}), in grid order,
 * made per series in memory ({@link RegularSeriesTable#windows}), and their conversion to
 * {@link SeriesWindow}s.
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
     * The sliding windows of one series ({@link RegularSeriesTable#windows}): per grid row at or
     * after grid position {@code firstPosition} with at least {@code minimumHistory} steps of its
     * segment up to it, the row's fields followed by its history, the extras' histories, its
     * future and the future's fill flags.
     */
    static List<Row> of(RegularSeries series, int historyLength, int minimumHistory, int futureLength,
                        long firstPosition) {
        int extras = series.extras().length;
        List<Row> windows = new ArrayList<>();
        for (int segment = 0; segment < series.segments(); segment++) {
            int start = series.segmentStart(segment);
            int end = series.segmentEnd(segment);
            for (int row = start; row < end; row++) {
                int from = Math.max(start, row - historyLength + 1);
                if (series.position(row) < firstPosition || row + 1 - from < minimumHistory) {
                    continue;
                }
                int to = Math.min(end, row + 1 + futureLength);
                Object[] grid = RegularSeriesTable.gridFields(series, segment, row);
                Object[] fields = Arrays.copyOf(grid, grid.length + 3 + extras);
                int next = grid.length;
                fields[next++] = Arrays.copyOfRange(series.values(), from, row + 1);
                for (int e = 0; e < extras; e++) {
                    fields[next++] = Arrays.copyOfRange(series.extras()[e], from, row + 1);
                }
                fields[next++] = Arrays.copyOfRange(series.values(), row + 1, to);
                boolean[] filled = new boolean[to - row - 1];
                for (int i = 0; i < filled.length; i++) {
                    filled[i] = series.filled(row + 1 + i);
                }
                fields[next] = filled;
                windows.add(RowFactory.create(fields));
            }
        }
        return windows;
    }

    /** The schema of {@link #of}'s rows: the grid rows' columns, then the windows'. */
    static StructType schema(StructType gridRows, int extras) {
        StructType schema = gridRows.add(HISTORY, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        for (int e = 0; e < extras; e++) {
            schema = schema.add(extraHistory(e), DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        }
        return schema.add(FUTURE, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add(FUTURE_FILLED, DataTypes.createArrayType(DataTypes.BooleanType, false), false);
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
