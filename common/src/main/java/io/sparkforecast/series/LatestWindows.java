package io.sparkforecast.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkforecast.config.ForecastConfig.SeriesSource;
import io.sparkforecast.core.Frequency;
import io.sparkforecast.core.GapPolicy;
import io.sparkforecast.features.SeriesScalers;
import io.sparkforecast.input.AcceptedValues;
import io.sparkforecast.input.RejectReason;
import io.sparkforecast.input.SeriesCheck;
import io.sparkforecast.input.SeriesColumns;
import io.sparkforecast.input.SeriesLoader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The most recent window of each series: the last {@code historyLength} steps of its last
 * regular part (oldest first), ending at the forecast origin, with the series' scalers and its
 * row counts, made in the one pass that checks the table per series (see {@link SeriesCheck}):
 * all that scoring reads of the table, small enough to cache.
 */
public final class LatestWindows {
    /** How many steps the window has (less than historyLength: too short to forecast). */
    public static final String AVAILABLE = "available";
    /** The series' usable rows, all of its history (not only the window's). */
    public static final String USABLE_ROWS = "usable_rows";
    /** The series' rejected rows by {@link RejectReason} ordinal. */
    public static final String REJECTED_ROWS = "rejected_rows";

    private LatestWindows() {
    }

    /**
     * One row per series id of the table: series_id, ts (origin), step, anchor, history, extras'
     * histories, available, scaler_min, scaler_max (null for a series {@code scalers} does not
     * know), usable_rows, rejected_rows. A series without usable rows has only its counts (the
     * window columns null). Computed by each action on it (cache it).
     *
     * @param scalers by series id, the scalers the windows are forecast with
     */
    public static Dataset<Row> of(SparkSession spark, SeriesSource source, List<String> extraColumns,
                                  LocalDateTime cutoff, AcceptedValues accepted, int historyLength,
                                  Broadcast<Map<String, SeriesScalers>> scalers) {
        GapPolicy policy = source.gapPolicy();
        Frequency frequency = source.frequency();
        int extras = extraColumns.size();
        return spark.createDataFrame(SeriesLoader.checkSeries(spark, source, extraColumns, cutoff, accepted).checks()
                .map(check -> row(check, policy, frequency, historyLength, extras, scalers.value())), schema(extras));
    }

    private static StructType schema(int extras) {
        StructType schema = new StructType()
                .add(SeriesColumns.SERIES_ID, DataTypes.StringType, true)
                .add(SeriesColumns.TS, DataTypes.TimestampNTZType, true)
                .add(SeriesColumns.STEP, DataTypes.LongType, true)
                .add(SeriesColumns.ANCHOR, DataTypes.TimestampNTZType, true)
                .add(SlidingWindows.HISTORY, DataTypes.createArrayType(DataTypes.DoubleType, false), true);
        for (int i = 0; i < extras; i++) {
            schema = schema.add(SlidingWindows.extraHistory(i), DataTypes.createArrayType(DataTypes.DoubleType, false),
                    true);
        }
        return schema.add(AVAILABLE, DataTypes.LongType, true)
                .add(SlidingWindows.SCALER_MIN, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
                .add(SlidingWindows.SCALER_MAX, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
                .add(USABLE_ROWS, DataTypes.LongType, false)
                .add(REJECTED_ROWS, DataTypes.createArrayType(DataTypes.LongType, false), false);
    }

    private static Row row(SeriesCheck check, GapPolicy policy, Frequency frequency,
                           int historyLength, int extras, Map<String, SeriesScalers> scalers) {
        Object[] fields = new Object[10 + extras];
        if (check.usable() != null) {
            Row window = latest(RegularSeries.of(check.usable().lastSteps(historyLength), policy, frequency),
                    historyLength);
            for (int i = 0; i < window.size(); i++) {
                fields[i] = window.get(i);
            }
            SeriesScalers known = scalers.get(check.usable().seriesId());
            if (known != null) {
                fields[6 + extras] = known.min();
                fields[7 + extras] = known.max();
            }
        }
        fields[8 + extras] = (long) check.usableRows();
        fields[9 + extras] = check.rejectedByReason();
        return RowFactory.create(fields);
    }

    /** The window of the last min(historyLength, its length) steps of the series' last part. */
    static Row latest(RegularSeries series, int historyLength) {
        int end = series.size();
        int start = Math.max(series.segmentStart(series.segments() - 1), end - historyLength);
        Object[] fields = new Object[6 + series.extras().length];
        fields[0] = series.seriesId();
        fields[1] = series.ts(end - 1);
        fields[2] = series.step(end - 1);
        fields[3] = series.anchor();
        fields[4] = Arrays.copyOfRange(series.values(), start, end);
        for (int e = 0; e < series.extras().length; e++) {
            fields[5 + e] = Arrays.copyOfRange(series.extras()[e], start, end);
        }
        fields[fields.length - 1] = (long) (end - start);
        return RowFactory.create(fields);
    }

    /**
     * What a table's latest windows hold, in one pass over them.
     *
     * @param series           series with usable rows
     * @param unknown          of those, series without scalers
     * @param tooShort         known series whose window is shorter than a forecast needs
     * @param rejectedByReason rejected rows by reason code
     */
    public record Counts(long series, long unknown, long tooShort, long inputRows, long usableRows,
                         Map<String, Long> rejectedByReason) {

        /**
         * Counts the windows (one job over them), logs the table's row counts, and fails, as
         * {@link SeriesLoader#loadSeries} does, when no row is usable.
         *
         * @param windowLength the steps a forecast needs
         */
        public static Counts of(Dataset<Row> windows, int windowLength, SeriesSource source, LocalDateTime cutoff) {
            Column hasWindow = col(SlidingWindows.HISTORY).isNotNull();
            Column known = col(SlidingWindows.SCALER_MIN).isNotNull();
            List<Column> sums = new ArrayList<>(List.of(count(when(hasWindow.and(not(known)), lit(1))),
                    count(when(known.and(col(AVAILABLE).lt(windowLength)), lit(1))), sum(USABLE_ROWS)));
            RejectReason[] reasons = RejectReason.values();
            for (int i = 0; i < reasons.length; i++) {
                sums.add(sum(col(REJECTED_ROWS).getItem(i)));
            }
            Row row = windows.agg(count(when(hasWindow, lit(1))), sums.toArray(Column[]::new)).first();
            Map<String, Long> rejected = new TreeMap<>();
            long rejectedRows = 0;
            for (int i = 0; i < reasons.length; i++) {
                long rows = row.isNullAt(4 + i) ? 0 : row.getLong(4 + i);
                if (rows > 0) {
                    rejected.put(reasons[i].code(), rows);
                    rejectedRows += rows;
                }
            }
            long usableRows = row.isNullAt(3) ? 0 : row.getLong(3);
            SeriesLoader.checkUsable(source, cutoff, usableRows + rejectedRows, usableRows, rejected);
            return new Counts(row.getLong(0), row.getLong(1), row.getLong(2), usableRows + rejectedRows, usableRows,
                    rejected);
        }
    }
}
